"""``cartwise eval SUITE SUITE ... --out DIR``: several suites in one process, each alone and pooled.

Each suite is run exactly as ``cartwise eval SUITE --out DIR/<name>`` would run it (its own data dir, report.json
and report.html); the encoders and the language identifier are loaded once for all of them, which is most of a
single suite's time. ``DIR/summary.json`` holds every suite's counts and totals and the pooled ones (counts summed
over the suites, so a big suite weighs more), and the gates apply to each suite and to the pool.
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from agent.settings import Settings
from evals.cli import run_eval_command
from evals.counts import Count
from evals.gates import GateError, check_gates, gates_passed, parse_gates
from evals.metrics import METRIC_NAMES, sum_counts, values


def suite_names(paths: list[Path]) -> list[str]:
    """A directory name per suite: its folder for ``suite.yaml``, else its file stem; repeats get ``-2``, ``-3``."""
    names: list[str] = []
    for path in paths:
        base = path.parent.name if path.stem == "suite" and path.parent.name else path.stem
        name, n = base, 1
        while name in names:
            n += 1
            name = f"{base}-{n}"
        names.append(name)
    return names


@dataclass(frozen=True)
class EvalOptions:
    """What ``cartwise eval`` is asked besides the suites: gates, an earlier report, the judge, the personas."""

    fail_under: list[str] = field(default_factory=list)
    fail_over: list[str] = field(default_factory=list)
    compare: Path | None = None
    judge: bool = False
    personas: bool = False

    def run_one(self, suite: Path, out_dir: Path, settings: Settings, out: TextIO, err: TextIO) -> int:
        """``cartwise eval SUITE --out DIR`` with these options (evals.cli.run_eval_command)."""
        return run_eval_command(suite, out_dir, settings, self.fail_under, self.fail_over, self.compare, self.judge,
                                self.personas, stdout=out, stderr=err)


def run_eval_suites(
    suite_paths: list[Path],
    out_dir: Path,
    settings: Settings,
    options: EvalOptions,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run one suite (as the contract fixes ``cartwise eval``) or several; exit 0 ok, 1 a gate missed, 2 bad input."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if len(suite_paths) == 1:
        return options.run_one(suite_paths[0], out_dir, settings, out, err)
    if options.compare is not None:
        print("error: --compare takes one suite's report.json; run that suite alone to compare it", file=err)
        return 2
    try:
        gates = parse_gates(list(options.fail_under), list(options.fail_over))
    except GateError as exc:
        print(f"error: {exc}", file=err)
        return 2
    missing = [str(p) for p in suite_paths if not p.is_file()]
    if missing:
        print(f"error: no such suite file: {', '.join(missing)}", file=err)
        return 2

    codes: dict[str, int] = {}
    counts: dict[str, dict[str, Count]] = {}
    for name, path in zip(suite_names(suite_paths), suite_paths, strict=True):
        suite_out, suite_err = io.StringIO(), io.StringIO()
        code = replace(options, compare=None).run_one(path, out_dir / name, settings, suite_out, suite_err)
        codes[name] = code
        if code == 2:  # bad input: the suite's own message says which file, line and field
            err.write(f"{name}: {suite_err.getvalue()}")
            continue
        report = json.loads((out_dir / name / "report.json").read_text(encoding="utf-8"))
        counts[name] = {m: Count(num=c["num"], den=c["den"]) for m, c in report["counts"].items() if m in METRIC_NAMES}
        out.write(f"{name}: {_line(values(counts[name]))}{'' if code == 0 else '  (a gate missed)'}\n")

    pooled = sum_counts(list(counts.values())) if counts else None
    pooled_gates = check_gates(values(pooled), gates) if pooled is not None else []
    if pooled is not None:
        out.write(f"\nall {len(counts)} suites pooled: {_line(values(pooled))}\n")
        for g in pooled_gates:
            if g.passed is False:
                out.write(f"FAILED pooled gate {g.gate.label}: {g.value:.3f}\n")
    summary = {
        "suites": {n: {"counts": _dump(c), "totals": values(c), "exit_code": codes[n]} for n, c in counts.items()},
        "pooled": {"counts": _dump(pooled), "totals": values(pooled)} if pooled is not None else None,
        "pooled_gates": [g.model_dump(mode="json") for g in pooled_gates],
        "refused": sorted(n for n, c in codes.items() if c == 2),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    out.write(f"\nReports: {out_dir}/<suite>/report.html\nSummary: {out_dir / 'summary.json'}\n")
    if any(c == 2 for c in codes.values()):
        return 2
    return 0 if all(c == 0 for c in codes.values()) and gates_passed(pooled_gates) else 1


def _dump(counts: dict[str, Count] | None) -> dict[str, dict[str, float]] | None:
    return None if counts is None else {m: {"num": c.num, "den": c.den} for m, c in counts.items()}


def _line(totals: dict[str, float | None]) -> str:
    shown = ("offer_precision", "opportunity_recall", "signal_accuracy", "unwanted_offer_rate", "guardrail_violations",
             "reoffer_after_decline", "pressure_phrases", "ungrounded_mentions")
    return "  ".join(f"{m} {'-' if totals.get(m) is None else format(totals[m], '.3g')}" for m in shown)
