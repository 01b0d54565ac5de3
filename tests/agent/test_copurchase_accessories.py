"""A co-purchase consequent made for something the shopper does not hold is no add-on for them."""

from __future__ import annotations

from agent.candidates import CandidateDeps, gather_candidates
from agent.schemas import CartLine, ChatContext, Signal
from agent.turn import TurnFacts
from agent.types import PolicyLimits, SessionState
from knowledge.catalog import Catalog
from knowledge.copurchase import CoPurchaseRule, RuleBook
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations

KETTLE = Product(sku="KTL", name="Gooseneck kettle 0.9 l", price=69.0, category="Kitchen > Kettles")
DRIPPER = Product(sku="DRIP", name="Ceramic pour-over dripper, size 02", price=25.0, category="Kitchen > Coffee",
                  description="A cone dripper for filter coffee; takes size 02 paper filters.")
PAPERS = Product(sku="PAPERS", name="Paper filters size 02, 100 pcs", price=6.0, category="Kitchen > Coffee",
                 description="Paper filters for size 02 cone drippers.", compatible_with=["DRIP"])
CATALOG = Catalog([KETTLE, DRIPPER, PAPERS])


def _rule(a: str, b: str, confidence: float) -> CoPurchaseRule:
    return CoPurchaseRule(antecedent=a, consequent=b, count=20, support=0.1, confidence=confidence, lift=3.0)


RELATIONS = Relations.build(CATALOG, RuleBook([_rule("KTL", "PAPERS", 0.6), _rule("KTL", "DRIP", 0.5)]))


def _search(query: str, filters: SearchFilters, k: int) -> list[SearchHit]:
    return []


def _found(cart: list[str]) -> set[str]:
    need = Signal(type="need", text="I'd like to make filter coffee too", confidence=0.85)
    context = ChatContext(page="cart", cart=[CartLine(sku=s) for s in cart])
    state = SessionState(session_id="s")
    facts = TurnFacts.build(context=context, state=state, signals=[need], catalog=CATALOG, message=need.text)
    deps = CandidateDeps(catalog=CATALOG, relations=RELATIONS, search=_search, limits=PolicyLimits())
    return {c.product.sku for c in gather_candidates(facts, [need], deps)}


def test_papers_for_a_dripper_not_held_are_not_offered_beside_the_kettle():
    found = _found(["KTL"])
    assert "DRIP" in found and "PAPERS" not in found


def test_papers_are_an_add_on_once_the_dripper_is_held():
    assert "PAPERS" in _found(["KTL", "DRIP"])
