"""A need asking for a thing for a purpose ("something to lie on") is answered by an add-on, never by another
version of the item in focus."""

from __future__ import annotations

import pytest

from agent.schemas import CartLine, ChatContext
from agent.signals.thing_ask import asks_for_a_thing
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need


@pytest.mark.parametrize(
    "text",
    [
        "I'll be doing chest presses with these, need something to lie on",
        "I'll need something to carry it in on my bike tours",
        "I also need a way to charge off the car's socket",
        "also need something for his nails",
        "anything to keep the sand off it?",
        "Necesito algo para llevarla en la bici",
        "Ich brauche etwas zum Aufhängen",
        "Il me faudrait de quoi faire du café filtre",
        "Нужно что-нибудь для ногтей",
        "Tôi cần cái gì để đựng máy ảnh",
    ],
)
def test_an_object_for_a_purpose_is_a_thing_ask(text):
    assert asks_for_a_thing(text)


@pytest.mark.parametrize(
    "text",
    [
        "is there anything for a bit more that charges faster?",
        "do you have something for under 50?",
        "a lighter one would be nice",
        "I wish it lasted longer",
        "algo para menos dinero",
        "quelque chose pour moins cher",
        "my battery dies by noon",
    ],
)
def test_price_talk_versions_and_complaints_are_no_thing_ask(text):
    assert not asks_for_a_thing(text)


HELD = Product(sku="CAM-20", name="Lumen X20 camera body", price=800.0, category="Photo > Cameras", family="lumen",
               tier=2, attributes={"weight_g": 450}, upsells=["CAM-20L"], cross_sells=["BAG-18"])
LIGHTER = Product(sku="CAM-20L", name="Lumen X20 Lite camera body", price=880.0, category="Photo > Cameras",
                  family="lumen", tier=3, attributes={"weight_g": 360},
                  description="The X20 in a magnesium shell, easy to carry all day.")
BAG = Product(sku="BAG-18", name="Trail camera backpack 18 l", price=119.0, category="Photo > Bags",
              description="Padded backpack that carries a body and two lenses on hikes and bike tours.",
              attributes={"volume_l": 18})
CATALOG = Catalog([HELD, LIGHTER, BAG])
RELATIONS = Relations.build(CATALOG)


def _search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
    return [SearchHit(sku="CAM-20L", score=0.6), SearchHit(sku="BAG-18", score=0.55)]


def _offers(message: str) -> list[tuple[str, str]]:
    context = ChatContext(page="product", product_sku="CAM-20", cart=[CartLine(sku="CAM-20")])
    return decide_need(message, context, CATALOG, RELATIONS, _search, confidence=0.8)


def test_something_to_carry_it_in_gets_a_bag_not_a_lighter_body():
    assert _offers("I'll need something to carry it in on my bike tours") == [("BAG-18", "cross_sell")]


def test_a_lighter_version_asked_for_is_still_an_upgrade():
    assert _offers("it's heavy to carry on my bike tours, is there a lighter one?") == [("CAM-20L", "upsell")]
