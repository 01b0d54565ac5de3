"""The judge through the real OpenAI/LangChain client against the local fake server: requests and fallbacks."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from agent.agent import build_agent
from agent.schemas import ChatRequest
from evals.suite import load_suite
from knowledge.tokens import count_message_tokens, count_tokens, encoding_name_for
from tests.fake_openai import slow, tool_call
from tests.fake_openai import fake_openai  # noqa: F401 (fixture)
from tests.support import PRODUCTS, write_jsonl

PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
BATTERY = "I wish my phone battery lasted all day"
CATALOG = {p["sku"]: p for p in PRODUCTS}
SAMPLE_SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "sample" / "suite.yaml"
OPTION = re.compile(r"^\d+\. sku (\S+) \| (.+?) \| \$([\d,.]+) \|", re.M)


def agent_on(server, settings, tmp_path, timeout=5.0, store=True):
    s = settings.updated(model_provider="openai", openai_base_url=server.base_url, model_timeout=timeout,
                         model_max_retries=0)
    a = build_agent(s)
    if store:
        a.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    return a


def ask(agent, message=BATTERY, context=PAGE, session="s"):
    return agent.respond(ChatRequest(session_id=session, message=message, context=context))


def system_text(request) -> str:
    return request.body["messages"][0]["content"]


def request_tokens(body, model="gpt-4o-mini") -> int:
    """Prompt tokens of a recorded request: the messages plus the function definition, with tiktoken."""
    tools = json.dumps(body.get("tools") or [])
    return count_message_tokens(body["messages"], model) + count_tokens(tools, encoding_name_for(model))


def test_one_function_call_carrying_only_approved_skus_at_catalog_prices(fake_openai, settings, tmp_path):
    a = agent_on(fake_openai, settings, tmp_path)
    reply = "If it helps, the Power bank 10,000 mAh ($39) keeps your phone going. No pressure."
    fake_openai.add(tool_call({"choice": "PB-10K", "need": "battery lasted all day", "reply": reply}))
    r = ask(a)
    assert len(fake_openai.requests) == 1  # signals offline, one structured call for choice and reply
    body = fake_openai.requests[0].body
    assert body["tool_choice"]["function"]["name"] == "JudgeOut"
    assert set(body["tools"][0]["function"]["parameters"]["properties"]) == {"choice", "need", "reply"}
    options = OPTION.findall(system_text(fake_openai.requests[0]))
    assert options and options[0][0] == "PB-10K"
    for sku, name, price in options:
        assert name == CATALOG[sku]["name"] and float(price.replace(",", "")) == CATALOG[sku]["price"]
    everything = json.dumps(body["messages"])
    assert "PB-20K" not in everything and "PH-1T" not in everything  # out of stock, over the uplift cap
    assert r.reply == reply and [(o.sku, o.price, o.uplift_pct) for o in r.offers] == [("PB-10K", 39.0, 5.6)]


@pytest.mark.parametrize("choice", ["PH-1T", "PB-20K"])
def test_an_obedient_model_picking_an_unapproved_or_over_cap_product_is_overruled(fake_openai, settings, tmp_path,
                                                                                 choice):
    a = agent_on(fake_openai, settings, tmp_path)
    fake_openai.add(tool_call({"choice": choice, "need": "more", "reply": f"Take the {CATALOG[choice]['name']} for $1!"}))
    r = ask(a)
    assert [(o.sku, o.price) for o in r.offers] == [("PB-10K", 39.0)]  # the policy's pick, catalog priced
    assert "$1!" not in r.reply and CATALOG[choice]["name"] not in r.reply and "$39" in r.reply
    assert len(fake_openai.requests) == 1


def test_a_model_that_picks_nothing_suppresses_the_offer(fake_openai, settings, tmp_path):
    a = agent_on(fake_openai, settings, tmp_path)
    fake_openai.add(tool_call({"choice": None, "need": None, "reply": "Your phone has a 4,000 mAh battery."}))
    r = ask(a)
    assert r.offers == [] and r.reply == "Your phone has a 4,000 mAh battery."
    assert "PB-10K" in system_text(fake_openai.requests[0])  # it was approved, the model passed


def test_malformed_output_falls_back_to_the_policy_decision_and_offline_reply(fake_openai, settings, tmp_path):
    a = agent_on(fake_openai, settings, tmp_path)
    fake_openai.add(tool_call('{"choice": "PB-10K", "reply": "Sure'), tool_call({"choice": ["PB-10K"], "reply": 3}))
    for session in ("m1", "m2"):
        r = ask(a, session=session)
        assert [o.sku for o in r.offers] == ["PB-10K"] and "$39" in r.reply
    assert len(fake_openai.requests) == 2


def test_a_timeout_falls_back_with_a_reply(fake_openai, settings, tmp_path):
    a = agent_on(fake_openai, settings, tmp_path, timeout=0.5)
    fake_openai.add(slow(3.0, tool_call({"choice": None, "reply": "late"})))
    start = time.perf_counter()
    r = ask(a)
    assert time.perf_counter() - start < 2.5
    assert r.reply and r.reply != "late" and [(o.sku, o.price) for o in r.offers] == [("PB-10K", 39.0)]


def test_prompt_tokens_stay_within_1500_on_the_sample_store(fake_openai, settings, tmp_path):
    # A generous deadline: on a loaded machine a turn that spends 5 s before its model call skips the call.
    a = agent_on(fake_openai, settings, tmp_path, timeout=60.0, store=False)
    a.knowledge.ingest_sample()
    fake_openai.default = tool_call({"choice": None, "need": None, "reply": "Happy to help with that."})
    suite = load_suite(SAMPLE_SUITE)
    turns = 0
    for sc in suite.scenarios[::3]:  # every third conversation, replayed in order, keeps the test fast
        for turn, ctx in zip(sc.turns, sc.contexts(), strict=True):
            a.respond(ChatRequest(session_id=f"tok-{sc.id}", message=turn.user, context=ctx))
            turns += 1
    sizes = [request_tokens(r.body) for r in fake_openai.requests]
    assert len(sizes) == turns >= 40
    assert max(sizes) <= 1500, max(sizes)
    assert any(OPTION.search(system_text(r)) for r in fake_openai.requests)  # options were shown on some turns
