"""The eval report people read: gate banner first, failing turns under it, folded all-zero charts, bars coloured by
their gate, a "failed only" filter, a 1,280 px layout, the expected margin, and a terminal summary ending with the
failed gates."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from agent.schemas import ChatRequest, ChatResponse, Offer, Signal
from evals.charts import TONE_COLOURS
from evals.cli import run_eval_command
from evals.margin import expected_margin
from evals.metrics import Checks
from knowledge.catalog import Catalog
from knowledge.models import Product

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PRODUCTS = [
    Product(sku="PH-1", name="Phone One", price=500, category="Phones", family="phone", tier=1, stock=10,
            margin=0.2),
    Product(sku="PB-1", name="Power Bank", price=40, category="Power", stock=5, margin=0.5),
    Product(sku="CASE-1", name="Clear Case", price=20, category="Cases", stock=50, margin=0.25),
    Product(sku="CABLE", name="USB-C cable", price=10, category="Cables", stock=50),
]
CATALOG = Catalog(PRODUCTS, currency="USD")
LONG = "a very long shopper message that goes on and on " * 6
SUITE = f"""
catalog: catalog.jsonl
scenarios:
  - id: battery-with-an-extremely-long-scenario-identifier-that-must-wrap-inside-the-table
    tags: [cross_sell, need, a_tag_with_a_rather_long_name]
    context: {{page: product, product_sku: PH-1, cart: [{{sku: PH-1, qty: 1}}]}}
    turns:
      - user: "my battery dies by noon"
        expect: {{offer: [PB-1], signal: need}}
      - user: "and a case?"
        expect: {{offer: [CASE-1]}}
  - id: cable
    tags: [cross_sell]
    context: {{page: product, product_sku: PH-1, cart: [{{sku: PH-1, qty: 1}}]}}
    turns:
      - user: "{LONG.strip()}"
        expect: {{offer: [CASE-1]}}
  - id: quiet
    tags: [no_offer]
    turns:
      - user: "hello"
        expect: {{offer: none}}
