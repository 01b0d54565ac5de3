"""The eval report's charts: one bar chart per metric by tag, coloured by the side of its gate each bar is on."""

from __future__ import annotations

from evals.charts import Bar, bar_chart, data_table, esc, tone_for
from evals.gates import GateResult
from evals.metrics import METRIC_NAMES, METRICS
from evals.report_model import EvalReport
from evals.report_text import fmt, gate_direction


def _scale(metric: str) -> float | None:
    """Ratios on 0..1 (offers_per_turn is a mean, on 0..max like the counts)."""
    return 1.0 if METRICS[metric].kind == "ratio" and metric != "offers_per_turn" else None


def metric_chart(metric: str, report: EvalReport, gate: GateResult | None) -> str:
    """One metric by tag as a figure: the chart and a caption saying which way is better and what colours mean."""
    threshold = gate.gate.threshold if gate else None
    better = ("higher" if gate.gate.op == "min" else "lower") if gate else None
    total = report.totals.get(metric)
    bars = [Bar("ALL", total, tone_for(total, threshold, better) if gate else "total")]
    bars += [Bar(tag, vals.get(metric), tone_for(vals.get(metric), threshold, better)) for tag, vals in
             report.by_tag.items()]
    if gate:
        caption = f"gate: {gate_direction(gate)}; green \u2713 passes, red \u2717 misses; dashed line = threshold"
    else:
        caption = f"{METRICS[metric].better} is better; no gate set"
    svg = bar_chart(
        bars,
        chart_id=f"chart-{metric}",
        title=f"{metric} by tag",
        desc=f"{metric} for all scenarios and per tag; {caption}.",
        fmt=lambda v: fmt(v, metric),
        scale_max=_scale(metric),
        threshold=threshold,
    )
    return f'<figure class="chart"><h3>{esc(metric)}</h3>{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def _all_zero(metric: str, report: EvalReport) -> bool:
    values = [report.totals.get(metric), *[vals.get(metric) for vals in report.by_tag.values()]]
    return all(not v for v in values)


def charts_section(report: EvalReport) -> str:
    """Charts of every metric by tag; the all-zero ones folded away, the numbers in a folded table."""
    first_gate: dict[str, GateResult] = {}
    for g in report.gates:
        first_gate.setdefault(g.gate.metric, g)
    shown = [m for m in METRIC_NAMES if not _all_zero(m, report)]
    zero = [m for m in METRIC_NAMES if _all_zero(m, report)]
    out = ['<h2 id="charts">Metrics by tag</h2><div class="charts">']
    out.extend(metric_chart(m, report, first_gate.get(m)) for m in shown)
    out.append("</div>")
    if zero:
        out.append(
            f'<details class="zero"><summary>{len(zero)} charts with every value 0 or n/a: '
            f"{esc(', '.join(zero))}</summary><div class=\"charts\">"
        )
        out.extend(metric_chart(m, report, first_gate.get(m)) for m in zero)
        out.append("</div></details>")
    rows = [["ALL", *[fmt(report.totals.get(m), m) for m in METRIC_NAMES]]]
    rows += [[tag, *[fmt(vals.get(m), m) for m in METRIC_NAMES]] for tag, vals in report.by_tag.items()]
    out.append(
        "<details><summary>The numbers behind the charts</summary>"
        + data_table("Metrics per tag", ["tag", *METRIC_NAMES], rows, css="wide")
        + "</details>"
    )
    return "\n".join(out)
