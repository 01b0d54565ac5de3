"""The eval report as text: value formatting, report.json, and the Markdown summary printed at the end of a run."""

from __future__ import annotations

import json
from pathlib import Path

from evals.gates import Delta, GateResult
from evals.margin import ExpectedMargin
from evals.metrics import METRIC_NAMES, METRICS
from evals.report_model import EvalReport


def fmt(value: float | None, metric: str | None = None) -> str:
    """A metric value for people: null as "n/a", counts as integers, ratios with 3 decimals."""
    if value is None:
        return "n/a"
    if metric and METRICS[metric].kind == "count":
        return f"{value:g}"
    return f"{value:.3f}"


def fmt_change(d: Delta) -> str:
    """A change against an earlier report: signed, with "(better)"/"(worse)"."""
    if d.change is None:
        return "n/a"
    sign = "+" if d.change > 0 else ""
    mark = "" if d.improved is None else (" (better)" if d.improved else " (worse)")
    return f"{sign}{d.change:.3f}{mark}"


def gate_status(g: GateResult) -> str:
    """PASS, FAIL or SKIP (null value)."""
    return "PASS" if g.passed else "FAIL" if g.passed is False else "SKIP"


def gate_direction(g: GateResult) -> str:
    """Which side of the threshold passes, in words: "at least 0.85 (higher is better)"."""
    if g.gate.op == "min":
        return f"at least {g.gate.threshold:g} (higher is better)"
    return f"at most {g.gate.threshold:g} (lower is better)"


def gate_line(g: GateResult) -> str:
    """One gate with its value: "offer_precision = 0.500, needs at least 0.85 (higher is better): FAIL"."""
    value = fmt(g.value, g.gate.metric)
    note = f" ({g.note})" if g.passed is None and g.note else ""
    return f"{g.gate.metric} = {value}, needs {gate_direction(g)}: {gate_status(g)}{note}"


def verdict_lines(report: EvalReport) -> list[str]:
    """The closing lines of a summary: every failed gate, else "All gates passed" (saying when none were set)."""
    failed = report.failed_gates
    if failed:
        return [f"FAILED GATES ({len(failed)} of {len(report.gates)}):"] + [f"- {gate_line(g)}" for g in failed]
    if not report.gates:
        return ["All gates passed (no gates were set: use --fail-under / --fail-over)."]
    skipped = sum(g.passed is None for g in report.gates)
    extra = f"; {skipped} skipped on a null value" if skipped else ""
    return [f"All gates passed ({len(report.gates) - skipped} of {len(report.gates)}{extra})."]


def margin_line(m: ExpectedMargin) -> str:
    """Expected margin in one sentence."""
    if not m.offers_with_margin:
        return f"Expected margin of the offers made: n/a (none of the {m.offers} offers has a catalog margin)"
    cur = f" {m.currency}" if m.currency else ""
    return (
        f"Expected margin of the offers made: total {m.total:.2f}{cur}, mean {m.mean:.2f}{cur} per offer "
        f"({m.offers_with_margin} of {m.offers} offers have a catalog margin)"
    )


def write_json(report: EvalReport, path: Path) -> None:
    """Write report.json (pretty, UTF-8, nulls kept)."""
    path.write_text(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False), encoding="utf-8")


def markdown_summary(report: EvalReport, max_failures: int = 10) -> str:
    """A short Markdown summary for terminals and CI logs; it ends with the failed gates."""
    gate_by_metric: dict[str, list[GateResult]] = {}
    for g in report.gates:
        gate_by_metric.setdefault(g.gate.metric, []).append(g)
    deltas = {d.metric: d for d in report.comparison or []}
    lines = [
        f"## Cartwise eval: {report.suite}",
        "",
        f"{report.scenarios_passed}/{report.scenarios_total} scenarios passed, "
        f"{report.turns_failed}/{report.turns_total} turns failed, {report.errors} errors, {report.seconds:.1f} s",
        "",
        "| metric | value | gate | change |" if deltas else "| metric | value | gate |",
        "|---|---|---|---|" if deltas else "|---|---|---|",
    ]
    for name in METRIC_NAMES:
        gates = gate_by_metric.get(name, [])
        gate_txt = "; ".join(
            f"{g.gate.label} {'PASS' if g.passed else 'FAIL' if g.passed is False else 'SKIP (null)'}" for g in gates
        )
        row = f"| {name} | {fmt(report.totals.get(name), name)} | {gate_txt} |"
        if deltas:
            row += f" {fmt_change(deltas[name])} |" if name in deltas else " |"
        lines.append(row)
    lines += ["", margin_line(report.expected_margin)]
    failing = report.failing_turns
    if failing:
        lines += ["", f"Failing turns ({len(failing)}; first {min(len(failing), max_failures)}):"]
        for s, t in failing[:max_failures]:
            user = t.user if len(t.user) <= 70 else t.user[:67] + "..."
            lines.append(f"- `{s.id}` turn {t.index + 1} \u201c{user}\u201d: {'; '.join(t.problems)}")
    if report.judge is not None:
        lines += ["", f"LLM judge ({report.judge.model}): relevance {fmt(report.judge.relevance_mean)}, "
                  f"pushiness {fmt(report.judge.pushiness_mean)} over {report.judge.turns_judged} turns"]
    if report.personas is not None:
        p = report.personas
        lines += ["", f"Simulated shoppers: acceptance rate {fmt(p.acceptance_rate)}, "
                  f"pass^{p.k} {fmt(p.pass_hat_k)} over {len(p.personas)} personas"]
    lines += ["", *verdict_lines(report)]
    return "\n".join(lines) + "\n"
