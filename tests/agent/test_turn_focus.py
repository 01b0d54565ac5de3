"""The item in focus off a product page: the cart line the shopper names, else the latest one."""

from __future__ import annotations

from agent.schemas import CartLine, ChatContext, ChatRequest
from agent.turn import named_line, resolve_focus
from knowledge.catalog import Catalog
from knowledge.models import Product
from tests.support import agent_on

TENT = Product(sku="TNT-1", name="Ridgeline 1-Person Tent", price=189, category="Camping > Tents")
COVER = Product(sku="PK-RC", name="Pack Rain Cover 50 L", price=22, category="Camping > Packs > Accessories")
PACK = Product(sku="PK-50", name="Summit 50 L Backpack", price=159, category="Camping > Packs")
CATALOG = Catalog([TENT, COVER, PACK])
CART = ChatContext(page="cart", cart=[CartLine(sku="TNT-1"), CartLine(sku="PK-50"), CartLine(sku="PK-RC")])


def test_the_cart_line_the_message_names_is_in_focus():
    assert resolve_focus(CART, CATALOG, message="wait, the 1-person tent won't fit both of us, will it?") == TENT


def test_a_message_naming_no_line_or_two_alike_leaves_the_latest_line_in_focus():
    assert resolve_focus(CART, CATALOG, message="is shipping to Denver really 5 business days?") == COVER
    assert named_line([TENT, COVER, PACK], "the 50 L one") is None  # pack and cover both say "50 L"
    assert named_line([TENT], "the tent") is None  # one line: nothing to choose


def test_a_product_page_stays_in_focus_whatever_the_message_names():
    page = CART.model_copy(update={"page": "product", "product_sku": "PK-50"})
    assert resolve_focus(page, CATALOG, message="the tent won't fit both of us") == PACK


ROWS = [
    {"sku": "TNT-1", "name": "Ridgeline 1-Person Tent", "price": 189, "category": "Camping > Tents",
     "family": "ridgeline", "attributes": {"capacity_persons": 1}, "description": "A one-person trekking tent."},
    {"sku": "TNT-2", "name": "Ridgeline 2-Person Tent", "price": 239, "category": "Camping > Tents",
     "family": "ridgeline", "attributes": {"capacity_persons": 2}, "description": "The Ridgeline for two."},
    {"sku": "PK-RC", "name": "Pack Rain Cover", "price": 22, "category": "Camping > Packs > Accessories",
     "description": "Keeps a 40-60 L pack dry in a downpour."},
]


def test_an_upgrade_of_the_named_cart_line_answers_a_need_about_it(settings, tmp_path):
    agent = agent_on(settings, tmp_path / "catalog.jsonl", ROWS)
    r = agent.respond(ChatRequest(session_id="t", message="wait, the 1-person tent won't fit my partner and me",
                                  context={"page": "cart", "cart": [{"sku": "TNT-1"}, {"sku": "PK-RC"}]}))
    assert [(o.sku, o.kind) for o in r.offers] == [("TNT-2", "upsell")]
