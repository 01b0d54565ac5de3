"""A product named with pressure wording is never quoted in a reply: offline, or as the fallback after a rejected
model reply; the offline fallback passes the same grounding and pressure checks as a model reply."""

from __future__ import annotations


from agent.agent import build_agent
from agent.models.scripted import ScriptedModel
from agent.reply.checks import check_reply
from agent.reply.offline import SAFE_REPLY, compose_offline, safe_offline
from agent.schemas import ChatRequest
from knowledge.promo_words import promo_phrases
from tests.fake_openai import FakeOpenAI, text, tool_call
from tests.knowledge.test_catalog_copy import PUSHY, planted
from tests.support import write_jsonl

PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
BATTERY = "I wish my phone battery lasted all day"
PUSHY_WORDS = ("FREE", "today only", "90%", "expires tonight", "Hurry", "only 2 left")


def clean(reply: str) -> bool:
    return not promo_phrases(reply) and not any(w.lower() in reply.lower() for w in PUSHY_WORDS)


def ingest(agent, tmp_path):
    agent.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", planted()))
    return agent


def test_offline_reply_names_the_product_without_its_pressure_clause(settings, tmp_path):
    a = ingest(build_agent(settings), tmp_path)
    r = a.respond(ChatRequest(session_id="o", message=BATTERY, context=PAGE))
    assert [o.sku for o in r.offers] == ["PB-10K"]  # the offer is the code's, name and all (the widget's card)
    assert "Power bank 10,000 mAh" in r.reply and clean(r.reply), r.reply


def test_focus_and_questions_about_the_planted_products_stay_clean(settings, tmp_path):
    a = ingest(build_agent(settings), tmp_path)
    for i, (message, sku) in enumerate([("hi", "PB-10K"), ("how many charges does it give?", "PB-10K"),
                                        ("does it grind beans evenly for espresso?", "GRIND-1")]):
        r = a.respond(ChatRequest(session_id=f"f{i}", message=message, context={"page": "product", "product_sku": sku}))
        assert clean(r.reply), r.reply


def test_model_reply_quoting_the_name_is_rejected_and_the_fallback_is_clean(settings, tmp_path):
    quoting = f"If it helps, the {PUSHY} ($39) keeps you going."
    model = ScriptedModel([quoting, quoting])  # the first draft and the regeneration both quote the name
    s = settings.updated(model_provider="scripted", model_signals=False)
    a = ingest(build_agent(s, model=model), tmp_path)
    r = a.respond(ChatRequest(session_id="m", message=BATTERY, context=PAGE))
    assert len(model.calls) == 2 and [o.sku for o in r.offers] == ["PB-10K"]
    assert clean(r.reply) and "Power bank 10,000 mAh" in r.reply, r.reply


def test_judge_reply_quoting_the_name_falls_back_clean(settings, tmp_path):
    quoting = f"The {PUSHY} is $39."
    with FakeOpenAI(tool_call({"choice": "PB-10K", "need": "battery", "reply": quoting}), text(quoting)) as server:
        s = settings.updated(model_provider="openai", openai_base_url=server.base_url, model_max_retries=0)
        a = ingest(build_agent(s), tmp_path)
        r = a.respond(ChatRequest(session_id="j", message=BATTERY, context=PAGE))
        assert len(server.requests) == 2  # the judge's reply, then one regeneration, both rejected
        judge_prompt = " ".join(m["content"] for m in server.requests[0].body["messages"])
        # The model sees the display name (the regeneration's correction quotes what was rejected, by design).
        assert "Power bank 10,000 mAh" in judge_prompt and "90% off" not in judge_prompt
    assert [o.sku for o in r.offers] == ["PB-10K"] and clean(r.reply), r.reply


def test_the_offline_fallback_passes_the_reply_checks_or_gives_way_to_the_safe_reply(settings, tmp_path):
    a = ingest(build_agent(settings), tmp_path)
    plan = a.plan(ChatRequest(session_id="c", message=BATTERY, context=PAGE))
    assert check_reply(compose_offline(plan.reply_input), plan.reply_input) == []
    # An offline reply that would fail the checks (here: the raw name forced in) is replaced, not sent.
    raw = plan.reply_input.model_copy(update={"message": "what is it?"})
    unsafe = f"The {PUSHY}."
    assert check_reply(unsafe, raw) != []
    assert safe_offline(raw, write=lambda _inp: unsafe) == SAFE_REPLY
    assert check_reply(SAFE_REPLY, raw) == []
