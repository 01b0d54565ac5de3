"""Taking an offer in words: the pending offer, the shop page's actions, the cart and the focus that follow."""

from __future__ import annotations

import pytest

from agent.agent import build_agent
from agent.offer_card import card_line
from agent.schemas import Action, ChatRequest, Offer
from tests.support import PRODUCTS, write_jsonl

PHONE_PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
BATTERY = "I wish my phone battery lasted all day"
ADD_POWER_BANK = [Action(type="add_to_cart", sku="PB-10K", qty=1)]


@pytest.fixture
def agent(settings, tmp_path):
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "catalog.jsonl", PRODUCTS))
    return a


def turn(agent, message, context=None, session="s1"):
    return agent.respond(ChatRequest(session_id=session, message=message, context=context or {}))


@pytest.mark.parametrize(
    "yes",
    ["yes please", "I'll take it", "sí, por favor", "ja bitte", "oui, je le prends", "да, пожалуйста",
     "vâng, thêm vào"],
)
def test_a_typed_yes_takes_the_pending_offer(agent, yes):
    assert [o.sku for o in turn(agent, BATTERY, PHONE_PAGE).offers] == ["PB-10K"]
    r = turn(agent, yes)
    assert r.actions == ADD_POWER_BANK
    assert [s.type for s in r.signals] == ["accept"] and r.offers == []
    state = agent.session("s1")
    assert state.accepted_skus == ["PB-10K"]
    assert [(c.sku, c.qty) for c in state.last_context.cart] == [("PH-128", 1), ("PB-10K", 1)]


def test_yes_without_a_pending_offer_adds_nothing(agent):
    r = turn(agent, "yes please", PHONE_PAGE)
    assert r.actions == [] and "actions" not in r.model_dump(mode="json")


@pytest.mark.parametrize("words", ["me lo llevo", "ich nehme es", "беру", "I'll take the Power bank 10,000 mAh"])
def test_taking_it_or_naming_the_offer_takes_it(agent, words):
    turn(agent, BATTERY, PHONE_PAGE)
    assert turn(agent, words).actions == ADD_POWER_BANK


@pytest.mark.parametrize("words", ["I'll buy the phone", "I'll take the Nova Phone 128 GB", "Let's check out",
                                   "ready to pay", "vamos a pagar"])
def test_buying_the_item_on_screen_or_checking_out_is_not_a_yes_to_the_offer(agent, words):
    turn(agent, BATTERY, PHONE_PAGE)
    r = turn(agent, words)
    assert r.actions == [] and [s.type for s in r.signals] == ["purchase_intent"]
    assert agent.session("s1").accepted_skus == []


def test_an_offer_is_taken_once(agent):
    turn(agent, BATTERY, PHONE_PAGE)
    agent.record_outcome("s1", "PB-10K", "accepted")  # the card's button first
    assert turn(agent, "yes please").actions == []


def test_a_declined_offer_cannot_be_taken_by_a_later_yes(agent):
    turn(agent, BATTERY, PHONE_PAGE)
    agent.record_outcome("s1", "PB-10K", "declined")
    assert turn(agent, "yes please").actions == []


def test_taking_an_upgrade_moves_the_focus_and_later_turns_follow_it(agent):
    page = {"page": "product", "product_sku": "PH-128"}
    offer = turn(agent, "my phone is always out of storage", page).offers[0]
    assert (offer.sku, offer.kind, offer.replaces_sku) == ("PH-256", "upsell", "PH-128")
    r = turn(agent, "I'll take it")
    assert r.actions == [
        Action(type="add_to_cart", sku="PH-256", qty=1, replaces_sku="PH-128"),
        Action(type="set_focus", sku="PH-256", replaces_sku="PH-128"),
    ]
    assert agent.session("s1").last_context.product_sku == "PH-256"
    later = turn(agent, "how much storage does it have?")
    assert "256 GB" in later.reply and "128 GB" not in later.reply


def test_the_cards_switch_button_moves_the_focus_too(agent):
    turn(agent, "my phone is always out of storage", {"page": "product", "product_sku": "PH-128",
                                                      "cart": [{"sku": "PH-128", "qty": 1}]})
    agent.record_outcome("s1", "PH-256", "accepted")
    context = agent.session("s1").last_context
    assert context.product_sku == "PH-256" and [c.sku for c in context.cart] == ["PH-256"]
    assert "256 GB" in turn(agent, "how much storage does it have?").reply


# --- the card line --------------------------------------------------------------------------------
def _offer(**kw) -> Offer:
    base = {"sku": "PB-10K", "name": "Power bank", "kind": "cross_sell", "price": 29.0, "currency": "USD",
            "uplift_pct": 4.1, "reason": "goes with: your order"}
    return Offer(**(base | kw))


def test_card_line_says_the_amount_on_an_empty_cart_and_the_share_otherwise(agent):
    assert card_line(_offer(), None, cart_empty=True) == "+$29"
    assert card_line(_offer(), None, cart_empty=False) == "+4.1% on your cart"
    assert card_line(_offer(currency="EUR", price=1299.5), None, cart_empty=True) == "+€1,299.50"


def test_card_line_of_an_upgrade_names_what_it_replaces(agent):
    phone = agent.knowledge.catalog.get("PH-128")
    upsell = _offer(sku="PH-256", kind="upsell", price=800.0, uplift_pct=14.3, replaces_sku="PH-128")
    assert card_line(upsell, phone, cart_empty=True) == "+$100 over Nova Phone 128 GB"
    cheaper = _offer(sku="PH-64", kind="upsell", price=650.0, uplift_pct=-7.1, replaces_sku="PH-128")
    assert card_line(cheaper, phone, cart_empty=False) == "$50 less than Nova Phone 128 GB"


def test_responses_carry_the_card_line_for_the_cart_they_saw(agent):
    with_cart = turn(agent, BATTERY, PHONE_PAGE, session="a").offers[0]
    assert with_cart.card_line == "+5.6% on your cart"
    empty = turn(agent, BATTERY, {"page": "product", "product_sku": "PH-128"}, session="b").offers[0]
    assert empty.card_line == "+$39"


def test_offers_carry_the_catalog_page_and_image(settings, tmp_path):
    rows = [p | {"url": "https://shop.example/pb-10k", "image_url": "https://shop.example/pb-10k.jpg"}
            if p["sku"] == "PB-10K" else p for p in PRODUCTS]
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "with_links.jsonl", rows))
    offer = turn(a, BATTERY, PHONE_PAGE).offers[0]
    assert (offer.url, offer.image_url) == ("https://shop.example/pb-10k", "https://shop.example/pb-10k.jpg")
    bare = turn(a, "my phone is always out of storage", {"page": "product", "product_sku": "PH-128"}, "b").offers[0]
    assert "url" not in bare.model_dump(mode="json") and "image_url" not in bare.model_dump(mode="json")
