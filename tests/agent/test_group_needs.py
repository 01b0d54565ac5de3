"""Group needs ("we're adding two people", "all four of us"): more of what the shopper holds, unless what they hold
seats people or is shared and comes bigger."""

from __future__ import annotations

import pytest

from agent.candidates import CandidateDeps, gather_candidates
from agent.policy import PolicyContext, decide
from agent.schemas import CartLine, ChatContext, Signal
from agent.signals import OfflineSignalDetector
from agent.turn import TurnFacts
from agent.types import PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need


def _gloves(size: str) -> Product:
    return Product(sku=f"GLV-{size}", name=f"GripWell garden gloves, size {size}", price=8.0,
                   category="Garden > Gloves", family="gripwell", attributes={"size": size})


TENTS = [
    Product(sku=f"TENT-{n}", name=f"Trail tent for {n}", price=price, category="Outdoor > Tents", family="trail",
            attributes={"people": n, "weight_kg": kg})
    for n, price, kg in ((2, 150.0, 2.1), (3, 185.0, 2.8))
]
KETTLES = [
    Product(sku=f"KTL-{ml}", name=f"Pour kettle {ml / 1000:g} l", price=price, category="Kitchen > Kettles",
            family="pour", attributes={"capacity_l": ml / 1000})
    for ml, price in ((900, 69.0), (1200, 85.0))
]
BOTTLES = [
    Product(sku=f"BTL-{n}", name=f"Baby bottle 260 ml, {n}-pack", price=price, category="Baby > Bottles",
            family="flow", attributes={"volume_ml": 260, "count": n})
    for n, price in ((1, 10.0), (2, 18.0))
]
LABELS = Product(sku="LABELS", name="Plant labels, pack of 50", price=4.0, category="Garden > Accessories",
                 description="Labels for seed trays and pots; write the variety and sowing date.")
CATALOG = Catalog([_gloves("S"), _gloves("M"), _gloves("L"), *TENTS, *KETTLES, *BOTTLES, LABELS])
RELATIONS = Relations.build(CATALOG)


def _search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
    return [SearchHit(sku="LABELS", score=0.5)]  # a loose search hit the group need must not land on


def _offers(message: str, context: ChatContext, confidence: float = 0.85) -> list[tuple[str, str]]:
    return decide_need(message, context, CATALOG, RELATIONS, _search, confidence=confidence)


def test_a_group_need_gets_more_of_what_is_held():
    cart = ChatContext(page="cart", cart=[CartLine(sku="GLV-M")])
    offers = _offers("from next week we're adding two people to the crew", cart)
    assert offers and offers[0][0] in {"GLV-S", "GLV-L"} and offers[0][1] == "cross_sell"


def test_a_group_need_on_an_item_that_seats_people_gets_a_bigger_one():
    page = ChatContext(page="product", product_sku="TENT-2", cart=[])
    assert _offers("my brother is coming too, we'll be three people", page) == [("TENT-3", "upsell")]


def test_a_group_need_on_a_shared_item_whose_family_comes_bigger_gets_a_bigger_one():
    # A kettle seats nobody, but five people drink from one: the 1.2 l one answers, not a second kettle.
    page = ChatContext(page="product", product_sku="KTL-900", cart=[CartLine(sku="KTL-900")])
    assert _offers("we're adding two people to the office, five of us now", page) == [("KTL-1200", "upsell")]


def test_a_group_need_on_an_item_whose_family_differs_only_in_count_gets_more_of_it():
    # Every bottle holds 260 ml: no bigger one exists, so twins call for more bottles beside the pack held.
    cart = ChatContext(page="cart", cart=[CartLine(sku="BTL-2")])
    assert _offers("twins are coming, we're going to be a family of four", cart) == [("BTL-1", "cross_sell")]


def test_an_inferred_worry_about_other_people_is_not_a_group_need():
    cart = ChatContext(page="cart", cart=[CartLine(sku="GLV-M")])
    offers = _offers("I'm worried the people next door will complain", cart, confidence=0.3)
    assert not any(sku.startswith("GLV-") for sku, _ in offers)


# --- a group said as a count ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def detector():
    return OfflineSignalDetector()  # patterns only: a count of people is read without an encoder


@pytest.mark.parametrize(
    "message",
    [
        "All four of us ride on Sundays",
        "I'm the only one with gloves",
        "Twins on the way!",
        "¡Vienen gemelos en marzo!",
        "Wir sind zu viert unterwegs",
        "Nous sommes cinq à la maison",
        "Нас четверо, и все катаемся",
        "Nhà mình sắp có sinh đôi",
        "so we're two more people sharing the bathroom",
        "We're adding three guests for the holidays",
        "Ab Mai sind wir zwei Personen mehr im Haushalt",
        "Nous serons deux personnes de plus cet été",
        "С лета нас будет ещё двое",
        "Tháng sau nhà mình thêm hai người",
    ],
)
def test_a_count_of_people_is_a_group_need(detector, message):
    needs = [s for s in detector.detect(message, ChatContext(page="cart")) if s.type == "need"]
    assert needs and needs[0].group


@pytest.mark.parametrize(
    "message",
    ["All four of us use this face wash and it's empty in two weeks", "I have two cats and a dog",
     "I need two more cables", "I want to plan all six of us on one calendar",
     "the four of us will be sleeping in one tent", "Both of us will be rowing on it",
     "all four of us keep our lures in it"],
)
def test_sharing_one_item_or_counting_pets_is_no_group_of_people(detector, message):
    assert not any(s.group for s in detector.detect(message, ChatContext(page="cart")))


def test_a_counted_group_gets_more_of_what_is_held_without_any_encoder():
    # The candidate step trusts the count: no axis reading is needed (no embedder here).
    need = Signal(type="need", text="All four of us are clearing the allotment", confidence=0.8, group=True)
    cart = ChatContext(page="cart", cart=[CartLine(sku="GLV-M")])
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=cart, state=state, signals=[need], catalog=CATALOG, message=need.text)
    deps = CandidateDeps(catalog=CATALOG, relations=RELATIONS, search=_search, limits=PolicyLimits())
    decision = decide(gather_candidates(facts, [need], deps),
                      PolicyContext(facts=facts, signals=[need], state=state, limits=PolicyLimits()))
    assert [(o.sku in {"GLV-S", "GLV-L"}, o.kind) for o in decision.offers] == [(True, "cross_sell")]
