"""The inbox's Server-Sent Events, on a real server: the rep's reply reaches the shopper's stream, the inbox
stream shows a new conversation, and both work across two app instances on one SQLite file (two workers)."""

from __future__ import annotations

import anyio
import pytest

from agent.inbox_store import InboxStore
from agent.settings import Settings
from agent.sql_store import make_engine
from api.app import create_app
from api.rep_watch import OutboxWatch
from tests.api.live_server import read_event, serve, stream_client
from tests.api.test_api import KEY, NEED, PHONE_CTX, write_catalog

ADMIN = {"X-API-Key": KEY}


def make_app(tmp_path, catalog_path=None):
    settings = Settings(embedding_backend="fake", multilingual_backend="none", admin_api_key=KEY,
                        data_dir=tmp_path / "data", _env_file=None)
    app = create_app(settings)
    app.state.agent.knowledge.ingest(catalog_path or write_catalog(tmp_path / "catalog.jsonl"))
    return app


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with serve(make_app(tmp_path_factory.mktemp("inbox-streams"))) as url:
        yield url


def start_chat(http, base, session):
    r = http.post(f"{base}/v1/chat", json={"session_id": session, "message": NEED, "context": PHONE_CTX})
    assert r.status_code == 200, r.text
    return r.json()["session_token"]


def rep_send(http, base, session, reply="Happy to help with the phone."):
    r = http.post(f"{base}/v1/suggest/{session}/send", headers=ADMIN,
                  json={"message": NEED, "context": PHONE_CTX, "reply": reply})
    assert r.status_code == 200, r.text


def test_the_shopper_stream_needs_the_session_token(base):
    with stream_client() as http:
        token = start_chat(http, base, "s-auth")
        wrong = http.get(f"{base}/v1/chat/events", params={"session_id": "s-auth", "token": "v1.nope"})
        assert wrong.status_code == 401
        other = start_chat(http, base, "s-other")
        assert http.get(f"{base}/v1/chat/events", params={"session_id": "s-auth", "token": other}).status_code == 401
        assert token


def test_a_rep_reply_reaches_the_shoppers_stream_and_is_marked_delivered(base):
    with stream_client() as http:
        token = start_chat(http, base, "s-live")
        with http.stream("GET", f"{base}/v1/chat/events", params={"session_id": "s-live", "token": token}) as resp:
            assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
            lines = resp.iter_lines()
            rep_send(http, base, "s-live")
            data, event_id = read_event(lines, "rep_message")
        assert data["text"] == "Happy to help with the phone." and data["session_id"] == "s-live"
        assert event_id == str(data["id"])
        sent = http.get(f"{base}/v1/sessions/s-live/rep-messages", headers=ADMIN).json()
        assert sent[0]["delivered_at"] is not None  # the console shows it as received

        # Reconnecting where the stream left off (EventSource sends Last-Event-ID) delivers only what is new.
        with http.stream("GET", f"{base}/v1/chat/events", params={"session_id": "s-live", "token": token},
                         headers={"Last-Event-ID": event_id}) as resp:
            lines = resp.iter_lines()
            rep_send(http, base, "s-live", reply="Anything else about the phone?")
            data, _ = read_event(lines, "rep_message")
        assert data["text"] == "Anything else about the phone?"


def test_a_reply_sent_before_the_widget_listened_still_arrives(base):
    with stream_client() as http:
        token = start_chat(http, base, "s-late")
        rep_send(http, base, "s-late")
        with http.stream("GET", f"{base}/v1/chat/events", params={"session_id": "s-late", "token": token}) as resp:
            data, _ = read_event(resp.iter_lines(), "rep_message")
        assert data["text"] == "Happy to help with the phone."


def test_the_inbox_stream_shows_a_new_conversation(base):
    with stream_client() as http:
        assert http.get(f"{base}/v1/sessions/stream").status_code == 401
        with http.stream("GET", f"{base}/v1/sessions/stream", headers=ADMIN) as resp:
            lines = resp.iter_lines()
            first, _ = read_event(lines, "sessions")
            assert "s-new" not in [s["session_id"] for s in first["sessions"]]
            start_chat(http, base, "s-new")
            update, _ = read_event(lines, "sessions")
        item = update["sessions"][0]
        assert item["session_id"] == "s-new" and item["latest_message"] == NEED


def test_the_inbox_stream_opens_with_the_ticket_cookie(base):
    with stream_client() as http:
        assert http.post(f"{base}/v1/sessions/stream/ticket", headers=ADMIN).status_code == 200
        assert http.cookies  # kept by the client like a browser keeps it for EventSource
        with http.stream("GET", f"{base}/v1/sessions/stream") as resp:
            assert resp.status_code == 200
            page, _ = read_event(resp.iter_lines(), "sessions")
        assert "sessions" in page


def test_delivery_across_two_workers_sharing_one_database(tmp_path):
    catalog = write_catalog(tmp_path / "catalog.jsonl")
    first, second = make_app(tmp_path, catalog), make_app(tmp_path, catalog)
    assert first.state.inbox is not second.state.inbox  # nothing shared in memory, only the SQLite file
    with serve(first) as a, serve(second) as b, stream_client() as http:
        with http.stream("GET", f"{b}/v1/sessions/stream", headers=ADMIN) as inbox:
            lines = inbox.iter_lines()
            read_event(lines, "sessions")
            token = start_chat(http, a, "s-two")  # the shopper talks to worker A ...
            listed, _ = read_event(lines, "sessions")  # ... and the rep's inbox on worker B lists them
        assert [s["session_id"] for s in listed["sessions"]] == ["s-two"]
        # The shopper's stream is held by worker B; the rep sends through worker A.
        with http.stream("GET", f"{b}/v1/chat/events", params={"session_id": "s-two", "token": token}) as resp:
            lines = resp.iter_lines()
            rep_send(http, a, "s-two")
            data, _ = read_event(lines, "rep_message")
        assert data["text"] == "Happy to help with the phone."


def test_the_outbox_watch_wakes_only_the_stream_of_the_session_that_got_a_reply(tmp_path):
    inbox = InboxStore(make_engine(f"sqlite:///{tmp_path / 'w.db'}"))
    inbox.add("earlier", 0, "before the watch", None)
    watch = OutboxWatch(inbox, interval=0.0)

    async def run():
        mark = await watch.start()
        assert mark == inbox.max_id()  # the backlog (ids up to the mark) is read from the database directly
        assert await watch.changed("a", mark) == (False, mark)
        sent = inbox.add("a", 1, "hello", None)
        assert await watch.changed("a", mark) == (True, sent.id)
        assert await watch.changed("b", mark) == (False, sent.id)
        assert await watch.changed("a", sent.id) == (False, sent.id)  # seen: quiet until the next reply

    anyio.run(run)
