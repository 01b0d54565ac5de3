"""Parts a product comes without (knowledge.requirements) and the add-ons that supply them (Relation.required)."""

from __future__ import annotations

import pytest

from agent.schemas import ChatRequest
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.relations import Relations
from knowledge.requirements import missing_parts, supplies
from tests.support import agent_on


def _p(sku, name, description="", **kw):
    return Product(sku=sku, name=name, price=kw.pop("price", 20.0), category=kw.pop("category", "Tools"),
                   description=description, **kw)


@pytest.mark.parametrize(
    "name,description,parts",
    [
        ("Hedge Trimmer (Bare Tool)", "Battery and charger are not included.", {"battery", "charger"}),
        ("Grass Trimmer", "Runs on GreenLine 36V batteries (not included).", {"battery"}),
        ("Practice Pad", "A gum rubber pad. Sticks not included.", {"stick"}),
        ("High Chair", "Grows with your child. Tray and newborn set sold separately.", {"tray"}),
        ("Front Light", "Powered by three AAA batteries (not included), about 100 lumens.", {"battery"}),
        ("E-reader", "Comes with a USB-C cable and a sleeve; everything is included.", set()),
        ("Blender", "A 1.5 litre jug with six speeds.", set()),
        ("Frying pan", "Oven safe up to 220 C. Spare parts and accessories are sold separately.", set()),
        ("Sponge Filter", "An air-driven sponge filter; needs an air pump and airline.", {"pump", "airline"}),
        ("Smart Plug", "Requires a hub to work with the app.", {"hub"}),
        ("Kitchen Timer", "Needs two AAA batteries (included).", set()),
        ("Desk Lamp", "A bright lamp that needs no batteries.", set()),
    ],
)
def test_missing_parts_are_read_from_the_products_own_words(name, description, parts):
    assert missing_parts(_p("X", name, description)) == parts


def test_a_needs_flag_in_the_attributes_names_a_part():
    assert missing_parts(_p("F", "Sponge Filter", attributes={"needs_air_pump": True})) == {"pump"}
    assert missing_parts(_p("F", "Sponge Filter", attributes={"needs_air_pump": False})) == set()


def test_an_add_on_made_for_the_item_is_required_even_when_a_co_purchase_rule_won_the_link():
    from knowledge.copurchase import RuleBook
    from knowledge.models import CoPurchaseRule

    sponge = _p("SP", "Twin Sponge Filter", "Needs an air pump and airline.")
    kit = _p("KIT", "Airline Kit (tubing, check valve)", compatible_with=["SP"], price=8.0)
    rule = CoPurchaseRule(antecedent="SP", consequent="KIT", support=0.2, confidence=0.95, lift=3.0, count=40)
    rel = Relations.build(Catalog([sponge, kit]), RuleBook([rule]))
    (link,) = rel.complements_for_cart(["SP"])
    assert link.source == "copurchase" and link.required


def test_an_accessory_supplies_a_part_its_name_names():
    assert supplies(_p("S", "Hickory 5A Drumsticks, Pair"), frozenset({"stick"}))
    assert supplies(_p("K", "Starter Kit: 4.0Ah Battery + Rapid Charger"), frozenset({"charger"}))
    assert not supplies(_p("L", "Blade Lubricant Spray"), frozenset({"battery", "charger"}))


TOOL = _p("HT", "Voltek Hedge Trimmer (Bare Tool)", "Battery and charger not included.", price=90.0)
BATTERY = _p("BAT", "Voltek 18V Battery", compatible_with=["HT"], price=29.0, margin=0.2)
LUBE = _p("LUBE", "Blade care spray", compatible_with=["HT"], price=9.0, margin=0.6)
DRILL = _p("DR", "Voltek Drill with Battery", price=80.0)


def test_only_add_ons_made_for_the_item_are_marked_required_while_the_cart_lacks_the_part():
    rel = Relations.build(Catalog([TOOL, BATTERY, LUBE, DRILL]))
    by_sku = {r.sku: r for r in rel.complements_for_cart(["HT"])}
    assert by_sku["BAT"].required and not by_sku["LUBE"].required
    # The cart already holds a battery: nothing is missing.
    with_battery = {r.sku: r for r in rel.complements_for_cart(["HT", "BAT"])}
    assert not any(r.required for r in with_battery.values())


def test_the_soft_add_on_for_a_bare_tool_is_the_part_it_lacks(settings, tmp_path):
    rows = [p.model_dump(exclude_none=True) for p in (TOOL, BATTERY, LUBE)]
    agent = agent_on(settings, tmp_path / "catalog.jsonl", rows)
    r = agent.respond(ChatRequest(session_id="c", message="I think that's everything",
                                  context={"page": "cart", "cart": [{"sku": "HT"}]}))
    # The spray has three times the margin and is cheaper, but the trimmer does not run without a battery.
    assert [o.sku for o in r.offers] == ["BAT"]


def test_a_missing_part_completes_the_cart_and_may_cost_more_than_a_soft_add_on(settings, tmp_path):
    # 55 is over the 35% share of a 90 cart that caps an unprompted add-on, and within the item's price.
    pricey = BATTERY.model_copy(update={"price": 55.0})
    spray = LUBE.model_copy(update={"sku": "WAX", "name": "Blade wax", "price": 50.0})
    rows = [p.model_dump(exclude_none=True) for p in (TOOL, pricey, spray)]
    agent = agent_on(settings, tmp_path / "catalog.jsonl", rows)
    r = agent.respond(ChatRequest(session_id="c", message="I think that's everything",
                                  context={"page": "cart", "cart": [{"sku": "HT"}]}))
    assert [o.sku for o in r.offers] == ["BAT"]
    rows = [p.model_dump(exclude_none=True) for p in (TOOL, spray)]
    agent = agent_on(settings, tmp_path / "catalog2.jsonl", rows)
    r = agent.respond(ChatRequest(session_id="d", message="I think that's everything",
                                  context={"page": "cart", "cart": [{"sku": "HT"}]}))
    assert r.offers == []  # the wax is no missing part: the 35% share still holds it back


def test_rep_assist_checks_a_missing_part_against_the_limit_the_policy_used(settings, tmp_path):
    from agent.assist import guardrail_checks
    from agent.schemas import Offer

    pricey = BATTERY.model_copy(update={"price": 55.0})
    agent = agent_on(settings, tmp_path / "catalog.jsonl", [p.model_dump(exclude_none=True) for p in (TOOL, pricey)])
    plan = agent.plan(ChatRequest(session_id="r", message="I think that's everything",
                                  context={"page": "cart", "cart": [{"sku": "HT"}]}))
    offer = Offer(sku="BAT", name="b", kind="cross_sell", price=55.0, currency="USD", uplift_pct=61.1, reason="r")
    uplift = {c.name: c for c in guardrail_checks(offer, plan, agent.knowledge.catalog, agent.deps.limits)}["uplift"]
    assert uplift.passed and "comes without" in uplift.detail
