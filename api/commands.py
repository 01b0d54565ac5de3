"""The work behind each ``cartwise`` verb (argument parsing lives in api.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from agent.settings import Settings
from knowledge.index import IndexMismatchError, IndexMissingError
from knowledge.store import IngestSummary, KnowledgeStore

if TYPE_CHECKING:
    from agent.agent import SalesAgent


@contextmanager
def _progress_bar(label: str):
    """A rich progress bar on a terminal, nothing otherwise; yields a progress(done, total) callback."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=_stderr_console(), transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def format_summary(s: IngestSummary) -> str:
    """The human summary printed after an ingest."""
    return (
        f"Ingested {s.catalog} ({s.format}) in {s.seconds:.1f} s\n"
        f"  products   {s.products} ({s.active} active, {s.out_of_stock} out of stock) in {s.categories} categories\n"
        f"  families   {s.families}\n"
        f"  relations  {s.curated_links} curated links, {s.compatibility_links} compatibility links\n"
        f"  rules      {s.rules} co-purchase rules from {s.orders} orders\n"
        f"  index      {s.added} added, {s.updated} re-embedded, {s.removed} removed, {s.unchanged} unchanged"
        + (f"\n  promotions {s.promotions}" if s.promotions else "")
        + (f"\n  multilingual index ({s.multilingual_embedder}): {s.multilingual_embedded} embedded"
           if s.multilingual_embedder else "")
    ) + "".join(f"\nWARNING {w}" for w in s.warnings)


def ensure_catalog(store: KnowledgeStore, use_sample: bool) -> bool:
    """True when a catalog is there; with ``use_sample`` ingest the bundled store first if needed."""
    if store.has_catalog():
        store.catalog  # loads the snapshot now: a corrupt one ends the command with one line, before serving
        try:
            note = store.multilingual_status()
        except (IndexMissingError, IndexMismatchError) as exc:
            note = f"the vector index cannot serve the catalog ({exc}); /readyz reports it"
        if note:
            print(f"Note: {note}", file=sys.stderr)
        return True
    if use_sample:
        print("No catalog indexed yet: ingesting the bundled sample store…", file=sys.stderr)
        with _progress_bar("Indexing sample store") as progress:
            summary = store.ingest_sample(progress=progress)
        print(format_summary(summary), file=sys.stderr)
        return True
    print(
        f"No catalog indexed in {store.settings.data_dir}.\n"
        "  Ingest yours:        cartwise ingest CATALOG [--orders ORDERS.csv]\n"
        "  or the sample store: cartwise ingest --sample   (or add --sample to this command)",
        file=sys.stderr,
    )
    return False


def _say_waiting(settings: Settings):
    def say() -> None:
        print(
            f"cartwise ingest: another ingest is running into {settings.knowledge.data_dir}; waiting up to "
            f"{settings.knowledge.ingest_lock_wait_s:g} s for it to finish…",
            file=sys.stderr,
        )

    return say


def ingest(args: argparse.Namespace, settings: Settings) -> int:
    """``cartwise ingest``: validate, index, print a summary; exit 1 with row errors on bad input."""
    store = KnowledgeStore(settings.knowledge)
    promotions = Path(args.promotions) if args.promotions else None
    if promotions is not None and not promotions.exists():
        print(f"cartwise ingest: {promotions}: no such file", file=sys.stderr)
        return 1
    if args.sample:
        from knowledge.store import sample_store_dir

        d = sample_store_dir()
        with _progress_bar("Indexing sample store") as progress:
            summary = store.ingest(
                d / "catalog.jsonl", d / "orders.csv", progress=progress, on_lock_wait=_say_waiting(settings),
                promotions_path=promotions,
            )
    elif not args.catalog:
        print("cartwise ingest: give a CATALOG file, or --sample for the bundled sample store", file=sys.stderr)
        return 2
    else:
        path = Path(args.catalog)
        if not path.exists():
            print(f"cartwise ingest: {path}: no such file", file=sys.stderr)
            return 1
        orders = Path(args.orders) if args.orders else None
        if orders is not None and not orders.exists():
            print(f"cartwise ingest: {orders}: no such file", file=sys.stderr)
            return 1
        with _progress_bar(f"Indexing {path.name}") as progress:
            summary = store.ingest(
                path, orders, format=args.format, progress=progress, on_lock_wait=_say_waiting(settings),
                promotions_path=promotions,
            )
    print(format_summary(summary))
    return 0


