"""An ask for whatever goes with the item held is answered by what is made for it."""

from __future__ import annotations

from agent.schemas import Signal


def test_a_bare_ask_for_what_goes_with_it_is_answered_by_what_is_made_for_it():
    from tests.agent.test_upgrades import decide_turn

    cands, decision = decide_turn(Signal(type="need", text="anything that goes nicely with it"))
    strap = next(c for c in cands if c.product.sku == "STRAP")
    assert strap.need is not None and [o.sku for o in decision.offers] == ["STRAP"]
    # A need that names a thing is judged on that thing, not on the link alone.
    cands, _ = decide_turn(Signal(type="need", text="a stand to go with it"))
    assert next(c for c in cands if c.product.sku == "STRAP").need is None
