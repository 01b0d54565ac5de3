"""The model as judge, with the scripted model: it chooses among approved offers only, the code settles the rest."""

from __future__ import annotations

import re

import pytest

from agent.agent import build_agent
from agent.judge import MODEL_CHOICE, JudgeOut, chosen_decision
from agent.models.base import ModelError, ModelOutputError
from agent.models.scripted import ScriptedModel
from agent.reply.offline import compose_offline
from agent.schemas import ChatRequest
from tests.support import PRODUCTS, write_jsonl

PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
BATTERY = "I wish my phone battery lasted all day"
PRICES = {p["sku"]: float(p["price"]) for p in PRODUCTS}


def judged(model, settings, tmp_path, **changes):
    a = build_agent(settings.updated(model_provider="openai", **changes), model=model)
    a.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    return a


def ask(agent, message, context=PAGE, session="s"):
    return agent.respond(ChatRequest(session_id=session, message=message, context=context))


def plan(agent, message, context=PAGE, session="p"):
    return agent.plan(ChatRequest(session_id=session, message=message, context=context))


def options_in(messages) -> list[str]:
    """Skus listed under OPTIONS in the judge's system prompt."""
    return re.findall(r"^\d+\. sku (\S+) \|", messages[0].content, flags=re.M)


def offline_agent(settings, tmp_path):
    a = build_agent(settings.updated(data_dir=tmp_path / "offline"))
    a.knowledge.ingest(write_jsonl(tmp_path / "off.jsonl", PRODUCTS))
    return a


# --- the shortlist -------------------------------------------------------------------------------
def test_shortlist_is_the_policy_pick_then_other_approved_offers_priced_by_the_catalog(settings, tmp_path):
    a = judged(ScriptedModel(), settings, tmp_path)
    p = plan(a, BATTERY)
    skus = [o.offer.sku for o in p.shortlist]
    assert skus[0] == p.decision.offers[0].sku == "PB-10K" and 1 <= len(skus) <= 3
    assert "PB-20K" not in skus and "PH-1T" not in skus  # out of stock; over the uplift cap
    for o in p.shortlist:
        assert o.offer.price == PRICES[o.offer.sku] == o.product.price


def test_no_shortlist_when_the_turn_is_silenced_or_the_session_cap_is_reached(settings, tmp_path):
    a = judged(ScriptedModel(structured_default={"choice": "PB-10K", "reply": "Okay."}), settings, tmp_path,
               offers_per_session=1)
    assert plan(a, "My order never arrived, I want a refund").shortlist == []  # support silences the turn
    assert [o.sku for o in ask(a, BATTERY, session="cap").offers] == ["PB-10K"]
    assert plan(a, "I keep dropping my phone, I wish it had protection", session="cap").shortlist == []


def test_no_offers_left_in_the_reply_means_no_shortlist(settings, tmp_path):
    a = judged(ScriptedModel(), settings, tmp_path, offers_per_reply=0)
    assert plan(a, BATTERY).shortlist == []


# --- the choice ----------------------------------------------------------------------------------
def test_one_structured_call_per_turn_and_the_model_choice_stands(settings, tmp_path):
    reply = "A power bank would help: the Power bank 10,000 mAh is $39, if you like."
    model = ScriptedModel(structured=[JudgeOut(choice="PB-10K", need="battery lasted all day", reply=reply)])
    a = judged(model, settings, tmp_path)
    r = ask(a, BATTERY)
    assert [c["kind"] for c in model.calls] == ["structured"]  # no separate signal or phrasing call
    assert model.calls[0]["schema"] is JudgeOut
    assert r.reply == reply and [(o.sku, o.price) for o in r.offers] == [("PB-10K", 39.0)]