def chat(args: argparse.Namespace, settings: Settings) -> int:
    """``cartwise chat``: interactive, or ``--jsonl`` request/response lines."""
    from agent.agent import build_agent

    agent = build_agent(settings)
    if not ensure_catalog(agent.knowledge, use_sample=args.sample):
        return 1
    if args.jsonl:
        return _chat_jsonl(agent)
    from api.terminal import run_terminal_chat

    return run_terminal_chat(agent)


def _chat_jsonl(agent: SalesAgent) -> int:
    from agent.schemas import ChatRequest

    status = 0
    for n, line in enumerate(sys.stdin, start=1):
        if not line.strip():
            continue
        try:
            request = ChatRequest.model_validate_json(line)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'request'}: {e['msg']}" for e in exc.errors()
            )
            # One output line per input line, so callers can zip them; the error also goes to stderr.
            print(json.dumps({"error": f"stdin line {n}: {problems}", "line": n}), flush=True)
            print(f"cartwise chat --jsonl: stdin line {n}: {problems}", file=sys.stderr)
            status = 1
            continue
        response = agent.respond(request)
        print(response.model_dump_json(), flush=True)
    return status


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """``cartwise serve``: the HTTP API and the web chat page."""
    import uvicorn

    from api.app import create_app
    from agent.agent import build_agent

    agent = build_agent(settings)
    if not ensure_catalog(agent.knowledge, use_sample=args.sample):
        return 1
    host = args.host or settings.service.host
    port = args.port or settings.service.port
    print(f"Cartwise on http://{host}:{port}/  (rep console: /rep, API docs: /docs)", file=sys.stderr)
    uvicorn.run(create_app(settings, agent=agent), host=host, port=port, log_level="info")
    return 0


def evaluate(args: argparse.Namespace, settings: Settings) -> int:
    """``cartwise eval SUITE [SUITE ...] --out DIR``."""
    from evals.many import EvalOptions, run_eval_suites

    options = EvalOptions(
        fail_under=args.fail_under,
        fail_over=args.fail_over,
        compare=Path(args.compare) if args.compare else None,
        judge=args.judge,
        personas=args.personas,
    )
    return run_eval_suites([Path(s) for s in args.suite], Path(args.out), settings, options)


def followups(args: argparse.Namespace, settings: Settings) -> int:
    """``cartwise followups --orders FILE [--as-of DATETIME] --out FILE.jsonl``."""
    from agent.followups.memory import SessionMemory
    from agent.followups.orders import parse_time
    from agent.followups.service import make_planner, run_batch
    from agent.sql_store import make_session_store

    as_of = None
    if args.as_of:
        try:
            as_of = parse_time(args.as_of)
        except ValueError as exc:
            print(f"cartwise followups: --as-of: {exc}", file=sys.stderr)
            return 2
    orders = Path(args.orders)
    if not orders.exists():
        print(f"cartwise followups: {orders}: no such file", file=sys.stderr)
        return 1
    store = KnowledgeStore(settings.knowledge)
    if not ensure_catalog(store, use_sample=False):
        return 1
    sessions = make_session_store(settings.knowledge)
    try:
        summary = run_batch(make_planner(store, settings, SessionMemory(sessions)), orders, Path(args.out), as_of)
    finally:
        sessions.close()
    for warning in summary.warnings:
        print(f"WARNING {warning}", file=sys.stderr)
    print(
        f"{summary.followups} follow-up(s) for {summary.orders} order(s) ({summary.cross_sell} cross-sell, "
        f"{summary.replenish} replenish; {summary.skipped} order(s) without one) -> {args.out}",
        file=sys.stderr,
    )
    return 0
