"""One deadline per turn: the model timeout bounds all of a turn's model calls and retries together.

Against the local fake OpenAI server with a hung model: a turn makes one request and costs about one timeout,
never timeout x calls x retries; the shopper still gets the offline reply, and offers stay the code's decision.
"""

from __future__ import annotations

import time

import pytest

from agent.agent import build_agent
from agent.models.base import Deadline, DeadlineExceeded, Message, ModelError
from agent.models.openai import OpenAIChatModel
from agent.models.scripted import ScriptedModel
from agent.reply.offline import compose_offline
from agent.schemas import ChatRequest, ChatResponse
from tests.fake_openai import FakeOpenAI, error, slow, text, tool_call
from tests.support import PRODUCTS, write_jsonl

PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
BATTERY = "I wish my phone battery lasted all day"
MSGS = [Message(role="system", content="be brief"), Message(role="user", content="hi")]
TIMEOUT = 1.0
# Generous slack over one timeout (slow CI), still well under the two timeouts a second call would cost.
ONE_TIMEOUT = TIMEOUT * 1.8


@pytest.fixture
def hung():
    """A fake server whose every answer takes 30 s (a hung model)."""
    with FakeOpenAI(default=slow(30.0)) as server:
        yield server


def agent_on(server, settings, tmp_path, *, judge=True, retries=2, timeout=TIMEOUT):
    s = settings.updated(model_provider="openai", openai_base_url=server.base_url, model_timeout=timeout,
                         model_max_retries=retries, model_judge=judge)
    a = build_agent(s)
    a.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    a.warm_up()  # as the server does before taking traffic: one-off loading is not the turn's model time
    return a


def timed(fn):
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def offline_twin(settings, tmp_path, request):
    """The same turn answered by the offline agent (what the shopper gets when the model is out of time)."""
    a = build_agent(settings.updated(data_dir=tmp_path / "offline"))
    a.knowledge.ingest(write_jsonl(tmp_path / "c2.jsonl", PRODUCTS))
    return a.respond(request)


def test_deadline_counts_down_and_refuses_when_spent():
    now = [100.0]
    d = Deadline(2.0, clock=lambda: now[0])
    assert d.budget(5.0) == 2.0 and d.budget(0.5) == 0.5
    now[0] += 1.5
    assert d.remaining() == pytest.approx(0.5)
    now[0] += 1.0
    assert d.expired
    with pytest.raises(DeadlineExceeded, match="2 s model time"):
        d.budget()
    assert issubclass(DeadlineExceeded, ModelError)  # every caller already falls back on ModelError
    with pytest.raises(ValueError):
        Deadline(0)


def test_client_retries_never_multiply_the_timeout(hung):
    model = OpenAIChatModel("m", base_url=hung.base_url, timeout=0.5, max_retries=3)
    with pytest.raises(ModelError, match="timed out"):
        _, took = timed(lambda: model.complete(MSGS))
    assert len(hung.requests) == 1  # a retry after a timeout would have no time left: not attempted


def test_client_still_retries_a_transient_error_within_the_deadline():
    with FakeOpenAI(error(503), text("second try")) as server:
        model = OpenAIChatModel("m", base_url=server.base_url, timeout=5, max_retries=1)
        assert model.complete(MSGS) == "second try"
        assert len(server.requests) == 2
    with FakeOpenAI(error(400, "bad request"), text("never")) as server:
        model = OpenAIChatModel("m", base_url=server.base_url, timeout=5, max_retries=3)
        with pytest.raises(ModelError, match="400"):
            model.complete(MSGS)
        assert len(server.requests) == 1  # a client error is not retried


def test_a_spent_deadline_makes_no_request(hung):
    model = OpenAIChatModel("m", base_url=hung.base_url, timeout=5, max_retries=3)
    spent = Deadline(0.01)
    time.sleep(0.02)
    for call in (lambda: model.complete(MSGS, deadline=spent), lambda: list(model.stream(MSGS, deadline=spent))):
        with pytest.raises(DeadlineExceeded):
            call()
    assert hung.requests == []


@pytest.mark.parametrize("judge", [True, False], ids=["judge", "signals+phrasing"])
def test_hung_model_costs_one_timeout_per_turn(hung, settings, tmp_path, judge):
    a = agent_on(hung, settings, tmp_path, judge=judge, retries=2)
    request = ChatRequest(session_id="s", message=BATTERY, context=PAGE)
    r, took = timed(lambda: a.respond(request))
    assert len(hung.requests) == 1  # the first call used up the turn's time: no retry, no second call
    assert took < ONE_TIMEOUT, f"a hung model cost {took:.2f} s for a {TIMEOUT} s model timeout"
    twin = offline_twin(settings, tmp_path, request)
    assert r.reply == twin.reply  # the shopper gets the offline reply
    assert [o.sku for o in r.offers] == [o.sku for o in twin.offers]  # offers stay the code's decision


def test_streamed_turn_shares_the_deadline(hung, settings, tmp_path):
    a = agent_on(hung, settings, tmp_path, judge=False, retries=2)
    items, took = timed(lambda: list(a.stream(ChatRequest(session_id="s", message=BATTERY, context=PAGE))))
    assert isinstance(items[-1], ChatResponse) and items[-1].reply
    assert len(hung.requests) == 1 and took < ONE_TIMEOUT


def test_regeneration_gets_only_what_the_judge_left(settings, tmp_path):
    # The judge answers in 0.6 s with a reply that fails the checks; the regeneration hangs.
    pushy = {"choice": "PB-10K", "need": "battery lasted all day", "reply": "Hurry, 90% off today only!"}
    with FakeOpenAI(slow(0.6, tool_call(pushy)), default=slow(30.0)) as server:
        a = agent_on(server, settings, tmp_path, judge=True, retries=2)
        r, took = timed(lambda: a.respond(ChatRequest(session_id="s", message=BATTERY, context=PAGE)))
        assert len(server.requests) == 2  # the judge call, one regeneration, no retry
    assert took < ONE_TIMEOUT
    assert "90%" not in r.reply and "Hurry" not in r.reply  # the offline reply for the model's (approved) choice
    assert [o.sku for o in r.offers] == ["PB-10K"]


def test_scripted_model_honours_the_deadline():
    model = ScriptedModel(["hi"])
    spent = Deadline(0.01)
    time.sleep(0.02)
    with pytest.raises(DeadlineExceeded):
        model.complete(MSGS, deadline=spent)
    assert model.calls == [] and model.complete(MSGS, deadline=Deadline(5)) == "hi"
