"""What the shopper is sick of buying is a kind they refuse, for every need of the turn; it stays the topic."""

from __future__ import annotations

from agent.affinity import NeedTerms, ProductTerms, ruled_out
from agent.schemas import CartLine, ChatContext
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.support import decide_need


def test_sick_of_buying_refuses_the_kind_and_keeps_the_topic():
    terms = NeedTerms.of("I'm sick of buying AAs every other week")
    alkaline = ProductTerms.of(Product(sku="AA", name="AA Alkaline Batteries, 8 Pack", price=9, category="Power"))
    kit = ProductTerms.of(Product(sku="KIT", name="Play & Charge Kit", price=24, category="Power"))
    assert ruled_out(terms, alkaline) and not ruled_out(terms, kit)
    assert "aa" not in NeedTerms.of("I'm done, thanks").ruled_out
    assert "bat" in NeedTerms.of("tired of buying batteries").stems  # a rechargeable one still answers


PAD = Product(sku="PAD", name="Pulse Wireless Controller", price=49.0, category="Gaming > Controllers",
              attributes={"power": "2x AA"})
ALKALINE = Product(sku="AA-8", name="AA Alkaline Batteries, 8 Pack", price=9.0, category="Gaming > Power",
                   compatible_with=["PAD"], description="Spare batteries for wireless controllers.")
KIT = Product(sku="RC-KIT", name="Pulse Play & Charge Kit", price=24.0, category="Gaming > Power",
              compatible_with=["PAD"], description="A rechargeable battery pack and cable: no more batteries to buy.")


def test_the_kind_they_are_sick_of_buying_is_not_offered_its_rechargeable_answer_is():
    catalog = Catalog([PAD, ALKALINE, KIT])

    def search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        return [SearchHit(sku="AA-8", score=0.7), SearchHit(sku="RC-KIT", score=0.55)]

    context = ChatContext(page="cart", cart=[CartLine(sku="PAD")])
    offers = decide_need("these controllers just eat batteries, I'm sick of buying AAs", context, catalog,
                         Relations.build(catalog), search)
    assert offers == [("RC-KIT", "cross_sell")]
