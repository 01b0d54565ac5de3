"""OpenAIChatModel against a local fake OpenAI server: the real client code, no real model."""

import time

import pytest
from pydantic import BaseModel, Field

from agent.models.base import Message, ModelError, ModelOutputError
from agent.models.guard import model_requests, model_requests_allowed
from agent.models.openai import OpenAIChatModel
from agent.reply.composer import ReplyComposer
from agent.reply.input import ReplyInput
from agent.reply.offline import compose_offline
from agent.schemas import Offer, OfferReason, Signal
from agent.types import Decision
from knowledge.catalog import Catalog
from knowledge.models import Product

from tests.fake_openai import error, fake_openai, slow, text, tool_call  # noqa: F401 (fixture)

MSGS = [Message(role="system", content="be brief"), Message(role="user", content="hi")]


class NeedSignals(BaseModel):
    needs: list[str] = Field(default_factory=list)
    decline: bool = False


def client(server, timeout=5.0):
    return OpenAIChatModel("fake-model", api_key=None, base_url=server.base_url, timeout=timeout, max_retries=0)


def test_completion(fake_openai):
    fake_openai.add(text("Hello from the fake."))
    assert not model_requests_allowed()  # the suite-wide guard is on; loopback still works
    assert client(fake_openai).complete(MSGS) == "Hello from the fake."
    body = fake_openai.requests[0].body
    assert body["model"] == "fake-model" and body["messages"][0] == {"role": "system", "content": "be brief"}
    assert body["max_tokens"] == 400  # sent in the body too, for llama.cpp server


def test_streaming(fake_openai):
    fake_openai.add(text("a streamed reply in chunks", chunk_size=5))
    chunks = list(client(fake_openai).stream(MSGS))
    assert len(chunks) >= 5 and "".join(chunks) == "a streamed reply in chunks"
    assert fake_openai.requests[0].body["stream"] is True


def test_structured_output_via_tool_call(fake_openai):
    fake_openai.add(tool_call({"needs": ["battery all day"], "decline": False}))
    result = client(fake_openai).structured(MSGS, NeedSignals)
    assert result == NeedSignals(needs=["battery all day"])
    body = fake_openai.requests[0].body
    assert body["tool_choice"]["function"]["name"] == "NeedSignals"
    assert body["tools"][0]["function"]["parameters"]["properties"]["needs"]["type"] == "array"


def test_malformed_tool_arguments(fake_openai):
    fake_openai.add(tool_call('{"needs": ["battery"'), tool_call({"needs": "not a list", "decline": "perhaps"}))
    model = client(fake_openai)
    with pytest.raises(ModelOutputError, match="NeedSignals"):
        model.structured(MSGS, NeedSignals)
    with pytest.raises(ModelOutputError, match="NeedSignals"):
        model.structured(MSGS, NeedSignals)


def test_http_500_is_a_model_error(fake_openai):
    fake_openai.add(error(500))
    with pytest.raises(ModelError, match="500") as info:
        client(fake_openai).complete(MSGS)
    assert not isinstance(info.value, ModelOutputError)


def test_timeout_is_a_model_error(fake_openai):
    fake_openai.add(slow(3.0))
    start = time.perf_counter()
    with pytest.raises(ModelError, match="timed out"):
        client(fake_openai, timeout=0.5).complete(MSGS)
    assert time.perf_counter() - start < 2.5


def test_connection_refused_is_a_model_error():
    model = OpenAIChatModel("m", base_url="http://127.0.0.1:9/v1", timeout=1, max_retries=0)
    with pytest.raises(ModelError, match="could not reach"):
        model.complete(MSGS)


def test_guard_blocks_non_loopback_even_when_a_fake_is_running(fake_openai):
    remote = OpenAIChatModel("m", api_key="sk-x", base_url="https://models.example.com/v1", timeout=1, max_retries=0)
    with model_requests(False):
        with pytest.raises(ModelError, match="real model requests are blocked in tests"):
            remote.complete(MSGS)
        fake_openai.add(text("local is fine"))
        assert client(fake_openai).complete(MSGS) == "local is fine"


# --- ReplyComposer end to end --------------------------------------------------------------------
X8 = Product(sku="PX8-128", name="Nova X8 (128 GB)", price=699, category="Phones", family="nova-x8")
PB = Product(sku="PB-20K", name="PowerBank 20K", price=39, category="Power", stock=50)
CATALOG = Catalog([X8, PB])
OFFER = Offer(sku="PB-20K", name="PowerBank 20K", kind="cross_sell", price=39, currency="USD", uplift_pct=5.6,
              reason='answers: "battery lasted all day"',
              why=OfferReason(kind="answers_need", need="battery lasted all day"))


def reply_input():
    return ReplyInput(
        message="I wish my battery lasted all day",
        signals=[Signal(type="need", text="battery lasted all day")],
        decision=Decision(offers=[OFFER]),
        focus=X8,
        cart=[X8],
        catalog=CATALOG,
    )


def composer(server):
    return ReplyComposer(client(server), token_budget=1500, model_name="gpt-4o-mini", count_tokens=lambda t: len(t.split()))


def test_composer_uses_a_grounded_model_reply(fake_openai):
    fake_openai.add(text("If it helps, the PowerBank 20K ($39) can top up your phone. No pressure."))
    result = composer(fake_openai).compose(reply_input())
    assert result.source == "model" and result.attempts == 1 and "PowerBank 20K ($39)" in result.text


def test_composer_ungrounded_price_regenerates_once_then_falls_back(fake_openai):
    fake_openai.add(text("The PowerBank 20K is $19 today."), text("The PowerBank 20K is $25 for you."))
    result = composer(fake_openai).compose(reply_input())
    assert result.source == "offline_fallback" and result.attempts == 2
    assert result.text == compose_offline(reply_input())
    assert len(fake_openai.requests) == 2
    assert "$19" in fake_openai.requests[1].body["messages"][0]["content"]  # the correction note


def test_composer_pressure_wording_regenerates_once_then_falls_back(fake_openai):
    fake_openai.add(text("Hurry, the PowerBank 20K ($39) is selling fast!"), text("Last chance: PowerBank 20K, $39."))
    result = composer(fake_openai).compose(reply_input())
    assert result.source == "offline_fallback" and len(fake_openai.requests) == 2
    assert any("pressure" in p for p in result.problems)


def test_composer_regeneration_can_succeed(fake_openai):
    fake_openai.add(text("Don't miss out on the PowerBank 20K!"), text("If you'd like, the PowerBank 20K is $39."))
    result = composer(fake_openai).compose(reply_input())
    assert result.source == "model" and result.attempts == 2 and result.text == "If you'd like, the PowerBank 20K is $39."


def test_composer_model_500_still_replies(fake_openai):
    fake_openai.add(error(500))
    result = composer(fake_openai).compose(reply_input())
    assert result.source == "offline_fallback" and "PowerBank 20K ($39)" in result.text


def test_composer_stream_through_the_fake(fake_openai):
    fake_openai.add(text("If it helps, the PowerBank 20K ($39) keeps you going.", chunk_size=6))
    stream = composer(fake_openai).stream(reply_input())
    assert "".join(stream) == "If it helps, the PowerBank 20K ($39) keeps you going."
    assert stream.result.source == "model"
