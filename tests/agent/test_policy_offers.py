"""Building the shopper-facing Offer: catalog prices, uplift_pct as in CONTRACTS section 3, the quoted reason."""

from __future__ import annotations

import json

import pytest

from agent.offers import make_offer, quote_need
from agent.policy import PolicyContext, decide
from agent.schemas import CartLine, ChatContext, OfferReason, ReasonItem, Signal, render_reason
from agent.types import Candidate, PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product

PHONE = Product(sku="PX8-128", name="Nova X8 128 GB", price=699.0, category="Electronics > Phones", family="x8", tier=1)
PHONE_256 = Product(sku="PX8-256", name="Nova X8 256 GB", price=799.0, category="Electronics > Phones", family="x8", tier=2)
PB = Product(sku="PB-20K", name="Power bank 20K", price=39.0, category="Electronics > Power", currency="EUR")
CASE = Product(sku="CASE-X8", name="Nova X8 case", price=25.0, category="Electronics > Cases", compatible_with=["family:x8"])
CABLE = Product(sku="USB-C", name="USB-C cable", price=12.0, category="Electronics > Cables")
CATALOG = Catalog([PHONE, PHONE_256, PB, CASE, CABLE], currency="USD")

NEED = Signal(type="need", text="battery lasted all day")


def ctx(cart=("PX8-128",), product_sku="PX8-128", message="I wish my battery lasted all day", page="product", signals=None):
    return PolicyContext.build(
        signals=[NEED] if signals is None else signals,
        context=ChatContext(page=page, product_sku=product_sku, cart=[CartLine(sku=s) for s in cart]),
        state=SessionState(session_id="s"),
        catalog=CATALOG,
        limits=PolicyLimits(),
        message=message,
    )


def test_cross_sell_offer_matches_the_contract_example():
    offer = make_offer(Candidate(product=PB, kind="cross_sell", need=NEED), ctx())
    assert offer.model_dump(exclude={"why"}) == {
        "sku": "PB-20K",
        "name": "Power bank 20K",
        "kind": "cross_sell",
        "price": 39.0,
        "currency": "EUR",  # the product's own currency wins over the store's
        "uplift_pct": 5.6,  # 39 / 699 = 5.579…%
        "replaces_sku": None,
        "reason": 'answers: "I wish my battery lasted all day"',
    }


def test_upsell_uplift_and_replaces():
    offer = make_offer(Candidate(product=PHONE_256, kind="upsell", replaces=PHONE, need=NEED), ctx())
    assert offer.kind == "upsell" and offer.replaces_sku == "PX8-128"
    assert offer.uplift_pct == 14.3  # (799 - 699) / 699 = 14.306…%
    assert offer.currency == "USD"  # no product currency: the catalog's


def test_cross_sell_uplift_is_against_the_cart_total_with_quantities():
    c = PolicyContext.build(
        signals=[NEED],
        context=ChatContext(cart=[CartLine(sku="PX8-128", qty=1), CartLine(sku="CASE-X8", qty=2)]),
        state=SessionState(session_id="s"),
        catalog=CATALOG,
        limits=PolicyLimits(),
    )
    assert c.cart_total == 749.0
    assert make_offer(Candidate(product=PB, kind="cross_sell", need=NEED), c).uplift_pct == round(39 / 749 * 100, 1)


def test_cross_sell_uplift_uses_the_focus_item_when_the_cart_is_empty():
    assert make_offer(Candidate(product=CABLE, kind="cross_sell", need=NEED), ctx(cart=())).uplift_pct == 1.7


def test_offer_prices_come_from_the_product_not_from_elsewhere():
    cheap = PB.model_copy(update={"price": 29.5})
    offer = decide([Candidate(product=cheap, kind="cross_sell", need=NEED, score=1)], ctx()).offers[0]
    assert offer.price == 29.5 and offer.uplift_pct == round(29.5 / 699 * 100, 1)


