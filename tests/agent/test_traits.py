"""A need for the item's own kind is answered by versions of it, keeping what the shopper said it must stay."""

from __future__ import annotations

import pytest

from agent.affinity import stem
from agent.candidates.dimensions import lexicon_axes
from agent.candidates.named import names_own_kind
from agent.candidates.traits import said_traits
from agent.schemas import ChatRequest
from knowledge.models import Product
from tests.support import agent_on

MOUSE = Product(sku="M-WL", name="Kestrel Wireless Gaming Mouse", price=49.0, category="Gaming > Mice",
                attributes={"weight_g": 63, "connection": "wireless", "color": "black", "rgb": True})


def test_a_need_names_the_item_s_own_kind_by_its_noun_phrase_or_a_short_translation():
    assert names_own_kind("a lighter mouse", "a lighter mouse", MOUSE)
    assert names_own_kind("mouse", "мышку полегче", MOUSE)  # the glossary keeps the noun only
    assert not names_own_kind("a mouse pad for long sessions", "a mouse pad for long sessions", MOUSE)
    pain = "my hand hurts after an hour with this mouse"
    assert not names_own_kind(pain, pain, MOUSE)


@pytest.mark.parametrize("text", ["мышку полегче", "una mochila más ligera", "eine leichtere Maus",
                                  "une souris plus légère", "con chuột nhẹ hơn"])
def test_lighter_is_read_in_every_shop_language(text):
    assert [a.name for a in lexicon_axes(text)] == ["lighter"]


def test_the_traits_a_message_names_are_word_values_it_says_and_true_features_it_names():
    def said(text: str) -> set[str]:
        return {stem(w) for w in text.split()}

    assert said_traits(MOUSE, said("a lighter mouse but wireless too")) == {"connection": "wireless"}
    assert said_traits(MOUSE, said("the black mouse")) == {}  # how it looks is no constraint on a version
    assert said_traits(MOUSE, said("it must have rgb")) == {"rgb": True}


ROWS = [
    {"sku": "M-WL", "name": "Kestrel Wireless Gaming Mouse", "price": 49, "category": "Gaming > Mice",
     "family": "kestrel", "attributes": {"weight_g": 63, "connection": "wireless"},
     "description": "A wireless mouse weighing 63 g."},
    {"sku": "M-WRD", "name": "Kestrel Wired Gaming Mouse", "price": 39, "category": "Gaming > Mice",
     "family": "kestrel", "attributes": {"weight_g": 59, "connection": "wired"},
     "description": "The wired Kestrel, 59 g."},
    {"sku": "M-AIR", "name": "Kestrel Air Wireless Gaming Mouse", "price": 59, "category": "Gaming > Mice",
     "family": "kestrel", "attributes": {"weight_g": 52, "connection": "wireless"},
     "description": "The lightest wireless Kestrel at 52 g."},
    {"sku": "GRIP", "name": "Anti-Slip Mouse Grip Tape", "price": 9, "category": "Gaming > Accessories",
     "compatible_with": ["family:kestrel"], "description": "Grip tape for a lighter, surer hold."},
]


def test_a_lighter_mouse_that_must_stay_wireless_is_the_lighter_wireless_version(settings, tmp_path):
    agent = agent_on(settings, tmp_path / "catalog.jsonl", ROWS)
    r = agent.respond(ChatRequest(session_id="m", message="I'd like a lighter mouse, but it has to be wireless too",
                                  context={"page": "product", "product_sku": "M-WL"}))
    assert [(o.sku, o.kind) for o in r.offers] == [("M-AIR", "upsell")]


def _cover_evidence(message: str, *, leather_listed: bool = True):
    from agent.affinity import text_stems
    from agent.candidates.evidence import Evidence
    from agent.candidates.traits import keep_said_addon_traits
    from agent.schemas import Signal
    from knowledge.catalog import Catalog

    cat = "Books > E-readers > Cases"
    folio = Product(sku="FOLIO", name="Reader Folio Cover, Charcoal", price=25, category=cat,
                    description="A slim fabric folio that wakes the reader.", attributes={"color": "charcoal"})
    leather = Product(sku="LTH", name="Reader Leather Cover, Tan", price=39, category=cat, active=False,
                      attributes={"color": "tan", "material": "leather"})
    sleeve = Product(sku="SLV", name="Reader Sleeve, Size M", price=15, category=cat, attributes={"size": "M"})
    catalog = Catalog([folio, leather, sleeve] if leather_listed else [folio, sleeve])
    need = Signal(type="need", text=message)
    found = {}
    for p in (folio, sleeve):
        ev = Evidence(product=p, kind="cross_sell")
        ev.add_need(0.7, need)
        found[p.sku] = ev
    keep_said_addon_traits(found, catalog, set(text_stems(message)))
    return found


def test_an_add_on_must_be_the_material_the_shopper_named_when_the_store_lists_that_material():
    found = _cover_evidence("do you do a leather cover for it? only leather")
    assert found["FOLIO"].need_signal is None and found["SLV"].need_signal is None


def test_a_material_no_product_of_the_category_is_listed_in_vetoes_nothing():
    found = _cover_evidence("do you do a leather cover for it?", leather_listed=False)
    assert found["FOLIO"].need_signal is not None


def test_a_letter_size_said_by_chance_vetoes_nothing():
    found = _cover_evidence("all four of us read on the train, m")
    assert found["FOLIO"].need_signal is not None
