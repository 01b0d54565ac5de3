"""A yes typed in the chat is recorded like the card's button and answered with the shop page's actions."""

from __future__ import annotations

from tests.api.test_api import ADMIN, CATALOG, PHONE_CTX, chat, parse_sse, session_state, token_header, write_catalog

# The 256 GB phone within the policy's +30% upgrade limit.
UPGRADABLE = [p | {"price": 849.0} if p["sku"] == "PX8-256" else p for p in CATALOG]


def _accepted(client) -> list[dict]:
    return [e.model_dump() for e in client.app.state.events.all() if e.type == "accepted"]


def test_typed_yes_answers_with_add_to_cart_and_records_the_acceptance(client):
    assert [o["sku"] for o in chat(client, "ty")["offers"]] == ["PB-20K"]
    body = chat(client, "ty", message="yes please", context={})
    assert body["actions"] == [{"type": "add_to_cart", "sku": "PB-20K", "qty": 1}]
    assert session_state(client, "ty")["accepted_skus"] == ["PB-20K"]
    assert [(e["session_id"], e["sku"], e["price"]) for e in _accepted(client)] == [("ty", "PB-20K", 39.0)]
    summary = client.get("/v1/metrics/summary", headers=ADMIN).json()
    assert summary["offers_accepted"] == 1


def test_typed_yes_over_the_stream_carries_the_actions_in_done(client):
    chat(client, "tys")
    r = client.post("/v1/chat/stream", json={"session_id": "tys", "message": "sí, por favor", "context": {}},
                    headers=token_header(client, "tys"))
    done = parse_sse(r.text)[-1]
    assert done[0] == "done" and done[1]["actions"] == [{"type": "add_to_cart", "sku": "PB-20K", "qty": 1}]
    assert [e["sku"] for e in _accepted(client)] == ["PB-20K"]


def test_switching_to_an_upgrade_sets_the_focus_for_later_turns(make_client, tmp_path):
    client = make_client(ingest=False)
    client.app.state.agent.knowledge.ingest(write_catalog(tmp_path / "upgradable.jsonl", UPGRADABLE))
    offers = chat(client, "up", message="my phone is always out of storage", context=PHONE_CTX)["offers"]
    assert [(o["sku"], o["kind"], o["card_line"]) for o in offers] == [
        ("PX8-256", "upsell", "+$150 over Pixel X8 128 GB")
    ]
    body = chat(client, "up", message="I'll take it", context={})
    assert body["actions"] == [
        {"type": "add_to_cart", "sku": "PX8-256", "qty": 1, "replaces_sku": "PX8-128"},
        {"type": "set_focus", "sku": "PX8-256", "replaces_sku": "PX8-128"},
    ]
    context = session_state(client, "up")["last_context"]
    assert context["product_sku"] == "PX8-256" and context["cart"] == [{"sku": "PX8-256", "qty": 1}]
    assert "256 GB" in chat(client, "up", message="how much storage does it have?", context={})["reply"]
    assert [e["sku"] for e in _accepted(client)] == ["PX8-256"]
