"""Events and later turns are authenticated by a signed session token from the first reply (issue 10, failure 10)."""

from __future__ import annotations

from agent.settings import Settings
from api.app import create_app
from api.session_tokens import SessionTokens, load_or_create_secret
from tests.api.test_api import KEY, NEED, PHONE_CTX, parse_sse


def first_turn(client, session):
    r = client.post("/v1/chat", json={"session_id": session, "message": NEED, "context": PHONE_CTX})
    assert r.status_code == 200, r.text
    return r.json()


def test_first_reply_carries_a_token_that_authorizes_events_of_that_session_only(client):
    body = first_turn(client, "tok1")
    token = body["session_token"]
    assert token and "tok1" not in token  # opaque
    sku = body["offers"][0]["sku"]
    declined = {"session_id": "tok1", "type": "declined", "sku": sku}
    assert client.post("/v1/events", json=declined).status_code == 401
    assert client.post("/v1/events", json=declined, headers={"X-Session-Token": "v1.forged"}).status_code == 401
    other = first_turn(client, "tok2")["session_token"]
    assert client.post("/v1/events", json=declined, headers={"X-Session-Token": other}).status_code == 401
    state = client.get("/v1/sessions/tok1", headers={"X-API-Key": KEY}).json()
    assert state["declined_skus"] == []  # nothing the refused events said was kept
    ok = client.post("/v1/events", json=declined, headers={"X-Session-Token": token})
    assert ok.status_code == 201, ok.text
    assert client.get("/v1/sessions/tok1", headers={"X-API-Key": KEY}).json()["declined_skus"] == [sku]


def test_the_shop_server_reports_purchases_with_the_admin_key(client):
    purchase = {"session_id": "shop", "type": "purchased", "amount": 120.0}
    assert client.post("/v1/events", json=purchase, headers={"X-API-Key": KEY + "x"}).status_code == 401
    assert client.post("/v1/events", json=purchase, headers={"X-API-Key": KEY}).status_code == 201


def test_later_turns_of_a_session_need_its_token(client):
    token = first_turn(client, "turns")["session_token"]
    later = {"session_id": "turns", "message": "no thanks"}
    r = client.post("/v1/chat", json=later)
    assert r.status_code == 401 and "X-Session-Token" in r.json()["detail"]
    assert client.post("/v1/chat/stream", json=later).status_code == 401
    assert client.post("/v1/chat", json=later, headers={"X-Session-Token": token + "x"}).status_code == 401
    state = client.get("/v1/sessions/turns", headers={"X-API-Key": KEY}).json()
    assert len(state["turns"]) == 1 and state["declined_skus"] == []  # the intruder's "no thanks" never landed
    r = client.post("/v1/chat", json=later, headers={"X-Session-Token": token})
    assert r.status_code == 200 and r.json()["session_token"] == token


def test_the_stream_done_event_carries_the_token(client):
    r = client.post("/v1/chat/stream", json={"session_id": "st", "message": NEED, "context": PHONE_CTX})
    done = [d for name, d in parse_sse(r.text) if name == "done"][0]
    assert done["session_token"]
    again = client.post("/v1/chat/stream", json={"session_id": "st", "message": "ok"},
                        headers={"X-Session-Token": done["session_token"]})
    assert [n for n, _ in parse_sse(again.text)][-1] == "done"


def test_the_secret_is_shared_through_the_data_dir_and_settings_win(tmp_path):
    def token_from(**values):
        settings = Settings(data_dir=tmp_path / "d", embedding_backend="fake", _env_file=None, **values)
        return create_app(settings).state.session_tokens.issue("s")

    first = token_from()
    assert (tmp_path / "d" / "session_secret").stat().st_mode & 0o777 == 0o600
    assert token_from() == first  # a restart, or a second worker on the same data dir, agrees
    configured = token_from(session_secret="x" * 32)
    assert configured != first and configured == token_from(session_secret="x" * 32)


def test_secret_creation_agrees_across_concurrent_starts(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        secrets = set(pool.map(lambda _: load_or_create_secret(tmp_path), range(16)))
    assert len(secrets) == 1
    tokens = SessionTokens(secrets.pop())
    assert tokens.verify("a", tokens.issue("a")) and not tokens.verify("b", tokens.issue("a"))
    assert not tokens.verify("a", None) and not tokens.verify("a", "")


def test_python_api_and_cli_shape_need_no_token(tmp_path):
    # The contract's request shape still works in-process: the token is an HTTP concern only.
    from agent.schemas import ChatRequest

    settings = Settings(data_dir=tmp_path / "d", embedding_backend="fake", _env_file=None)
    app = create_app(settings)
    from tests.api.test_api import write_catalog

    app.state.agent.knowledge.ingest(write_catalog(tmp_path / "c.jsonl"))
    agent = app.state.agent
    for message in (NEED, "no thanks"):
        response = agent.respond(ChatRequest(session_id="py", message=message, context=PHONE_CTX))
        assert response.session_token is None
        assert "session_token" not in response.model_dump()
