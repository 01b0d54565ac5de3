"""The eval report: report.json (every metric per scenario, per tag and in total), report.html, Markdown."""

from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from agent.schemas import ChatContext, Offer, Signal
from evals.gates import Delta, GateResult
from evals.judge import JudgeSummary
from evals.metrics import METRIC_NAMES, METRICS, Checks, Count, score_turns, sum_counts, turn_problems, values
from evals.personas import PersonaSummary
from evals.runner import SuiteResult
from evals.suite import Expectation


class TurnReport(BaseModel):
    """One turn in the report: words, reply, offers, expectation and what went wrong."""

    index: int
    user: str
    context: ChatContext
    reply: str
    offers: list[Offer]
    signals: list[Signal]
    expected: Expectation
    problems: list[str] = Field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


class ScenarioReport(BaseModel):
    """One scenario's metrics and turns."""

    id: str
    tags: list[str]
    passed: bool
    metrics: dict[str, float | None]
    counts: dict[str, dict[str, float]]
    turns: list[TurnReport]


class EvalReport(BaseModel):
    """Everything ``cartwise eval`` measured; written as report.json."""

    suite: str
    suite_path: str
    catalog: str
    run_id: str
    created_at: str
    seconds: float
    run_info: dict[str, Any] = Field(default_factory=dict)
    scenarios_total: int
    scenarios_passed: int
    turns_total: int
    turns_failed: int
    errors: int
    totals: dict[str, float | None]
    counts: dict[str, dict[str, float]]
    by_tag: dict[str, dict[str, float | None]]
    metric_definitions: dict[str, str]
    scenarios: list[ScenarioReport]
    gates: list[GateResult] = Field(default_factory=list)
    comparison: list[Delta] | None = None
    judge: JudgeSummary | None = None
    personas: PersonaSummary | None = None

    @property
    def failing_turns(self) -> list[tuple[ScenarioReport, TurnReport]]:
        """Every turn with a problem, with its scenario."""
        return [(s, t) for s in self.scenarios for t in s.turns if t.problems]


def _plain(c: Count) -> dict[str, float]:
    return {"num": c.num, "den": c.den}


def build_report(result: SuiteResult, checks: Checks, run_info: dict[str, Any] | None = None) -> EvalReport:
    """Score every scenario and aggregate per tag and in total (sums of counts, not means of means)."""
    scenario_reports: list[ScenarioReport] = []
    scenario_counts: list[dict[str, Count]] = []
    for sc in result.scenarios:
        per_turn = score_turns(sc.turns, checks)
        turns = []
        for i, t in enumerate(sc.turns):
            counts_i = {name: per_turn[name][i] for name in METRIC_NAMES}
            turns.append(
                TurnReport(
                    index=t.index,
                    user=t.request.message,
                    context=t.request.context,
                    reply=t.response.reply,
                    offers=t.response.offers,
                    signals=t.response.signals,
                    expected=t.expected,
                    problems=turn_problems(t, counts_i),
                    error=t.error,
                    seconds=round(t.seconds, 4),
                )
            )
        counts = sum_counts([{name: per_turn[name][i] for name in METRIC_NAMES} for i in range(len(sc.turns))])
        scenario_counts.append(counts)
        scenario_reports.append(
            ScenarioReport(
                id=sc.id,
                tags=sc.tags,
                passed=not any(t.problems for t in turns),
                metrics=values(counts),
                counts={k: _plain(v) for k, v in counts.items()},
                turns=turns,
            )
        )
    totals = sum_counts(scenario_counts)
    tags = sorted({tag for s in result.scenarios for tag in s.tags})
    by_tag = {
        tag: values(sum_counts([c for s, c in zip(result.scenarios, scenario_counts, strict=True) if tag in s.tags]))
        for tag in tags
    }
    all_turns = [t for s in scenario_reports for t in s.turns]
    return EvalReport(
        suite=result.suite,
        suite_path=str(result.suite_path),
        catalog=str(result.catalog_path),
        run_id=result.run_id,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        seconds=round(result.seconds, 3),
        run_info=run_info or {},
        scenarios_total=len(scenario_reports),
        scenarios_passed=sum(s.passed for s in scenario_reports),
        turns_total=len(all_turns),
        turns_failed=sum(bool(t.problems) for t in all_turns),
        errors=sum(t.error is not None for t in all_turns),
        totals=values(totals),
        counts={k: _plain(v) for k, v in totals.items()},
        by_tag=by_tag,
        metric_definitions={k: m.description for k, m in METRICS.items()},
        scenarios=scenario_reports,
    )


# --- formatting ---------------------------------------------------------------------------------


