"""Scripted model, the test-wide request guard, the provider factory and the offline writer."""

import pytest
from pydantic import BaseModel

from agent.models.base import ChatModel, Message, ModelError, ModelOutputError
from agent.models.factory import make_model
from agent.models.guard import allow_model_requests, is_loopback_url, model_requests, model_requests_allowed
from agent.models.openai import OpenAIChatModel
from agent.models.scripted import ScriptedModel
from agent.reply.input import ReplyInput
from agent.reply.offline import OfflineReplyWriter
from agent.settings import Settings

MSGS = [Message(role="system", content="rules"), Message(role="user", content="hello there")]


class Verdict(BaseModel):
    ok: bool
    note: str = ""


def test_scripted_plays_replies_in_order_and_records_calls():
    model = ScriptedModel(["first", lambda msgs: f"echo {msgs[-1].content}", ModelError("down")])
    assert isinstance(model, ChatModel)
    assert model.complete(MSGS) == "first"
    assert "".join(model.stream(MSGS)) == "echo hello there"
    with pytest.raises(ModelError, match="down"):
        model.complete(MSGS)
    with pytest.raises(ModelError, match="no reply left"):
        model.complete(MSGS)
    assert [c["kind"] for c in model.calls] == ["complete", "stream", "complete", "complete"]
    assert model.calls[0]["messages"][-1].content == "hello there"


def test_scripted_stream_chunks():
    model = ScriptedModel(["abcdefghij"], chunk_size=4)
    assert list(model.stream(MSGS)) == ["abcd", "efgh", "ij"]


def test_scripted_default_answers_when_queue_is_empty():
    model = ScriptedModel(default="fine")
    assert model.complete(MSGS) == "fine" and model.complete(MSGS) == "fine"


def test_scripted_structured():
    model = ScriptedModel(structured=[Verdict(ok=True), {"ok": False, "note": "x"}, {"ok": "maybe?"}, ModelOutputError("bad")])
    assert model.structured(MSGS, Verdict) == Verdict(ok=True)
    assert model.structured(MSGS, Verdict) == Verdict(ok=False, note="x")
    with pytest.raises(ModelOutputError, match="Verdict"):
        model.structured(MSGS, Verdict)
    with pytest.raises(ModelOutputError, match="bad"):
        model.structured(MSGS, Verdict)
    assert model.calls[0]["schema"] is Verdict


@pytest.mark.parametrize(
    "url,loopback",
    [("http://127.0.0.1:8080/v1", True), ("http://localhost:1234", True), ("http://[::1]:9/v1", True),
     ("http://127.0.0.5/v1", True), ("https://api.openai.com/v1", False), (None, False),
     ("http://10.0.0.2:8000/v1", False), ("http://localhost.evil.com/v1", False)],
)
def test_loopback_detection(url, loopback):
    assert is_loopback_url(url) is loopback


def test_guard_blocks_remote_models_before_any_request():
    model = OpenAIChatModel("gpt-4o-mini", api_key="sk-test", base_url="https://api.openai.com/v1", timeout=1, max_retries=0)
    with model_requests(False):
        assert not model_requests_allowed()
        for call in (lambda: model.complete(MSGS), lambda: list(model.stream(MSGS)), lambda: model.structured(MSGS, Verdict)):
            with pytest.raises(ModelError, match="real model requests are blocked in tests"):
                call()
    default_endpoint = OpenAIChatModel("gpt-4o-mini", api_key="sk-test")
    previous = model_requests_allowed()
    allow_model_requests(False)
    try:
        with pytest.raises(ModelError, match="blocked"):
            default_endpoint.complete(MSGS)
    finally:
        allow_model_requests(previous)


def test_openai_model_rejects_bad_parameters():
    with pytest.raises(ValueError, match="timeout"):
        OpenAIChatModel("m", timeout=0)
    with pytest.raises(ValueError, match="max_retries"):
        OpenAIChatModel("m", max_retries=-1)


def test_factory():
    assert make_model(Settings(model_provider="offline").model) is None
    model = make_model(
        Settings(
            model_provider="openai", model_name="llama-3", openai_base_url="http://127.0.0.1:9/v1", model_timeout=3
        ).model
    )
    assert isinstance(model, OpenAIChatModel) and model.name == "llama-3" and model.base_url == "http://127.0.0.1:9/v1"
    scripted = make_model(Settings(model_provider="scripted").model)
    assert isinstance(scripted, ScriptedModel)
    assert "hello there" in scripted.complete(MSGS)


def test_offline_writer_is_named_and_deterministic():
    writer = OfflineReplyWriter()
    inp = ReplyInput(message="hi")
    assert writer.name == "offline"
    assert writer.write(inp) == writer.write(inp) != ""
