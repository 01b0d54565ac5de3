"""The shared SVG chart module: accessible, escaped, honest about gaps, colour never the only cue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from evals.charts import TONE_COLOURS, Bar, Series, bar_chart, data_table, line_chart, tone_for

NS = "{http://www.w3.org/2000/svg}"


def test_tone_follows_the_side_of_the_threshold_and_the_direction():
    assert tone_for(0.9, 0.85, "higher") == "good" and tone_for(0.8, 0.85, "higher") == "bad"
    assert tone_for(0, 0, "lower") == "good" and tone_for(1, 0, "lower") == "bad"
    assert tone_for(None, 0.5, "higher") == tone_for(0.5, None, None) == "neutral"


def test_bar_chart_is_valid_svg_with_title_desc_and_marks():
    svg = bar_chart([Bar("ALL", 0.5, "bad"), Bar("<tag>", 0.9, "good"), Bar("none", None)], chart_id="c 1",
                    title="precision & more", desc="by tag", scale_max=1.0, threshold=0.85)
    root = ET.fromstring(svg)  # well-formed, every label escaped
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-1-t c-1-d"
    assert root.find(f"{NS}title").text == "precision & more" and root.find(f"{NS}desc").text == "by tag"
    fills = [r.get("fill") for r in root.iter(f"{NS}rect")]
    assert fills == [TONE_COLOURS["bad"], TONE_COLOURS["good"]]
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "0.5 \u2717" in texts and "0.9 \u2713" in texts and "n/a" in texts and "<tag>" in texts
    line = root.find(f"{NS}line")  # the threshold at 85% of the bar width
    assert float(line.get("x1")) == 150 + 0.85 * 220


def test_line_chart_breaks_at_gaps_and_says_when_there_is_no_data():
    svg = line_chart(["d1", "d2", "d3", "d4"], [Series("a", [1, 2, None, 4]), Series("b", [None, None, None, 1])],
                     chart_id="x", title="t", desc="d", integer=True)
    root = ET.fromstring(svg)
    lines = root.findall(f"{NS}polyline")
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2  # d1-d2; d4 alone is a point
    assert len(root.findall(f"{NS}circle")) == 4
    ticks = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "end"]
    assert ticks == ["0", "1", "2", "3", "4"]  # whole numbers for counts
    dashes = [ln.get("stroke-dasharray") for ln in root.iter(f"{NS}line") if ln.get("y1") == "12"]
    assert dashes == [None, "6 3"]  # the second series differs by dash, not only colour
    empty = line_chart(["d1"], [Series("a", [None])], chart_id="e", title="t", desc="d")
    assert "no data yet" in empty


def test_many_days_never_crowd_the_labels():
    labels = [f"11-{d:02d}" for d in range(1, 31)]
    root = ET.fromstring(line_chart(labels, [Series("a", [1.0] * 30)], chart_id="m", title="t", desc="d"))
    shown = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "middle"]
    assert shown[-1] == "11-30" and len(shown) <= 9 and "11-29" not in shown


def test_data_table_escapes_and_heads_rows():
    html = data_table("cap <1>", ["day", "n"], [["<d>", "1"]])
    assert "cap &lt;1&gt;" in html and '<th scope="row">&lt;d&gt;</th>' in html and re.search(r'class="num">1<', html)