def fmt(value: float | None, metric: str | None = None) -> str:
    """A metric value for people: null as "n/a", counts as integers, ratios with 3 decimals."""
    if value is None:
        return "n/a"
    if metric and METRICS[metric].kind == "count":
        return f"{value:g}"
    return f"{value:.3f}"


def _fmt_change(d: Delta) -> str:
    if d.change is None:
        return "n/a"
    sign = "+" if d.change > 0 else ""
    mark = "" if d.improved is None else (" (better)" if d.improved else " (worse)")
    return f"{sign}{d.change:.3f}{mark}"


def write_json(report: EvalReport, path: Path) -> None:
    """Write report.json (pretty, UTF-8, nulls kept)."""
    path.write_text(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False), encoding="utf-8")


def markdown_summary(report: EvalReport, max_failures: int = 10) -> str:
    """A short Markdown summary for CI logs."""
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
            row += f" {_fmt_change(deltas[name])} |" if name in deltas else " |"
        lines.append(row)
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
    return "\n".join(lines) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid #dde2ea;padding:4px 7px;text-align:left;vertical-align:top}
th{background:#f3f5f9}.pass{background:#e3f6e8}.fail{background:#fde4e4}.skip{background:#eef0f3;color:#666}
.muted{color:#667}.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:14px}.chart{border:1px solid #dde2ea;padding:6px;border-radius:4px}
.chart h3{font-size:13px;margin:0 0 4px}code{background:#f3f5f9;padding:0 3px}
td.words{max-width:300px}td.reply{max-width:360px;white-space:pre-wrap}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _bar_chart(metric: str, by_tag: dict[str, dict[str, float | None]], total: float | None) -> str:
    """An inline SVG horizontal bar chart of one metric by tag (ratios on 0..1, counts on 0..max)."""
    rows = [("ALL", total)] + [(tag, vals.get(metric)) for tag, vals in by_tag.items()]
    values_ = [v for _, v in rows if v is not None]
    scale = 1.0 if METRICS[metric].kind == "ratio" and metric != "offers_per_turn" else max(values_ + [1.0])
    bar_h, label_w, bar_w = 14, 150, 200
    height = bar_h * len(rows) + 6
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" role="img">']
    for i, (tag, v) in enumerate(rows):
        y = i * bar_h + 3
        parts.append(f'<text x="{label_w - 4}" y="{y + 11}" font-size="11" text-anchor="end">{_e(tag[:24])}</text>')
        if v is None:
            parts.append(f'<text x="{label_w + 2}" y="{y + 11}" font-size="11" fill="#888">n/a</text>')
            continue
        w = 0 if scale == 0 else max(0.0, min(1.0, v / scale)) * bar_w
        colour = "#3b6fd8" if tag != "ALL" else "#1d2330"
        parts.append(f'<rect x="{label_w}" y="{y + 1}" width="{w:.1f}" height="{bar_h - 3}" fill="{colour}"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 11}" font-size="11">{_e(fmt(v, metric))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _offers_html(offers: list[Offer]) -> str:
    if not offers:
        return '<span class="muted">none</span>'
    return "<br>".join(
        f"<code>{_e(o.sku)}</code> {_e(o.kind)} {_e(o.name)} {_e(f'{o.price:g}')} {_e(o.currency)}" for o in offers
    )


def _expected_html(exp: Expectation) -> str:
    parts = []
    if exp.offer is not None:
        parts.append("offer: " + (", ".join(exp.offer) if isinstance(exp.offer, list) else exp.offer)
                     + (" (optional)" if exp.optional else ""))
    if exp.kind:
        parts.append(f"kind: {exp.kind}")
    if exp.signal:
        parts.append(f"signal: {exp.signal}")
    return _e("; ".join(parts) or "-")


def render_html(report: EvalReport) -> str:
    """A self-contained HTML report (inline CSS and SVG; every value escaped)."""
    gate_by_metric: dict[str, list[GateResult]] = {}
    for g in report.gates:
        gate_by_metric.setdefault(g.gate.metric, []).append(g)
    deltas = {d.metric: d for d in report.comparison or []}
    out = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        f"<title>Cartwise eval: {_e(report.suite)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Cartwise eval: {_e(report.suite)}</h1>",
        f'<p class="muted">{_e(report.created_at)} · run {_e(report.run_id)} · {_e(report.suite_path)} · '
        f"{report.seconds:.1f} s · "
        + _e(", ".join(f"{k}={v}" for k, v in report.run_info.items()))
        + "</p>",
        f"<p><b>{report.scenarios_passed}/{report.scenarios_total}</b> scenarios passed · "
        f"<b>{report.turns_failed}/{report.turns_total}</b> turns failed · {report.errors} responder errors</p>",
        "<h2>Metrics and gates</h2><table><tr><th>metric</th><th>value</th><th>gates</th>",
    ]
    if deltas:
        out.append("<th>previous</th><th>change</th>")
    out.append("<th>definition</th></tr>")
    for name in METRIC_NAMES:
        gates = gate_by_metric.get(name, [])
        cls = ""
        if any(g.passed is False for g in gates):
            cls = "fail"
        elif gates and all(g.passed for g in gates):
            cls = "pass"
        elif gates:
            cls = "skip"
        gate_txt = "<br>".join(
            _e(f"{g.gate.label}: {'pass' if g.passed else 'FAIL' if g.passed is False else g.note}") for g in gates
        )
        row = (
            f'<tr class="{cls}"><td><code>{_e(name)}</code></td>'
            f'<td class="num">{_e(fmt(report.totals.get(name), name))}</td><td>{gate_txt}</td>'
        )
        if deltas:
            d = deltas.get(name)
            dcls = "" if d is None or d.improved is None else ("pass" if d.improved else "fail")
            row += (
                f'<td class="num">{_e(fmt(d.old, name) if d else "n/a")}</td>'
                f'<td class="num {dcls}">{_e(_fmt_change(d) if d else "n/a")}</td>'
            )
        row += f'<td class="muted">{_e(METRICS[name].description)}</td></tr>'
        out.append(row)
    out.append("</table>")

    out.append('<h2>Metrics by tag</h2><div class="charts">')
    for name in METRIC_NAMES:
        out.append(
            f'<div class="chart"><h3>{_e(name)}</h3>{_bar_chart(name, report.by_tag, report.totals.get(name))}</div>'
        )
    out.append("</div>")

    if report.judge is not None:
        j = report.judge
        out.append(
            f"<h2>LLM judge (beside, not part of, the metrics)</h2><p>model {_e(j.model)}; "
            f"{j.turns_judged} turns judged, {j.votes} votes each at temperature 0. "
            f"Mean relevance <b>{_e(fmt(j.relevance_mean))}</b> (1–5, higher is better), mean pushiness "
            f"<b>{_e(fmt(j.pushiness_mean))}</b> (1–5, lower is better); {j.failures} turns could not be judged.</p>"
        )
    if report.personas is not None:
        p = report.personas
        out.append(
            f"<h2>Simulated shoppers</h2><p>acceptance rate <b>{_e(fmt(p.acceptance_rate))}</b> · "
            f"pass^{p.k} <b>{_e(fmt(p.pass_hat_k))}</b></p><table><tr><th>persona</th><th>runs passed</th>"
            "<th>offers</th><th>accepted</th><th>last outcome</th></tr>"
        )
        for po in p.personas:
            out.append(
                f"<tr class=\"{'pass' if po.passes == p.k else 'fail'}\"><td>{_e(po.id)}</td>"
                f'<td class="num">{po.passes}/{p.k}</td><td class="num">{po.offers}</td>'
                f'<td class="num">{po.accepted}</td><td>{_e(po.outcome)}</td></tr>'
            )
        out.append("</table>")

    failing = report.failing_turns
    out.append(f"<h2>Failing turns ({len(failing)})</h2>")
    if failing:
        out.append(
            "<table><tr><th>scenario</th><th>turn</th><th>shopper</th><th>reply</th><th>offers</th>"
            "<th>expected</th><th>problems</th></tr>"
        )
        for s, t in failing:
            out.append(
                f"<tr><td><code>{_e(s.id)}</code><br><span class=muted>{_e(', '.join(s.tags))}</span></td>"
                f'<td class="num">{t.index + 1}</td><td class="words">{_e(t.user)}</td>'
                f'<td class="reply">{_e(t.reply)}</td><td>{_offers_html(t.offers)}</td>'
                f"<td>{_expected_html(t.expected)}</td><td>{'<br>'.join(_e(p) for p in t.problems)}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>None.</p>")

    out.append("<h2>Scenarios</h2><table><tr><th>scenario</th><th>tags</th><th>turns</th>")
    out.extend(f"<th>{_e(n)}</th>" for n in METRIC_NAMES)
    out.append("</tr>")
    for s in report.scenarios:
        out.append(
            f"<tr class=\"{'pass' if s.passed else 'fail'}\"><td><code>{_e(s.id)}</code></td>"
            f"<td>{_e(', '.join(s.tags))}</td><td class=num>{len(s.turns)}</td>"
            + "".join(f'<td class="num">{_e(fmt(s.metrics.get(n), n))}</td>' for n in METRIC_NAMES)
            + "</tr>"
        )
    out.append("</table></body></html>")
    return "\n".join(out)


def write_report(report: EvalReport, out_dir: Path) -> tuple[Path, Path]:
    """Write report.json and report.html into ``out_dir``; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "report.json", out_dir / "report.html"
    write_json(report, json_path)
    html_path.write_text(render_html(report), encoding="utf-8")
    return json_path, html_path