@pytest.mark.parametrize("choice", ["PB-20K", "PH-1T", "GRIND-1", "FREE-ITEM-1"])
def test_a_choice_off_the_approved_list_is_overruled(settings, tmp_path, choice):
    # Out of stock, over the uplift cap, irrelevant to the turn, invented: the policy's decision stands.
    model = ScriptedModel(structured=[{"choice": choice, "need": "battery", "reply": f"Get {choice}, now $1!"}])
    a = judged(model, settings, tmp_path)
    r = ask(a, BATTERY)
    expected = ask(offline_agent(settings, tmp_path), BATTERY)
    assert [o.model_dump() for o in r.offers] == [o.model_dump() for o in expected.offers]
    assert r.reply == expected.reply and "$1" not in r.reply.replace("$39", "")


def test_a_choice_over_the_session_cap_is_overruled(settings, tmp_path):
    model = ScriptedModel(structured=[{"choice": "PB-10K", "reply": "Sure."}, {"choice": "CASE-NOVA", "reply": "x"}])
    a = judged(model, settings, tmp_path, offers_per_session=1)
    assert [o.sku for o in ask(a, BATTERY).offers] == ["PB-10K"]
    r = ask(a, "I keep dropping my phone, I wish it had protection")
    assert r.offers == []
    assert options_in(model.calls[1]["messages"]) == [] and "OPTIONS: none" in model.calls[1]["messages"][0].content


def test_choosing_nothing_suppresses_the_offer(settings, tmp_path):
    model = ScriptedModel(structured=[{"choice": None, "need": None, "reply": "Glad to help with your phone."}])
    a = judged(model, settings, tmp_path)
    r = ask(a, BATTERY)
    assert r.offers == [] and r.reply == "Glad to help with your phone."
    assert len(model.calls) == 1


def test_choosing_nothing_but_naming_the_policy_pick_is_rephrased_without_it(settings, tmp_path):
    model = ScriptedModel(
        ["Your phone has a 4,000 mAh battery."],
        structured=[{"choice": "none", "reply": "Try the Power bank 10,000 mAh for $39."}],
    )
    a = judged(model, settings, tmp_path)
    r = ask(a, BATTERY)
    assert r.offers == [] and r.reply == "Your phone has a 4,000 mAh battery."
    assert [c["kind"] for c in model.calls] == ["structured", "complete"]
    redo = model.calls[1]["messages"][0].content
    assert "OFFER: none" in redo and "Power bank 10,000 mAh" in redo.split("rejected:")[1].split("\n")[0]
    assert "PB-10K" not in redo.split("<<<PRODUCT DATA")[1]  # the passed-over pick is no longer in the data


def test_another_approved_option_is_offered_from_the_catalog_and_the_pick_passed_over_is_recorded(settings, tmp_path):
    model = ScriptedModel(structured_default=lambda msgs: {"choice": options_in(msgs)[1], "reply": "Happy to help."})
    a = judged(model, settings, tmp_path)
    p = plan(a, BATTERY)
    other = p.shortlist[1]
    decision = chosen_decision(p.decision, other)
    assert decision.offers == [other.offer]
    assert any(r.sku == "PB-10K" and r.rule == MODEL_CHOICE for r in decision.rejected)
    r = ask(a, BATTERY)
    # price, uplift and reason from code (the card's display line is added when the turn is committed)
    assert [o.model_dump(exclude={"card_line"}) for o in r.offers] == [other.offer.model_dump(exclude={"card_line"})]
    assert other.offer.price == PRICES[other.offer.sku]


def test_a_failing_reply_is_regenerated_once_for_the_chosen_offer_then_offline(settings, tmp_path):
    model = ScriptedModel(
        ["Hurry, only a few left!"],
        structured=[{"choice": "PB-10K", "reply": "The Power bank 10,000 mAh is $19 today only!"}],
    )
    a = judged(model, settings, tmp_path)
    r = ask(a, BATTERY)
    assert [(o.sku, o.price) for o in r.offers] == [("PB-10K", 39.0)]  # the choice stands, priced by the catalog
    assert "$19" not in r.reply and "$39" in r.reply  # the offline reply for the final decision
    assert [c["kind"] for c in model.calls] == ["structured", "complete"]


@pytest.mark.parametrize("failure", [ModelError("timed out"), ModelOutputError("no tool call"), {"choice": "PB-10K"},
                                     RuntimeError("provider bug")])
