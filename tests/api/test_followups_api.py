"""POST /v1/followups: admin key, one order, the contract's fields, the followups table, declines from chat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.test_api import KEY

SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "followups"
FIELDS = ["order_id", "customer_id", "send_at", "kind", "sku", "name", "price", "currency", "reason", "subject",
          "text", "html"]
ADMIN = {"X-API-Key": KEY}


def body(oid="o1", customer="c1", *skus, **extra):
    return {"order_id": oid, "customer_id": customer, "created_at": "2026-01-30T10:00:00+00:00",
            "as_of": "2026-01-30T12:00:00+00:00",
            "items": [{"sku": s, "quantity": 1} for s in (skus or ("ESP-100",))], **extra}


@pytest.fixture
def fclient(make_client):
    client = make_client(ingest=False)
    client.app.state.agent.knowledge.ingest(SUITE / "catalog.jsonl")
    return client


def test_needs_the_admin_key(fclient, make_client):
    assert fclient.post("/v1/followups", json=body()).status_code == 401
    assert fclient.post("/v1/followups", json=body(), headers={"X-API-Key": "wrong"}).status_code == 401
    closed = make_client(ingest=False, admin_api_key=None)
    assert closed.post("/v1/followups", json=body(), headers=ADMIN).status_code == 403


def test_one_order_gives_one_followup_with_the_contract_fields_and_is_recorded(fclient):
    r = fclient.post("/v1/followups", json=body(), headers=ADMIN)
    assert r.status_code == 200, r.text
    f = r.json()
    assert list(f) == FIELDS
    assert (f["kind"], f["sku"], f["price"], f["send_at"]) == ("cross_sell", "MILK-FROTH", 39.0,
                                                               "2026-02-02T10:00:00+00:00")
    assert f["html"].startswith("<!doctype html>") and "Milk frother" in f["text"]
    again = fclient.post("/v1/followups", json=body(), headers=ADMIN)
    assert again.status_code == 200
    rows = fclient.app.state.followup_log.rows()
    assert len(rows) == 1  # one per order, however often it is posted
    row = rows[0]
    assert {k: row[k] for k in ("order_id", "customer_id", "sku", "kind", "send_at")} == {
        "order_id": "o1", "customer_id": "c1", "sku": "MILK-FROTH", "kind": "cross_sell",
        "send_at": "2026-02-02T10:00:00+00:00"}
    assert isinstance(row["created_at"], float)


def test_replenish_and_no_followup(fclient):
    r = fclient.post("/v1/followups", json=body("o2", "c2", "LITTER-10", locale="es"), headers=ADMIN)
    assert r.json()["kind"] == "replenish" and r.json()["subject"] == "¿Se te acaba Cat litter 10 kg?"
    late = body("o3", "c3", "HP-1", as_of="2026-03-30T10:00:00+00:00")  # due 2 February: 56 days late
    none = fclient.post("/v1/followups", json=late, headers=ADMIN)
    assert none.status_code == 204
    assert none.headers["X-Followup-Skipped"] == "cross_sell was due 56 days before the as-of time"
    assert len(fclient.app.state.followup_log.rows()) == 1


def test_unknown_skus_are_left_out_and_named(fclient):
    r = fclient.post("/v1/followups", json=body("o4", "c4", "GONE-1", "PRN-LASER"), headers=ADMIN)
    assert r.status_code == 200 and r.json()["sku"] == "TONER-M1"
    assert "unknown sku 'GONE-1'" in json.loads(r.headers["X-Followup-Warnings"])[0]
    odd = fclient.post("/v1/followups", json=body("o6", "c6", "Ga\u00efa\n\u2603", "PRN-LASER"), headers=ADMIN)
    assert odd.status_code == 200 and "\\u2603" in odd.headers["X-Followup-Warnings"]
    only_unknown = fclient.post("/v1/followups", json=body("o5", "c5", "GONE-1"), headers=ADMIN)
    assert only_unknown.status_code == 204
    assert only_unknown.headers["X-Followup-Skipped"] == "no sku of the order is in the catalog"


def test_other_orders_of_the_customer_are_never_cross_sold_again(fclient):
    earlier = {"order_id": "o0", "created_at": "2026-01-02T10:00:00Z", "skus": ["MILK-FROTH"]}
    r = fclient.post("/v1/followups", json=body(other_orders=[earlier]), headers=ADMIN)
    assert r.json()["sku"] == "DESC-KIT"


def test_a_decline_reported_for_the_customer_is_respected(fclient):
    event = {"session_id": "s1", "type": "declined", "sku": "MILK-FROTH", "customer_id": "c1"}
    assert fclient.post("/v1/events", json=event, headers=ADMIN).status_code == 201
    r = fclient.post("/v1/followups", json=body(), headers=ADMIN)
    assert r.json()["sku"] == "DESC-KIT"
    other = fclient.post("/v1/followups", json=body("o9", "c9"), headers=ADMIN)
    assert other.json()["sku"] == "MILK-FROTH"  # another customer's decline is not theirs


def test_a_chat_context_links_the_session_to_the_customer(fclient):
    r = fclient.post("/v1/chat", json={"session_id": "chat-1", "message": "hello",
                                        "context": {"page": "other", "customer_id": "c7", "locale": "de"}})
    assert r.status_code == 200
    sessions = fclient.app.state.agent.deps.sessions
    assert sessions.sessions_of_customer("c7") == ["chat-1"]
    f = fclient.post("/v1/followups", json=body("o7", "c7", "DESC-KIT"), headers=ADMIN).json()
    assert 'lang="de"' in f["html"]  # the language the customer chatted in


def test_a_bad_body_names_the_field(fclient):
    bad = body()
    del bad["created_at"]
    r = fclient.post("/v1/followups", json=bad, headers=ADMIN)
    assert r.status_code == 422 and "created_at" in r.text
    far = fclient.post("/v1/followups", json=body(created_at="9999-12-31T23:00:00Z"), headers=ADMIN)
    assert far.status_code == 422 and "year 9999" in far.text


def test_a_no_thanks_in_a_chat_of_the_customer_is_respected(fclient):
    from agent.schemas import Offer
    from agent.types import OfferRecord, SessionState, Turn

    offer = Offer(sku="MILK-FROTH", name="Milk frother", kind="cross_sell", price=39.0, currency="USD",
                  uplift_pct=19.6, reason="goes with: Espresso machine Basic in your cart")
    app = fclient.app
    app.state.agent.deps.sessions.save(SessionState(
        session_id="chat-2", turns=[Turn(index=0, user="hi", reply="A frother?", offers=[offer])],
        offers_made=[OfferRecord(sku="MILK-FROTH", kind="cross_sell", turn=0)]))
    token = app.state.session_tokens.issue("chat-2")
    r = fclient.post("/v1/chat", headers={"X-Session-Token": token},
                     json={"session_id": "chat-2", "message": "no thanks", "context": {"customer_id": "c8"}})
    assert r.status_code == 200 and any(s["type"] == "decline" for s in r.json()["signals"])
    f = fclient.post("/v1/followups", json=body("o8", "c8"), headers=ADMIN).json()
    assert f["sku"] == "DESC-KIT"
