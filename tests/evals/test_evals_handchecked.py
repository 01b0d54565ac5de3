"""The hand-checked eval: a tiny suite, a scripted responder, and every metric worked out by hand."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agent.schemas import ChatRequest, ChatResponse, Offer, Signal
from evals.cli import run_eval_command
from evals.metrics import Checks
from knowledge.catalog import Catalog
from knowledge.models import Product

PRODUCTS = [
    Product(sku="PH-1", name="Phone One", price=500, category="Phones", family="phone", tier=1, stock=10),
    Product(sku="PH-2", name="Phone Two", price=600, category="Phones", family="phone", tier=2, stock=10),
    Product(sku="PH-3", name="Phone Max", price=800, category="Phones", family="phone", tier=3, stock=10),
    Product(sku="CASE-1", name="Clear Case", price=20, category="Cases", stock=50),
    Product(sku="PB-1", name="Power Bank", price=40, category="Power", stock=5),
    Product(sku="PB-OOS", name="Mini Power Bank", price=30, category="Power", stock=0),
]
CATALOG = Catalog(PRODUCTS, currency="USD")

SUITE = """
catalog: catalog.jsonl
scenarios:
  - id: battery
    tags: [cross_sell, need]
    context: {page: product, product_sku: PH-1, cart: [{sku: PH-1, qty: 1}]}
    turns:
      - user: "my battery dies by noon"
        expect: {offer: [PB-1], signal: need}
      - user: "no thanks"
        expect: {offer: none, signal: decline}
      - user: "what about cases?"
        expect: {offer: any}
  - id: upgrade
    tags: [upsell]
    context: {page: product, product_sku: PH-1, cart: [{sku: PH-1, qty: 1}], budget: 700}
    turns:
      - user: "is there something better?"
        expect: {offer: [PH-2], kind: upsell}
      - user: "ok, anything else?"
        expect: {offer: [PH-2]}
  - id: complaint
    tags: [support, no_offer]
    context: {page: post_purchase}
    turns:
      - user: "my order arrived broken"
        expect: {offer: none, signal: support}
      - user: "it is still broken"
        context: {cart: [{sku: CASE-1, qty: 1}]}
        expect: {offer: none}
  - id: stockout
    tags: [cross_sell, trap]
    context: {page: product, product_sku: PH-1, cart: [{sku: PH-1, qty: 1}]}
    turns:
      - user: "a cheap power bank?"
        expect: {offer: [PB-1], signal: need}
      - user: "no"
        expect: {offer: none, signal: decline}
      - user: "nope, not interested"
        expect: {offer: none, signal: decline}
  - id: boom
    tags: [need]
    turns:
      - user: "<script>alert(1)</script> explode"
        expect: {offer: any}
"""


def _offer(sku: str, kind: str = "cross_sell", uplift: float = 0.0, replaces: str | None = None) -> Offer:
    p = CATALOG.get(sku)
    return Offer(sku=sku, name=p.name, kind=kind, price=p.price, currency="USD", uplift_pct=uplift,
                 replaces_sku=replaces, reason="test")


def _sig(*types: str) -> list[Signal]:
    return [Signal(type=t, text="x") for t in types]


# (scenario id, turn index) -> (reply, offers, detected signals)
SCRIPT = {
    ("battery", 0): ("The Power Bank is $40.", [_offer("PB-1", uplift=8.0)], _sig("need")),
    ("battery", 1): ("Sure.", [], _sig("decline")),
    # re-offers the declined PB-1, with pressure wording
    ("battery", 2): ("Hurry, the Power Bank is great.", [_offer("PB-1", uplift=8.0)], []),
    # PH-3 is +60% over PH-1 and 800 > budget 700: one offer, one violation
    ("upgrade", 0): ("Phone Max costs $800.", [_offer("PH-3", "upsell", 60.0, "PH-1")], []),
    # $650 is neither an offered price, the focus/cart price, the cart total nor the budget: ungrounded
    ("upgrade", 1): ("Phone Two is $650 with a case.", [_offer("PH-2", "upsell", 20.0, "PH-1")], []),
    # no cart and no focus: the uplift_pct cannot be checked; an unwanted offer but no violation
    ("complaint", 0): ("Sorry to hear that.", [_offer("CASE-1")], _sig("support")),
    # CASE-1 is already in the cart (turn context override): unwanted + a violation
    ("complaint", 1): ("Sorry again.", [_offer("CASE-1", uplift=100.0)], []),
    ("stockout", 0): ("Try this one.", [_offer("PB-OOS", uplift=6.0)], []),
    ("stockout", 1): ("Fine.", [], _sig("decline")),
    # a new sku, but after two declines: counts as a re-offer
    ("stockout", 2): ("OK.", [_offer("CASE-1", uplift=4.0)], _sig("decline")),
}


def scripted_factory():
    """A responder playing SCRIPT by (scenario, turn); 'boom' raises."""
    turn_of: dict[str, int] = {}

    def respond(req: ChatRequest) -> ChatResponse:
        sid = req.session_id.split("-", 2)[2]
        i = turn_of.get(req.session_id, 0)
        turn_of[req.session_id] = i + 1
        if sid == "boom":
            raise RuntimeError("agent exploded")
        reply, offers, signals = SCRIPT[(sid, i)]
        return ChatResponse(session_id=req.session_id, reply=reply, offers=offers, signals=signals)

    return respond


def stand_in_pressure(text, offered):
    """Test stand-in: only 'hurry' is pressure."""
    return ["hurry"] if "hurry" in text.lower() else []


def stand_in_grounding(text, allowed, catalog, extra_prices):
    """Test stand-in: a $price is grounded when it is an allowed product's price or an extra price."""
    ok = {round(p.price, 2) for p in allowed} | {round(x, 2) for x in extra_prices}
    return [m for m in re.findall(r"\$(\d+(?:\.\d+)?)", text) if round(float(m), 2) not in ok]