def test_upsell_without_a_priced_item_to_replace_is_an_error():
    with pytest.raises(ValueError, match="PX8-256"):
        make_offer(Candidate(product=PHONE_256, kind="upsell", replaces=None, need=NEED), ctx())


@pytest.mark.parametrize(
    "message,need,expected",
    [
        ("Hi! I wish my battery lasted all day. Also, is it waterproof?", "battery lasted all day",
         "I wish my battery lasted all day"),
        ("my PHONE is always full\nwhat can I do", "phone is always full", "my PHONE is always full"),
        # The detector normalised the span: the sentence sharing its words is quoted.
        ("Great screen. The batteries die before lunch though!", "battery dies before lunch",
         "The batteries die before lunch though"),
        # No message (e.g. an API caller that only passes signals): the need text itself.
        ("", "battery lasted all day", "battery lasted all day"),
        ('He said "it never lasts" about the battery', "never lasts", "He said 'it never lasts' about the battery"),
    ],
)
def test_quote_need_quotes_the_sentence_with_the_need(message, need, expected):
    assert quote_need(message, need) == expected


def test_quote_need_trims_long_sentences_around_the_need():
    message = (
        "So I have been using this phone for a couple of weeks now and honestly it is great in most ways, "
        "but I wish my battery lasted all day because I travel a lot for work and there is rarely a plug near me, "
        "and the charger I carry is bulky"
    )
    q = quote_need(message, "battery lasted all day")
    assert "battery lasted all day" in q
    assert len(q) <= 122 and q.startswith("…") and q.endswith("…")
    assert "  " not in q and not q[1:].startswith(" ")


def test_unprompted_add_on_reason_names_the_cart_item_it_goes_with():
    c = ctx(cart=("USB-C", "PX8-128"), product_sku=None, page="cart", signals=[])
    offer = make_offer(Candidate(product=CASE, kind="cross_sell", sources=["compatible"]), c)
    assert offer.reason == "goes with: Nova X8 128 GB in your cart"


def test_offer_carries_a_typed_reason_that_renders_to_its_reason_text():
    need = make_offer(Candidate(product=PB, kind="cross_sell", need=NEED), ctx())
    assert need.why == OfferReason(kind="answers_need", need="I wish my battery lasted all day")
    c = ctx(cart=("USB-C", "PX8-128"), product_sku=None, page="cart", signals=[])
    addon = make_offer(Candidate(product=CASE, kind="cross_sell", sources=["compatible"]), c)
    assert addon.why is not None and addon.why.kind == "goes_with"
    assert addon.why.goes_with == ReasonItem(sku="PX8-128", name="Nova X8 128 GB", where="in_cart")
    for offer in (need, addon):
        assert render_reason(offer.why) == offer.reason


def test_reason_rendering_covers_every_place_and_the_order():
    item = ReasonItem(sku="S", name="Nova", where="in_focus")
    assert render_reason(OfferReason(kind="goes_with", goes_with=item)) == "goes with: Nova you are looking at"
    bought = item.model_copy(update={"where": "just_bought"})
    assert render_reason(OfferReason(kind="goes_with", goes_with=bought)) == "goes with: Nova you just bought"
    assert render_reason(OfferReason(kind="goes_with")) == "goes with: your order"


def test_offers_stored_before_the_typed_reason_still_load():
    old = {"sku": "PB-20K", "name": "PB", "kind": "cross_sell", "price": 39.0, "currency": "USD",
           "uplift_pct": 5.6, "replaces_sku": None, "reason": "goes with: Nova X8 128 GB in your cart"}
    turn = {"index": 0, "user": "hi", "reply": "hello", "offers": [old]}
    state = SessionState.model_validate_json(json.dumps({"session_id": "s", "turns": [turn]}))
    assert state.turns[0].offers[0].why is None and state.turns[0].offers[0].reason == old["reason"]
