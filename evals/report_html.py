"""The eval report as one self-contained HTML page: gate banner, failing turns, metrics, charts, scenarios.

Inline CSS, inline SVG and one tiny inline script (the "failed only" filter): it opens from disk, offline, and
every value from the run is escaped.
"""

from __future__ import annotations

from evals.charts import esc
from evals.gates import GateResult
from evals.metrics import METRIC_NAMES, METRICS
from evals.report_charts import charts_section
from evals.report_model import EvalReport, ScenarioReport, TurnReport
from evals.report_text import fmt, fmt_change, gate_direction, gate_status, margin_line
from evals.suite import Expectation

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px;color:#1d2330;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea}
table{border-collapse:collapse;width:100%;margin:6px 0;table-layout:fixed}
th,td{border:1px solid #dde2ea;padding:4px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f3f5f9}.pass{background:#e3f6e8}.fail{background:#fde4e4}.skip{background:#eef0f3;color:#555}
.muted{color:#5b6270}.num{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:14px}.chart{border:1px solid #dde2ea;padding:6px;border-radius:4px;margin:0}
.chart h3{font-size:13px;margin:0 0 4px}figcaption{font-size:12px;color:#5b6270;max-width:450px}
code{background:#f3f5f9;padding:0 3px}td.reply{white-space:pre-wrap}caption{text-align:left;font-weight:600}
.banner{border:2px solid;border-radius:6px;padding:10px 14px;margin:12px 0}
.banner h2{border:0;margin:0 0 6px;font-size:20px}.banner.fail{border-color:#c62828}
.banner.pass{border-color:#1a7f37}.banner.none{border-color:#8a93a3;background:#f6f7f9}
.banner table{background:#fff}details{margin:8px 0}summary{cursor:pointer;color:#3b4a6b}
.toolbar{margin:6px 0}body.failed-only tr.ok{display:none}
table.failing col.sc{width:150px}table.failing col.n{width:56px}table.failing col.off{width:170px}
table.failing col.exp{width:150px}table.failing col.pr{width:230px}
table.scen col.sc{width:170px}table.scen col.tg{width:120px}table.scen col.n{width:60px}
table.scen th{font-size:12px;overflow-wrap:normal}
"""

_FILTER_JS = (
    "document.getElementById('failed-only').addEventListener('change',function(e){"
    "document.body.classList.toggle('failed-only',e.target.checked);});"
)


def _wrap_name(name: str) -> str:
    """A snake_case name that may break after each underscore (narrow table headers)."""
    return esc(name).replace("_", "_<wbr>")


def banner(report: EvalReport) -> str:
    """The verdict at the top: PASS/FAIL with every gate's metric, value, threshold, direction and result."""
    failed = report.failed_gates
    if not report.gates:
        return (
            '<section class="banner none" role="status"><h2>No gates set</h2><p>Run with '
            "<code>--fail-under METRIC=VALUE</code> / <code>--fail-over METRIC=VALUE</code> to gate this suite. "
            f"{report.scenarios_passed}/{report.scenarios_total} scenarios passed.</p></section>"
        )
    cls, head = ("fail", f"FAIL: {len(failed)} of {len(report.gates)} gates missed") if failed else (
        "pass", f"PASS: all {len(report.gates)} gates held")
    rows = "".join(_gate_row(g) for g in report.gates)
    return (
        f'<section class="banner {cls}" role="status" aria-label="gate verdict"><h2>{esc(head)}</h2>'
        "<table><tr><th>metric</th><th>value</th><th>threshold</th><th>which way</th><th>result</th></tr>"
        f"{rows}</table></section>"
    )


def _gate_row(g: GateResult) -> str:
    cls = {"PASS": "pass", "FAIL": "fail", "SKIP": "skip"}[gate_status(g)]
    result = gate_status(g) + (f" ({g.note})" if g.passed is None and g.note else "")
    return (
        f'<tr class="{cls}"><td><code>{esc(g.gate.metric)}</code></td>'
        f'<td class="num">{esc(fmt(g.value, g.gate.metric))}</td><td class="num">{esc(f"{g.gate.threshold:g}")}</td>'
        f"<td>{esc(gate_direction(g))}</td><td><b>{esc(result)}</b></td></tr>"
    )


def _offers_html(offers: list) -> str:
    if not offers:
        return '<span class="muted">none</span>'
    return "<br>".join(
        f"<code>{esc(o.sku)}</code> {esc(o.kind)} {esc(o.name)} {esc(f'{o.price:g}')} {esc(o.currency)}"
        for o in offers
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
    return esc("; ".join(parts) or "-")


def failing_turns(failing: list[tuple[ScenarioReport, TurnReport]]) -> str:
    """Every failing turn: the shopper's words, the reply, the offers, what was expected and what went wrong."""
    out = [f'<h2 id="failing">Failing turns ({len(failing)})</h2>']
    if not failing:
        return out[0] + "<p>None.</p>"
    out.append(
        '<table class="failing"><colgroup><col class="sc"><col class="n"><col><col><col class="off">'
        '<col class="exp"><col class="pr"></colgroup><tr><th>scenario</th><th>turn</th><th>shopper</th>'
        "<th>reply</th><th>offers</th><th>expected</th><th>problems</th></tr>"
    )
    for s, t in failing:
        out.append(
            f"<tr><td><code>{esc(s.id)}</code><br><span class=muted>{esc(', '.join(s.tags))}</span></td>"
            f'<td class="num">{t.index + 1}</td><td>{esc(t.user)}</td>'
            f'<td class="reply">{esc(t.reply)}</td><td>{_offers_html(t.offers)}</td>'
            f"<td>{_expected_html(t.expected)}</td><td>{'<br>'.join(esc(p) for p in t.problems)}</td></tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def metrics_table(report: EvalReport) -> str:
    """Every metric's total, its gates, the change against an earlier report and its definition."""
    gate_by_metric: dict[str, list[GateResult]] = {}
    for g in report.gates:
        gate_by_metric.setdefault(g.gate.metric, []).append(g)
    deltas = {d.metric: d for d in report.comparison or []}
    out = ["<h2>Metrics and gates</h2><table><tr><th>metric</th><th>value</th><th>better</th><th>gates</th>"]
    if deltas:
        out.append("<th>previous</th><th>change</th>")
    out.append('<th style="width:34%">definition</th></tr>')
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
            esc(f"{g.gate.label}: {'pass' if g.passed else 'FAIL' if g.passed is False else g.note}") for g in gates
        )
        row = (
            f'<tr class="{cls}"><td><code>{_wrap_name(name)}</code></td>'
            f'<td class="num">{esc(fmt(report.totals.get(name), name))}</td><td>{esc(METRICS[name].better)}</td>'
            f"<td>{gate_txt}</td>"
        )
        if deltas:
            d = deltas.get(name)
            dcls = "" if d is None or d.improved is None else ("pass" if d.improved else "fail")
            row += (
                f'<td class="num">{esc(fmt(d.old, name) if d else "n/a")}</td>'
                f'<td class="num {dcls}">{esc(fmt_change(d) if d else "n/a")}</td>'
            )
        row += f'<td class="muted">{esc(METRICS[name].description)}</td></tr>'
        out.append(row)
    out.append("</table>")
    m = report.expected_margin
    out.append(f'<p id="expected-margin"><b>{esc(margin_line(m))}</b>. If every offer were taken, this is what '
               "the merchant would earn on them: offer price \u00d7 catalog margin.</p>")
    return "\n".join(out)


def extras(report: EvalReport) -> str:
    """The LLM judge and simulated shoppers, when they ran."""
    out = []
    if report.judge is not None:
        j = report.judge
        out.append(
            f"<h2>LLM judge (beside, not part of, the metrics)</h2><p>model {esc(j.model)}; "
            f"{j.turns_judged} turns judged, {j.votes} votes each at temperature 0. "
            f"Mean relevance <b>{esc(fmt(j.relevance_mean))}</b> (1–5, higher is better), mean pushiness "
            f"<b>{esc(fmt(j.pushiness_mean))}</b> (1–5, lower is better); {j.failures} turns could not be judged.</p>"
        )
    if report.personas is not None:
        p = report.personas
        out.append(
            f"<h2>Simulated shoppers</h2><p>acceptance rate <b>{esc(fmt(p.acceptance_rate))}</b> · "
            f"pass^{p.k} <b>{esc(fmt(p.pass_hat_k))}</b></p><table><tr><th>persona</th><th>runs passed</th>"
            "<th>offers</th><th>accepted</th><th>last outcome</th></tr>"
        )
        for po in p.personas:
            out.append(
                f"<tr class=\"{'pass' if po.passes == p.k else 'fail'}\"><td>{esc(po.id)}</td>"
                f'<td class="num">{po.passes}/{p.k}</td><td class="num">{po.offers}</td>'
                f'<td class="num">{po.accepted}</td><td>{esc(po.outcome)}</td></tr>'
            )
        out.append("</table>")
    return "\n".join(out)


def scenarios_table(report: EvalReport) -> str:
    """Every scenario's metrics; passing rows hide under the "failed only" filter."""
    failed = report.scenarios_total - report.scenarios_passed
    out = [
        '<h2 id="scenarios">Scenarios</h2><p class="toolbar"><label><input type="checkbox" id="failed-only"> '
        f"failed only ({failed} of {report.scenarios_total})</label></p>",
        '<table class="scen"><colgroup><col class="sc"><col class="tg"><col class="n">'
        + "<col>" * len(METRIC_NAMES) + "</colgroup><tr><th>scenario</th><th>tags</th><th>turns</th>",
    ]
    out.extend(f"<th>{_wrap_name(n)}</th>" for n in METRIC_NAMES)
    out.append("</tr>")
    for s in report.scenarios:
        out.append(
            f"<tr class=\"{'pass ok' if s.passed else 'fail'}\"><td><code>{esc(s.id)}</code></td>"
            f"<td>{esc(', '.join(s.tags))}</td><td class=num>{len(s.turns)}</td>"
            + "".join(f'<td class="num">{esc(fmt(s.metrics.get(n), n))}</td>' for n in METRIC_NAMES)
            + "</tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def render_html(report: EvalReport) -> str:
    """The whole page: verdict first, then what failed, then the figures."""
    meta = (
        f'<p class="muted">{esc(report.created_at)} · run {esc(report.run_id)} · {esc(report.suite_path)} · '
        f"{report.seconds:.1f} s · " + esc(", ".join(f"{k}={v}" for k, v in report.run_info.items())) + "</p>"
    )
    return "\n".join([
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>Cartwise eval: {esc(report.suite)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Cartwise eval: {esc(report.suite)}</h1>",
        meta,
        banner(report),
        f"<p><b>{report.scenarios_passed}/{report.scenarios_total}</b> scenarios passed · "
        f"<b>{report.turns_failed}/{report.turns_total}</b> turns failed · {report.errors} responder errors</p>",
        failing_turns(report.failing_turns),
        metrics_table(report),
        charts_section(report),
        extras(report),
        scenarios_table(report),
        f"<script>{_FILTER_JS}</script></body></html>",
    ])
