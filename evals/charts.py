"""Small SVG charts drawn on the server (no script, no CDN), shared by the eval report and the /admin page.

Every chart is a self-contained ``<svg role="img">`` with a ``<title>`` and a ``<desc>``; callers also show the
numbers in a table (:func:`data_table`), so nothing is only in the picture. Colour is never the only cue: a bar
on the bad side of its threshold carries a cross after its value, one on the good side a tick, and the series of
a line chart differ in dash pattern as well as colour. Only the standard library is used, so both ``evals`` and
``api`` import this module without pulling anything else in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

Tone = Literal["good", "bad", "neutral", "total"]
Fmt = Callable[[float], str]

TONE_COLOURS: dict[str, str] = {"good": "#1a7f37", "bad": "#c62828", "neutral": "#3b6fd8", "total": "#1d2330"}
TONE_MARKS: dict[str, str] = {"good": " \u2713", "bad": " \u2717", "neutral": "", "total": ""}
SERIES_COLOURS = ["#3b6fd8", "#d9730d", "#1a7f37", "#8e44ad", "#c62828"]
SERIES_DASHES = ["", "6 3", "2 3", "9 3 2 3", "4 4"]
FONT = 'font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif"'


@dataclass(frozen=True)
class Bar:
    """One labelled bar; ``value`` None is drawn as "n/a"."""

    label: str
    value: float | None
    tone: Tone = "neutral"


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value (or None, a gap) per x label."""

    name: str
    values: Sequence[float | None]


def esc(value: object) -> str:
    """Text escaped for HTML and SVG."""
    return html.escape(str(value), quote=True)


def _plain(value: float) -> str:
    return f"{value:g}"


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text) or "chart"


def tone_for(value: float | None, threshold: float | None, better: Literal["higher", "lower"] | None) -> Tone:
    """The side of ``threshold`` a value is on, given which way is better (neutral without a threshold)."""
    if value is None or threshold is None or better is None:
        return "neutral"
    ok = value >= threshold - 1e-12 if better == "higher" else value <= threshold + 1e-12
    return "good" if ok else "bad"


def _open_svg(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    cid = _safe_id(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="max-width:100%;height:auto" role="img" aria-labelledby="{cid}-t {cid}-d" {FONT}>',
        f'<title id="{cid}-t">{esc(title)}</title><desc id="{cid}-d">{esc(desc)}</desc>',
    ]


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt = _plain,
    scale_max: float | None = None,
    threshold: float | None = None,
) -> str:
    """Horizontal bars from 0 to ``scale_max`` (the largest value by default), with an optional threshold line."""
    label_w, bar_w, value_w, row_h = 150, 220, 80, 18
    known = [b.value for b in bars if b.value is not None]
    top = scale_max if scale_max is not None else max([*known, threshold or 0.0, 0.0])
    top = top or 1.0
    height = row_h * len(bars) + 8
    out = _open_svg(chart_id, label_w + bar_w + value_w, height, title, desc)
    for i, b in enumerate(bars):
        y = i * row_h + 4
        label = b.label if len(b.label) <= 22 else b.label[:21] + "\u2026"
        out.append(f'<text x="{label_w - 6}" y="{y + 12}" font-size="11" text-anchor="end">{esc(label)}</text>')
        if b.value is None:
            out.append(f'<text x="{label_w + 2}" y="{y + 12}" font-size="11" fill="#666">n/a</text>')
            continue
        w = max(0.0, min(1.0, b.value / top)) * bar_w
        colour = TONE_COLOURS[b.tone]
        out.append(
            f'<rect x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row_h - 6}" fill="{colour}">'
            f"<title>{esc(b.label)}: {esc(fmt(b.value))}</title></rect>"
        )
        out.append(
            f'<text x="{label_w + w + 4:.1f}" y="{y + 12}" font-size="11" fill="{colour}">'
            f"{esc(fmt(b.value) + TONE_MARKS[b.tone])}</text>"
        )
    if threshold is not None:
        x = label_w + max(0.0, min(1.0, threshold / top)) * bar_w
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="1" y2="{height - 1}" stroke="#1d2330" stroke-width="1.5" '
            f'stroke-dasharray="3 2"><title>threshold {esc(fmt(threshold))}</title></line>'
        )
    out.append("</svg>")
    return "".join(out)


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** len(str(int(value))) / 10 if value >= 1 else 1.0
    while power > value:
        power /= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    desc: str,
    fmt: Fmt = _plain,
    y_max: float | None = None,
    integer: bool = False,
) -> str:
    """Lines over ``x_labels`` (e.g. days) with a y axis from 0, a legend, and a point per known value.

    ``integer`` (counts) keeps the axis ticks on whole numbers.
    """
    width, height, left, right, top, bottom = 560, 220, 56, 22, 26, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [v for s in series for v in s.values if v is not None]
    ymax = y_max if y_max is not None else _nice_max(max(known, default=0.0))
    if integer and y_max is None:
        ymax = 4 * max(1, -(-int(max(known, default=0.0) + 0.999) // 4))  # four whole-number steps
    n = len(x_labels)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h - max(0.0, min(1.0, v / ymax)) * plot_h

    out = _open_svg(chart_id, width, height, title, desc)
    for k in range(5):
        v = ymax * k / 4
        y = y_at(v)
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7ee"/>')
        out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="11" text-anchor="end">{esc(fmt(v))}</text>')
    every = max(1, -(-n // 8))  # at most ~8 x labels, so dates never overlap
    for i, label in enumerate(x_labels):
        # every n-th label and the last, never one crowding the last
        if i == n - 1 or (i % every == 0 and n - 1 - i >= max(2, every // 2 + 1)):
            out.append(
                f'<text x="{x_at(i):.1f}" y="{height - bottom + 15}" font-size="11" text-anchor="middle">'
                f"{esc(label)}</text>"
            )
    legend_x = left
    for j, s in enumerate(series):
        colour, dash = SERIES_COLOURS[j % len(SERIES_COLOURS)], SERIES_DASHES[j % len(SERIES_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        for i, v in enumerate([*s.values, None]):  # the trailing None flushes the last run
            if v is not None:
                run.append(f"{x_at(i):.1f},{y_at(v):.1f}")
                continue
            if len(run) > 1:
                out.append(
                    f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
                )
            run = []
        for i, v in enumerate(s.values):
            if v is not None:
                out.append(
                    f'<circle cx="{x_at(i):.1f}" cy="{y_at(v):.1f}" r="3" fill="{colour}">'
                    f"<title>{esc(s.name)}, {esc(x_labels[i])}: {esc(fmt(v))}</title></circle>"
                )
        lx, legend_x = legend_x, legend_x + 40 + int(7 * len(s.name))
        out.append(
            f'<line x1="{lx}" x2="{lx + 22}" y1="12" y2="12" stroke="{colour}" stroke-width="2"{dash_attr}/>'
            f'<text x="{lx + 26}" y="16" font-size="12">{esc(s.name)}</text>'
        )
    if not known:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" font-size="12" fill="#666" '
            'text-anchor="middle">no data yet</text>'
        )
    out.append("</svg>")
    return "".join(out)


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]], *, css: str = "data") -> str:
    """The chart's numbers as an HTML table (every cell escaped; first column is the row header)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<th scope="row">{esc(c)}</th>' if k == 0 else f'<td class="num">{esc(c)}</td>' for k, c in enumerate(r)
        ) + "</tr>"
        for r in rows
    )
    return f'<table class="{esc(css)}"><caption>{esc(caption)}</caption><tr>{head}</tr>{body}</table>'