CHECKS = Checks(catalog=CATALOG, pressure=stand_in_pressure, grounding=stand_in_grounding, max_uplift=0.30)


@pytest.fixture
def suite_file(tmp_path) -> Path:
    (tmp_path / "catalog.jsonl").write_text("\n".join(p.model_dump_json() for p in PRODUCTS), encoding="utf-8")
    path = tmp_path / "suite.yaml"
    path.write_text(SUITE, encoding="utf-8")
    return path


def _run(suite_file, tmp_path, settings, **kw):
    out = tmp_path / "out"
    args = dict(fail_under=[], fail_over=[], compare=None, judge=False, personas=False)
    args.update(kw)
    import io

    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_eval_command(suite_file, out, settings, responder_factory=scripted_factory, checks=CHECKS,
                            stdout=stdout, stderr=stderr, **args)
    return code, out, stdout.getvalue(), stderr.getvalue()


def test_every_metric_matches_the_hand_count(suite_file, tmp_path, settings):
    code, out, md, _ = _run(suite_file, tmp_path, settings)
    assert code == 0
    report = json.loads((out / "report.json").read_text())
    t = report["totals"]
    # offer_precision: list turns battery/1 (PB-1 ok 1/1), upgrade/1 (PH-3 0/1), upgrade/2 (PH-2 1/1),
    # stockout/1 (PB-OOS 0/1) -> 2/4
    assert t["offer_precision"] == pytest.approx(2 / 4)
    # opportunity_recall: battery/1 yes, battery/3 yes, upgrade/1 yes, upgrade/2 yes, stockout/1 yes, boom/1 no
    assert t["opportunity_recall"] == pytest.approx(5 / 6)
    # signal_accuracy: need ok, decline ok, support ok, need MISSED (stockout/1), decline ok, decline ok
    assert t["signal_accuracy"] == pytest.approx(5 / 6)
    # unwanted_offer_rate: none-turns battery/2 (no), complaint/1 (yes), complaint/2 (yes), stockout/2 (no),
    # stockout/3 (yes) -> 3/5
    assert t["unwanted_offer_rate"] == pytest.approx(3 / 5)
    # reoffer_after_decline: battery/3 re-offers declined PB-1; stockout/3 offers after two declines
    assert t["reoffer_after_decline"] == 2
    # guardrail_violations: upgrade/1 PH-3 (uplift + budget, one offer), complaint/2 CASE-1 in cart,
    # stockout/1 PB-OOS out of stock
    assert t["guardrail_violations"] == 3
    # pressure_phrases: battery/3 "Hurry"
    assert t["pressure_phrases"] == 1
    # ungrounded_mentions: upgrade/2 "$650"
    assert t["ungrounded_mentions"] == 1
    # offers_per_turn: 8 offers over 11 turns
    assert t["offers_per_turn"] == pytest.approx(8 / 11)

    tags = report["by_tag"]
    # cross_sell = battery + stockout: precision 1/1 + 0/1; recall 2/2 + 1/1
    assert tags["cross_sell"]["offer_precision"] == pytest.approx(0.5)
    assert tags["cross_sell"]["opportunity_recall"] == pytest.approx(1.0)
    assert tags["cross_sell"]["reoffer_after_decline"] == 2
    # no_offer = complaint: no list turns -> null precision; unwanted 2/2
    assert tags["no_offer"]["offer_precision"] is None
    assert tags["no_offer"]["unwanted_offer_rate"] == pytest.approx(1.0)
    assert tags["upsell"]["guardrail_violations"] == 1 and tags["upsell"]["ungrounded_mentions"] == 1
    # need = battery + boom: recall 2/2 + 0/1
    assert tags["need"]["opportunity_recall"] == pytest.approx(2 / 3)

    by_id = {s["id"]: s for s in report["scenarios"]}
    assert by_id["upgrade"]["metrics"]["offer_precision"] == pytest.approx(0.5)
    assert by_id["upgrade"]["metrics"]["unwanted_offer_rate"] is None
    assert by_id["complaint"]["metrics"]["guardrail_violations"] == 1
    assert not by_id["battery"]["passed"] and report["scenarios_passed"] == 0
    assert report["errors"] == 1 and "agent exploded" in by_id["boom"]["turns"][0]["error"]
    upgrade_problems = " ".join(by_id["upgrade"]["turns"][0]["problems"])
    assert "exceeds max 30%" in upgrade_problems and "over their budget 700" in upgrade_problems
    assert report["turns_total"] == 11
    # the per-turn record has the request, the response and the expectation
    turn = by_id["battery"]["turns"][0]
    assert turn["user"] == "my battery dies by noon" and turn["offers"][0]["sku"] == "PB-1"
    assert turn["expected"]["offer"] == ["PB-1"]
    assert "| offer_precision | 0.500 |" in md


