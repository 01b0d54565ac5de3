"""The eval report: report.json (every metric per scenario, per tag and in total), report.html, Markdown.

The parts live in their own modules (data: report_model, text: report_text, page: report_html, charts:
report_charts); this module writes them and keeps the names other modules import.
"""

from __future__ import annotations

from pathlib import Path

from evals.report_html import render_html
from evals.report_model import EvalReport, ScenarioReport, TurnReport, build_report
from evals.report_text import fmt, markdown_summary, verdict_lines, write_json

__all__ = [
    "EvalReport", "ScenarioReport", "TurnReport", "build_report", "fmt", "markdown_summary", "render_html",
    "verdict_lines", "write_json", "write_report",
]


def write_report(report: EvalReport, out_dir: Path) -> tuple[Path, Path]:
    """Write report.json and report.html into ``out_dir``; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, html_path = out_dir / "report.json", out_dir / "report.html"
    write_json(report, json_path)
    html_path.write_text(render_html(report), encoding="utf-8")
    return json_path, html_path
