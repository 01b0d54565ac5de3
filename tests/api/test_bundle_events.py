"""A "frequently bought together" set outside the chat: outcome events name it by its sku, the terminal's
add-to-cart puts its components in the cart."""

from __future__ import annotations

from agent.schemas import ChatContext, Offer
from api.terminal import _accept
from tests.api.test_api import KEY

ADMIN = {"X-API-Key": KEY}


def test_events_accept_an_fbt_sku_priced_at_its_components(client) -> None:
    event = {"session_id": "f", "type": "shown", "sku": "FBT:CASE-PX8+PB-20K"}
    r = client.post("/v1/events", json=event, headers=ADMIN)
    assert r.status_code == 201, r.text
    assert r.json()["price"] == 68.0
    r = client.post("/v1/events", json={"session_id": "f", "type": "shown", "sku": "FBT:CASE-PX8+NOPE"}, headers=ADMIN)
    assert r.status_code == 422


def test_terminal_accept_puts_an_fbt_sets_components_in_the_cart() -> None:
    fbt = Offer(sku="FBT:A+B", name="x", kind="bundle", price=3, currency="USD", uplift_pct=1, reason="r",
                components=["A", "B"], savings=0.0)
    kit = fbt.model_copy(update={"sku": "KIT"})
    assert [c.sku for c in _accept(ChatContext(), fbt).cart] == ["A", "B"]
    assert [c.sku for c in _accept(ChatContext(), kit).cart] == ["KIT"]