def test_html_report_is_offline_and_escaped(suite_file, tmp_path, settings):
    _, out, _, _ = _run(suite_file, tmp_path, settings, fail_under=["offer_precision=0.85"])
    page = (out / "report.html").read_text()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert page.count("<svg") == 9  # one chart per metric
    assert 'class="fail"' in page and "offer_precision &gt;= 0.85: FAIL" in page
    assert "what about cases?" in page  # failing turn table shows the shopper's words


def test_gates_and_compare(suite_file, tmp_path, settings):
    code, out, md, _ = _run(suite_file, tmp_path, settings,
                            fail_under=["offer_precision=0.5", "opportunity_recall=0.8"],
                            fail_over=["guardrail_violations=3"])
    assert code == 0, md
    code, _, md, _ = _run(suite_file, tmp_path, settings, fail_over=["reoffer_after_decline=0"])
    assert code == 1 and "reoffer_after_decline <= 0 FAIL" in md

    old = json.loads((out / "report.json").read_text())
    old["totals"]["offer_precision"] = 0.25
    old_path = tmp_path / "old.json"
    old_path.write_text(json.dumps(old))
    code, out2, md, _ = _run(suite_file, tmp_path, settings, compare=old_path)
    assert code == 0
    assert "+0.250 (better)" in md
    comp = {d["metric"]: d for d in json.loads((out2 / "report.json").read_text())["comparison"]}
    assert comp["offer_precision"]["change"] == pytest.approx(0.25) and comp["offer_precision"]["improved"]
    assert "+0.250 (better)" in (out2 / "report.html").read_text()


def test_unknown_gate_metric_is_a_clear_error(suite_file, tmp_path, settings):
    code, _, _, err = _run(suite_file, tmp_path, settings, fail_under=["precision=0.9"])
    assert code == 2
    assert "unknown metric 'precision'" in err and "offer_precision" in err and "ungrounded_mentions" in err


def test_suite_naming_an_unknown_sku_is_refused(suite_file, tmp_path, settings):
    suite_file.write_text(SUITE.replace("offer: [PH-2], kind: upsell", "offer: [PH-9], kind: upsell"))
    code, _, _, err = _run(suite_file, tmp_path, settings)
    assert code == 2 and "scenario 'upgrade' turn 1 expect.offer: unknown sku 'PH-9'" in err


def test_real_agent_end_to_end_in_its_own_data_dir(suite_file, tmp_path, settings):
    """The default path: ingest the suite's catalog into a throwaway dir and run the real offline agent."""
    try:
        from agent.agent import build_agent  # noqa: F401
    except ImportError as exc:  # the agent is written in parallel; this test runs once it imports
        pytest.skip(f"agent not importable yet: {exc}")
    out = tmp_path / "out"
    code = run_eval_command(suite_file, out, settings, [], ["guardrail_violations=1000"], None, False, False)
    assert code == 0
    report = json.loads((out / "report.json").read_text())
    assert report["turns_total"] == 11 and report["errors"] == 0
    assert set(report["totals"]) == {
        "offer_precision", "opportunity_recall", "signal_accuracy", "unwanted_offer_rate", "reoffer_after_decline",
        "guardrail_violations", "pressure_phrases", "ungrounded_mentions", "offers_per_turn",
    }
    assert not settings.knowledge.data_dir.exists()  # the user's data dir was never touched
