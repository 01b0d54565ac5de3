"""A cheaper version does the same job: never one for fewer people than the item it replaces."""

from __future__ import annotations

from agent.schemas import ChatContext
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need

TENTS = "Camping > Tents"
TWO = Product(sku="RL-2", name="Ridgeline 2 Backpacking Tent", price=239.0, category=TENTS, family="ridgeline",
              tier=2, attributes={"capacity_persons": 2, "weight_kg": 1.6})
ONE = Product(sku="RL-1", name="Ridgeline 1 Backpacking Tent", price=189.0, category=TENTS, family="ridgeline",
              tier=1, attributes={"capacity_persons": 1, "weight_kg": 1.25})
DRIFT = Product(sku="DR-2", name="Drift 2 Trekking-Pole Tent", price=199.0, category=TENTS,
                attributes={"capacity_persons": 2, "season": 3})


def _offers(*products: Product) -> list[tuple[str, str]]:
    catalog = Catalog([TWO, *products])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        return []

    context = ChatContext(page="product", product_sku="RL-2")
    return decide_need("too pricey for us, got anything cheaper?", context, catalog, Relations.build(catalog), search,
                       wants="cheaper")


def test_the_smaller_tent_of_the_line_is_no_cheaper_version():
    assert _offers(ONE) == []


def test_a_cheaper_tent_for_as_many_people_from_another_line_is():
    assert _offers(ONE, DRIFT) == [("DR-2", "upsell")]