"""


def _offer(sku: str) -> Offer:
    p = CATALOG.get(sku)
    return Offer(sku=sku, name=p.name, kind="cross_sell", price=p.price, currency="USD",
                 uplift_pct=round(p.price / 500 * 100, 1), reason="test")


SCRIPT = {
    ("battery", 0): ([_offer("PB-1")], [Signal(type="need", text="battery")]),
    ("battery", 1): ([_offer("CASE-1")], []),
    ("cable", 0): ([_offer("CABLE")], []),  # not acceptable: one failing turn; no catalog margin
    ("quiet", 0): ([], []),
}


def factory():
    """Plays SCRIPT by scenario id prefix and turn."""
    turn_of: dict[str, int] = {}

    def respond(req: ChatRequest) -> ChatResponse:
        sid = req.session_id.split("-", 2)[2].split("-")[0]
        i = turn_of.get(req.session_id, 0)
        turn_of[req.session_id] = i + 1
        offers, signals = SCRIPT[(sid, i)]
        return ChatResponse(session_id=req.session_id, reply="Here you go.", offers=offers, signals=signals)

    return respond


CHECKS = Checks(catalog=CATALOG, pressure=lambda text, offered: [], grounding=lambda *a: [], max_uplift=0.30)


@pytest.fixture
def suite_file(tmp_path) -> Path:
    (tmp_path / "catalog.jsonl").write_text("\n".join(p.model_dump_json() for p in PRODUCTS), encoding="utf-8")
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE, encoding="utf-8")
    return path


def _run(suite_file: Path, out: Path, settings, under=(), over=()) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_eval_command(suite_file, out, settings, list(under), list(over), None, False, False,
                            responder_factory=factory, checks=CHECKS, stdout=stdout, stderr=stderr)
    return code, (out / "report.html").read_text(encoding="utf-8"), stdout.getvalue()


def test_expected_margin_is_price_times_margin_of_offers_with_one():
    offers = [_offer("PB-1"), _offer("CASE-1"), _offer("CABLE")]
    m = expected_margin(offers, CATALOG)
    # 40 * 0.5 + 20 * 0.25 = 25.0 over two offers with a margin; the cable has none
    assert (m.offers, m.offers_with_margin, m.total, m.mean, m.currency) == (3, 2, 25.0, 12.5, "USD")
    assert expected_margin([], CATALOG).mean is None


def test_report_json_and_summary_carry_the_expected_margin(suite_file, tmp_path, settings):
    code, _, md = _run(suite_file, tmp_path / "out", settings)
    assert code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["expected_margin"] == {"offers": 3, "offers_with_margin": 2, "total": 25.0, "mean": 12.5,
                                         "currency": "USD"}
    by_id = {s["id"].split("-")[0]: s for s in report["scenarios"]}
    assert by_id["battery"]["expected_margin"]["total"] == 25.0 and by_id["cable"]["expected_margin"]["total"] == 0
    assert "expected_margin" not in report["totals"]  # the section 4 metric names are untouched
    assert "Expected margin of the offers made: total 25.00 USD, mean 12.50 USD" in md


def test_terminal_summary_ends_with_the_failed_gates(suite_file, tmp_path, settings):
    code, _, md = _run(suite_file, tmp_path / "a", settings, under=["offer_precision=0.9", "opportunity_recall=0.5"],
                       over=["unwanted_offer_rate=0"])
    assert code == 1
    tail = md.rstrip().splitlines()[-2:]
    assert tail == ["FAILED GATES (1 of 3):",
                    "- offer_precision = 0.667, needs at least 0.9 (higher is better): FAIL"], md
    code, _, md = _run(suite_file, tmp_path / "b", settings, under=["opportunity_recall=0.5"])
    assert code == 0 and md.rstrip().endswith("All gates passed (1 of 1).")
    _, _, md = _run(suite_file, tmp_path / "c", settings)
    assert md.rstrip().endswith("All gates passed (no gates were set: use --fail-under / --fail-over).")


def test_banner_first_then_failing_turns_then_charts(suite_file, tmp_path, settings):
    _, page, _ = _run(suite_file, tmp_path / "out", settings, under=["offer_precision=0.9"],
                      over=["guardrail_violations=0"])
    banner = page.index('class="banner fail"')
    assert banner < page.index('id="failing"') < page.index("Metrics and gates") < page.index('id="charts"')
    head = page[banner:page.index('id="failing"')]
    assert "FAIL: 1 of 2 gates missed" in head
    # metric, value, threshold, which way, result
    assert "<code>offer_precision</code></td><td class=\"num\">0.667</td><td class=\"num\">0.9</td>" in head
    assert "at least 0.9 (higher is better)" in head and "at most 0 (lower is better)" in head
    _, page_ok, _ = _run(suite_file, tmp_path / "ok", settings, under=["offer_precision=0.5"])
    assert 'class="banner pass"' in page_ok and "PASS: all 1 gates held" in page_ok
    _, page_none, _ = _run(suite_file, tmp_path / "none", settings)
    assert 'class="banner none"' in page_none and "No gates set" in page_none


def _chart(page: str, metric: str) -> str:
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg"', page.index(f"<h3>{metric}</h3>"))
    return page[start:page.index("</svg>", start)]


def test_all_zero_charts_are_folded_and_bars_take_their_gate_colour(suite_file, tmp_path, settings):
    _, page, _ = _run(suite_file, tmp_path / "out", settings, under=["offer_precision=0.9", "opportunity_recall=0.5"])
    folded = page[page.index('<details class="zero">'):]
    folded = folded[:folded.index("</details>")]
    # nothing was re-offered, broke a guardrail, pressed or made things up: those four charts are folded
    for metric in ("reoffer_after_decline", "guardrail_violations", "pressure_phrases", "ungrounded_mentions"):
        assert f"<h3>{metric}</h3>" in folded
    assert "<h3>offer_precision</h3>" not in folded and "<h3>offers_per_turn</h3>" not in folded
    precision = _chart(page, "offer_precision")  # ALL 0.667 < 0.9: bad; the no_offer tag is n/a
    assert f'fill="{TONE_COLOURS["bad"]}"' in precision and "\u2717" in precision and "<title>" in precision
    recall = _chart(page, "opportunity_recall")  # ALL 1.0 >= 0.5: good
    assert f'fill="{TONE_COLOURS["good"]}"' in recall and f'fill="{TONE_COLOURS["bad"]}"' not in recall
    assert "gate: at least 0.5 (higher is better)" in page
    # no gate on offers_per_turn: neutral bars, and the caption says which way is better
    per_turn = _chart(page, "offers_per_turn")
    assert TONE_COLOURS["bad"] not in per_turn and TONE_COLOURS["good"] not in per_turn
    assert "lower is better; no gate set" in page


@pytest.mark.browser
def test_report_fits_1280_and_filters_failed_only(suite_file, tmp_path, settings):
    from tests.api.test_browser import CHROME_ARGS, CHROMIUM

    if CHROMIUM is None:
        pytest.skip("no Chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    out = tmp_path / "out"
    _run(suite_file, out, settings, under=["offer_precision=0.9", "opportunity_recall=0.5"],
         over=["guardrail_violations=0"])
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((out / "report.html").as_uri())
        page.screenshot(path=str(ARTIFACTS / "eval-report-1280.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        widest = page.evaluate("Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))")
        assert widest <= 1240
        # the failing turns start right under the banner, not after the charts
        assert page.locator("#failing").bounding_box()["y"] < page.locator("#charts").bounding_box()["y"]
        rows = page.locator("table.scen tr.ok")
        assert rows.count() == 2 and rows.first.is_visible()
        page.get_by_label("failed only").check()
        assert not rows.first.is_visible() and page.locator("table.scen tr.fail").first.is_visible()
        page.screenshot(path=str(ARTIFACTS / "eval-report-1280-failed-only.png"), full_page=True)
        browser.close()
    assert all(u.startswith("file://") for u in requests), requests
