"""``cartwise eval``: ingest the suite's own store into a throwaway data dir, run, score, report, gate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from agent.settings import Settings
from evals.bundle_figures import bundle_figures
from evals.gates import GateError, check_gates, compare as compare_totals, gates_passed, load_totals, parse_gates
from evals.metrics import Checks
from evals.personas import PersonaError, load_personas, run_personas
from evals.report import build_report, markdown_summary, write_report
from evals.runner import Progress, ResponderFactory, run_suite
from evals.suite import SuiteError, load_suite
from knowledge.catalog import Catalog

REMOTE_WORKERS = 4


def eval_settings(settings: Settings, data_dir: Path) -> Settings:
    """The user's settings pointed at the eval's own data dir: never the user's index, sessions or server."""
    return settings.updated(data_dir=data_dir, chroma_url=None, database_url=None)


def default_checks(catalog: Catalog, max_uplift: float) -> Checks:
    """Scoring inputs using the agent's pressure and grounding detectors (text checks only, not its policy)."""
    from agent.reply.grounding import find_ungrounded
    from agent.reply.pressure import find_pressure

    return Checks(catalog=catalog, pressure=find_pressure, grounding=find_ungrounded, max_uplift=max_uplift)


@contextmanager
def progress_bar(total: int, stream: TextIO, label: str) -> Iterator[Progress | None]:
    """A rich progress bar on a terminal; nothing (None) when output is redirected (CI logs stay clean)."""
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as RichProgress, TimeElapsedColumn

    with RichProgress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=Console(file=stream), transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done, _total: bar.update(task, completed=done)


def run_eval_command(
    suite_path: Path,
    out_dir: Path,
    settings: Settings,
    fail_under: list[str],
    fail_over: list[str],
    compare: Path | None,
    judge: bool,
    personas: bool,
    *,
    responder_factory: ResponderFactory | None = None,
    checks: Checks | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``cartwise eval``; returns the exit code (0 ok, 1 a gate missed, 2 bad input).

    ``responder_factory`` and ``checks`` replace the real agent and detectors (tests); by default the
    suite's catalog and orders are ingested into ``OUT/.data`` (the eval's own data dir) and the agent is
    built from it.
    """
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        gates = parse_gates(list(fail_under), list(fail_over))
        old = load_totals(compare) if compare is not None else None
        suite = load_suite(suite_path)
        persona_list = None
        if personas:
            ppath = suite.path.parent / "personas.yaml"
            if not ppath.is_file():
                raise PersonaError(f"--personas: no personas.yaml next to {suite.path}")
            persona_list = load_personas(ppath)
    except (GateError, SuiteError, PersonaError) as exc:
        print(f"error: {exc}", file=err)
        return 2

    # The eval's own data dir under OUT: never the user's. Kept between runs because the vector index is
    # synced by content hash, so re-running on an unchanged catalog skips re-embedding it.
    data_dir = Path(out_dir) / ".data"
    data_dir.mkdir(parents=True, exist_ok=True)
    run_settings = eval_settings(settings, data_dir)
    run_settings.knowledge.sqlite_path.unlink(missing_ok=True)  # sessions of earlier runs are of no use
    if responder_factory is None or checks is None:
        from knowledge.models import CatalogError
        from knowledge.store import KnowledgeStore

        store = KnowledgeStore(run_settings.knowledge)
        try:
            store.ingest(suite.catalog, suite.orders)
        except CatalogError as exc:
            print(f"error: the suite's catalog was refused: {exc}", file=err)
            return 2
        catalog = store.catalog
        if responder_factory is None:
            from agent.agent import build_agent

            def responder_factory():  # noqa: ANN202 - one agent per worker, sharing the store
                return build_agent(run_settings, knowledge=store).respond

        if checks is None:
            checks = default_checks(catalog, settings.policy.max_uplift)
    try:
        suite.check_skus(checks.catalog)
    except SuiteError as exc:
        print(f"error: {exc}", file=err)
        return 2

    chat = settings.model
    workers = REMOTE_WORKERS if chat.model_provider == "openai" else 1
    with progress_bar(len(suite.scenarios), err, f"eval {suite.name}") as progress:
        result = run_suite(suite, responder_factory, progress=progress, workers=workers)
    run_info = {
        "model_provider": chat.model_provider,
        "model": chat.model_name if chat.model_provider == "openai" else chat.model_provider,
        "max_uplift": settings.policy.max_uplift,
        "workers": workers,
    }
    report = build_report(result, checks, run_info)
    report.gates = check_gates(report.totals, gates)
    if old is not None:
        report.comparison = compare_totals(old, report.totals)
    if judge:
        from evals.judge import judge_result, make_judge_model

        model = make_judge_model(settings)
        if model is None:
            print("note: --judge needs CARTWISE_JUDGE_MODEL_NAME (and a base URL/key); judge skipped", file=err)
        else:
            report.judge = judge_result(result, model)
    if persona_list is not None:
        report.personas = run_personas(persona_list, responder_factory, checks.catalog)

    json_path, html_path = write_report(report, Path(out_dir))
    for g in report.gates:
        if g.passed is None:
            print(f"note: gate {g.gate.label} skipped ({g.note})", file=err)
    if report.errors:
        print(f"warning: {report.errors} turn(s) raised an error in the agent", file=err)
    err.flush()
    # The paths first and the summary last: a terminal run ends with the failed gates (or "all gates passed").
    out.write(f"Report: {html_path}\nData: {json_path}\n\n")
    figures = bundle_figures(json.loads(Path(json_path).read_text(encoding="utf-8")))
    if figures.expected or figures.offered:
        out.write(f"{figures.line()}\n\n")
    out.write(markdown_summary(report))
    return 0 if gates_passed(report.gates) else 1