def test_a_failed_or_malformed_judge_gives_the_policy_decision_and_the_offline_reply(settings, tmp_path, failure):
    model = ScriptedModel(structured=[failure])
    a = judged(model, settings, tmp_path)
    p = plan(a, BATTERY, session="f")
    r = ask(a, BATTERY, session="f")
    assert [o.sku for o in r.offers] == ["PB-10K"] and r.reply == compose_offline(p.reply_input)


def test_stream_with_the_judge_yields_the_checked_reply_then_the_response(settings, tmp_path):
    model = ScriptedModel(structured=[{"choice": None, "reply": "Your phone has a 4,000 mAh battery."}])
    a = judged(model, settings, tmp_path)
    items = list(a.stream(ChatRequest(session_id="st", message=BATTERY, context=PAGE)))
    assert "".join(items[:-1]) == items[-1].reply == "Your phone has a 4,000 mAh battery." and items[-1].offers == []


def test_a_declined_offer_is_remembered_from_the_judged_decision(settings, tmp_path):
    model = ScriptedModel(structured=[{"choice": "PB-10K", "reply": "Okay."}, {"choice": None, "reply": "Sure."},
                                      {"choice": "PB-10K", "reply": "Okay."}])
    a = judged(model, settings, tmp_path)
    ask(a, BATTERY)
    ask(a, "no thanks")
    assert "PB-10K" not in options_in(model.calls[1]["messages"])
    r = ask(a, "my battery still dies by noon, I wish it lasted longer")
    assert all(o.sku != "PB-10K" for o in r.offers)  # declined: off the shortlist, so the choice is overruled


# --- configuration -------------------------------------------------------------------------------
def test_judge_off_keeps_the_two_call_path(settings, tmp_path):
    signals = {"signals": [{"type": "need", "text": "my phone battery lasted all day"}]}
    model = ScriptedModel(["If it helps, the Power bank 10,000 mAh is $39."], structured=[signals])
    a = judged(model, settings, tmp_path, model_judge=False)
    assert a.deps.judge is None
    r = ask(a, BATTERY)
    assert [c["kind"] for c in model.calls] == ["structured", "complete"] and r.reply.endswith("$39.")


def test_no_judge_offline_or_with_the_echo_provider(settings):
    assert build_agent(settings).deps.judge is None
    assert build_agent(settings.updated(model_provider="scripted")).deps.judge is None


def test_the_judge_prompt_stays_within_the_budget_with_a_long_history(settings, tmp_path):
    model = ScriptedModel(structured_default={"choice": None, "reply": "Noted."})
    a = judged(model, settings, tmp_path, prompt_token_budget=900)
    for i in range(8):
        ask(a, f"tell me more about the phone camera and screen, question {i} " + "with details " * 30)
    p = plan(a, BATTERY, session="s")
    build, shown = a.deps.judge.prompt(p.reply_input, p.shortlist)
    assert build.prompt_tokens <= 900 and build.history_turns < 8 and shown
    assert build.prompt_tokens >= a.deps.judge.tool_tokens()  # the function definition is counted


def test_a_tight_budget_shows_fewer_options_and_only_those_can_be_chosen(settings, tmp_path):
    model = ScriptedModel(structured_default=lambda msgs: {"choice": "PH-256", "reply": "Okay."})
    a = judged(model, settings, tmp_path)
    p = plan(a, BATTERY)
    assert [o.offer.sku for o in p.shortlist[:2]] == ["PB-10K", "PH-256"]
    judge = a.deps.judge
    one, _ = judge.prompt(p.reply_input, p.shortlist[:1])
    a.deps.composer.token_budget = one.prompt_tokens  # room for the shortest prompt with one option, not two
    build, shown = judge.prompt(p.reply_input, p.shortlist)
    assert [o.offer.sku for o in shown] == ["PB-10K"] and build.prompt_tokens <= one.prompt_tokens
    assert [o.sku for o in ask(a, BATTERY).offers] == ["PB-10K"]  # PH-256 was not shown: overruled
