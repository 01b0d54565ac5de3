"""No shopper text in logs at any level; a 500 logs the exception type and a request id (issue 10, failure 11)."""

from __future__ import annotations

import logging

from api.deps import get_agent
from agent.types import SessionState
from tests.fake_openai import fake_openai  # noqa: F401 (fixture)

MARKER = "zebra-marker-7731-shopper-words"


class Exploding:
    """Stand-in agent whose turn fails with the shopper's words in the exception, as a real bug might."""

    def session(self, session_id):
        return SessionState(session_id=session_id)

    def respond(self, request, deadline=None):
        raise RuntimeError(f"could not answer {request.message!r}")

    def stream(self, request, deadline=None):
        yield "Hel"
        raise KeyError(request.message)


def everything_logged(records) -> str:
    out = []
    for r in records:
        out.append(r.getMessage())
        if r.exc_info:
            out.append(logging.Formatter().formatException(r.exc_info))
        if r.exc_text:
            out.append(r.exc_text)
        if r.stack_info:
            out.append(r.stack_info)
    return "\n".join(out)


def test_an_internal_error_logs_type_and_request_id_never_the_message(make_client, caplog):
    client = make_client(raise_server_exceptions=False)
    client.app.dependency_overrides[get_agent] = lambda: Exploding()
    with caplog.at_level(logging.DEBUG):
        r = client.post("/v1/chat", json={"session_id": "boom", "message": f"my card is {MARKER}"})
        s = client.post("/v1/chat/stream", json={"session_id": "boom2", "message": MARKER})
    assert r.status_code == 500
    body = r.json()
    assert body["request_id"] and r.headers["x-request-id"] == body["request_id"]
    assert MARKER not in r.text and MARKER not in s.text
    logged = everything_logged(caplog.records)
    assert MARKER not in logged
    assert "RuntimeError" in logged and body["request_id"] in logged
    assert "KeyError" in logged  # the stream's failure is logged too, by type


def test_a_client_request_id_is_echoed_on_the_500(make_client, caplog):
    client = make_client(raise_server_exceptions=False)
    client.app.dependency_overrides[get_agent] = lambda: Exploding()
    r = client.post("/v1/chat", json={"session_id": "b", "message": "x"}, headers={"X-Request-ID": "abc-123"})
    assert r.status_code == 500 and r.json() == {"detail": "internal error", "request_id": "abc-123"}


def test_a_full_turn_at_debug_logs_no_shopper_text(client, caplog):
    from tests.api.test_api import PHONE_CTX, chat

    with caplog.at_level(logging.DEBUG):
        chat(client, "dbg", message=f"I wish my battery lasted all day {MARKER}", context=PHONE_CTX)
        chat(client, "dbg", message=f"no thanks {MARKER}")
        client.post("/v1/suggest", json={"session_id": "dbg", "message": MARKER}, headers={"X-API-Key": "s3cret-admin-key"})
    assert caplog.records and MARKER not in everything_logged(caplog.records)


def test_the_judge_logs_no_shopper_words_at_debug(fake_openai, settings, tmp_path, caplog):
    from agent.agent import build_agent
    from agent.schemas import ChatRequest
    from tests.fake_openai import tool_call
    from tests.support import PRODUCTS, write_jsonl

    s = settings.updated(model_provider="openai", openai_base_url=fake_openai.base_url, model_timeout=5.0,
                         model_max_retries=0)
    agent = build_agent(s)
    agent.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    fake_openai.add(tool_call({"choice": "PB-10K", "need": f"battery {MARKER}",
                               "reply": "The Power bank 10,000 mAh ($39) keeps your phone going."}))
    page = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
    with caplog.at_level(logging.DEBUG):
        agent.respond(ChatRequest(session_id="j", message=f"I wish my battery lasted all day {MARKER}", context=page))
    assert len(fake_openai.requests) == 1
    assert MARKER not in everything_logged(caplog.records)
