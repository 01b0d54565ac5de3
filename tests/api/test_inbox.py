"""GET /v1/sessions: the rep inbox lists live conversations (auth, fields, newest first, bounded pages)."""

from __future__ import annotations

import time

from sqlalchemy import update

from agent.sql_store import sessions_table
from api.rep_ticket import COOKIE, COOKIE_PATH, issue_ticket, ticket_valid
from tests.api.test_api import KEY, NEED, PHONE_CTX

ADMIN = {"X-API-Key": KEY}


def chat(client, session, message=NEED, context=PHONE_CTX, token=None):
    headers = {"X-Session-Token": token} if token else {}
    r = client.post("/v1/chat", json={"session_id": session, "message": message, "context": context}, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()


def listing(client, **params):
    r = client.get("/v1/sessions", headers=ADMIN, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_the_list_needs_the_admin_key(client, make_client):
    assert client.get("/v1/sessions").status_code == 401
    assert client.get("/v1/sessions", headers={"X-API-Key": "wrong"}).status_code == 401
    assert make_client(admin_api_key=None).get("/v1/sessions", headers=ADMIN).status_code == 403


def test_a_conversation_shows_message_page_product_cart_offers_declines_and_wait(client):
    first = chat(client, "inbox-1")
    assert first["offers"][0]["sku"] == "PB-20K"
    token = first["session_token"]
    declined = client.post("/v1/events", json={"session_id": "inbox-1", "type": "declined", "sku": "PB-20K"},
                           headers={"X-Session-Token": token})
    assert declined.status_code in (200, 201, 202, 204), declined.text
    item = listing(client)["sessions"][0]
    assert item["session_id"] == "inbox-1" and item["turns"] == 1
    assert item["latest_message"] == NEED and item["latest_reply"] == first["reply"]
    assert item["page"] == "product"
    assert item["product"] == {"sku": "PX8-128", "name": "Pixel X8 128 GB"}
    assert item["cart"] == [{"sku": "PX8-128", "name": "Pixel X8 128 GB", "qty": 1}]
    assert [(o["sku"], o["name"], o["turn"]) for o in item["offers_shown"]] == [
        ("PB-20K", "PowerCell 20,000 mAh power bank", 0)
    ]
    assert item["declines"] == [{"sku": "PB-20K", "name": "PowerCell 20,000 mAh power bank"}]
    # The agent answered, but no person has: the shopper waits for a rep.
    assert item["replied_by"] == "agent" and item["waiting_since"] is not None and item["waiting_seconds"] >= 0


def test_a_rep_reply_ends_the_wait_and_is_listed_as_sent(client):
    chat(client, "inbox-2")
    sent = client.post("/v1/suggest/inbox-2/send", headers=ADMIN,
                       json={"message": NEED, "context": PHONE_CTX, "reply": "Happy to help with the phone."})
    assert sent.status_code == 200, sent.text
    item = listing(client)["sessions"][0]
    assert item["replied_by"] == "rep" and item["waiting_since"] is None and item["waiting_seconds"] is None
    messages = client.get("/v1/sessions/inbox-2/rep-messages", headers=ADMIN).json()
    assert [(m["turn"], m["text"], m["delivered_at"]) for m in messages] == [(1, "Happy to help with the phone.", None)]
    assert client.get("/v1/sessions/inbox-2/rep-messages").status_code == 401


def test_newest_activity_comes_first(client):
    for session in ("order-a", "order-b", "order-c"):
        chat(client, session, message="hello")
    assert [s["session_id"] for s in listing(client)["sessions"]] == ["order-c", "order-b", "order-a"]
    token = client.post("/v1/chat", json={"session_id": "order-z", "message": "hi"}).json()["session_token"]
    assert token  # a new conversation goes to the top
    assert listing(client)["sessions"][0]["session_id"] == "order-z"


def test_pages_are_bounded_and_idle_conversations_leave_the_list(client):
    for n in range(5):
        chat(client, f"page-{n}", message="hello")
    first = listing(client, limit=2)
    assert len(first["sessions"]) == 2 and first["next_offset"] == 2
    second = listing(client, limit=2, offset=2)
    third = listing(client, limit=2, offset=4)
    seen = [s["session_id"] for page in (first, second, third) for s in page["sessions"]]
    assert sorted(seen) == [f"page-{n}" for n in range(5)] and third["next_offset"] is None
    assert client.get("/v1/sessions", headers=ADMIN, params={"limit": 101}).status_code == 422
    assert client.get("/v1/sessions", headers=ADMIN, params={"limit": 0}).status_code == 422
    # page-0 idle for two hours: out of the default one-hour window, back in with a wider one.
    engine = client.app.state.inbox.engine
    with engine.begin() as conn:
        conn.execute(update(sessions_table).where(sessions_table.c.session_id == "page-0")
                     .values(updated_at=time.time() - 7200))
    assert "page-0" not in [s["session_id"] for s in listing(client)["sessions"]]
    assert "page-0" in [s["session_id"] for s in listing(client, active_within=3 * 3600)["sessions"]]


def test_the_stream_ticket_is_an_httponly_cookie_without_the_key(client):
    assert client.post("/v1/sessions/stream/ticket").status_code == 401
    r = client.post("/v1/sessions/stream/ticket", headers=ADMIN)
    assert r.status_code == 200 and r.json() == {"expires_in": 3600}
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(COOKIE + "=") and "HttpOnly" in cookie and f"Path={COOKIE_PATH}" in cookie
    assert "samesite=strict" in cookie.lower() and KEY not in cookie


def test_tickets_expire_and_are_bound_to_the_key():
    now = 1_000_000.0
    ticket = issue_ticket("key-one", 60, now=now)
    assert ticket_valid("key-one", ticket, now=now + 30)
    assert not ticket_valid("key-one", ticket, now=now + 61)  # expired
    assert not ticket_valid("key-two", ticket, now=now)  # another (or a rotated) key
    expires, mac = ticket.split(".")
    assert not ticket_valid("key-one", f"{int(expires) + 3600}.{mac}", now=now)  # a stretched expiry
    assert not ticket_valid("key-one", None) and not ticket_valid("key-one", "garbage")


def test_the_inbox_operations_are_documented(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path, method in [("/v1/sessions", "get"), ("/v1/sessions/stream", "get"), ("/v1/chat/events", "get"),
                         ("/v1/sessions/stream/ticket", "post"), ("/v1/sessions/{session_id}/rep-messages", "get")]:
        assert paths[path][method]["summary"], path
    assert "text/event-stream" in paths["/v1/chat/events"]["get"]["responses"]["200"]["content"]
