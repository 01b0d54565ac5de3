"""Rep assist on the agent side: suggestions (nothing recorded), guardrail checks by rule, sending a reply."""

from __future__ import annotations

import pytest

from agent.agent import build_agent
from agent.assist import Assistant, OfferNotAllowed, SendRequest, SuggestRequest, guardrail_checks
from agent.schemas import ChatRequest, Offer
from agent.settings import Settings
from tests.api.test_api import CATALOG, NEED, PHONE_CTX, write_catalog


@pytest.fixture
def agent(settings, tmp_path):
    a = build_agent(settings)
    a.knowledge.ingest(write_catalog(tmp_path / "catalog.jsonl", CATALOG))
    return a


def test_guardrail_checks_report_the_failing_rule(agent):
    catalog = agent.knowledge.catalog
    ctx = {**PHONE_CTX, "cart": [{"sku": "PX8-128", "qty": 1}, {"sku": "CASE-PX8", "qty": 1}], "budget": 720}
    plan = agent.plan(ChatRequest.model_validate({"session_id": "g", "message": NEED, "context": ctx}))

    def offer(sku, price):
        return Offer(sku=sku, name=sku, kind="cross_sell", price=price, currency="USD", uplift_pct=1.0, reason="r")

    out = {c.name: c for c in guardrail_checks(offer("PB-10K", 25.0), plan, catalog, agent.deps.limits)}
    assert not out["stock"].passed and out["stock"].rule == "out_of_stock"
    assert not out["budget"].passed and out["budget"].rule == "budget"  # 728 in cart + 25 > 720
    case = {c.name: c for c in guardrail_checks(offer("CASE-PX8", 29.0), plan, catalog, agent.deps.limits)}
    assert not case["in_cart"].passed and case["stock"].passed


def test_suggest_gives_answer_then_offer_and_records_nothing(agent):
    before = agent.session("a1")
    out = Assistant(agent).suggest(SuggestRequest(session_id="a1", message=NEED, context=PHONE_CTX))
    assert out.session_id == "a1" and any(s.type == "need" for s in out.signals)
    assert [s.kind for s in out.suggestions][:2] == ["answer", "offer"]
    answer, offered = out.suggestions[:2]
    assert answer.offer is None and offered.offer.sku == "PB-20K" and offered.guardrails.passed
    assert agent.session("a1") == before


def test_a_support_turn_gets_an_answer_and_an_open_question(agent):
    out = Assistant(agent).suggest(SuggestRequest(session_id="a2", message="my order never arrived, where is it?"))
    assert [s.kind for s in out.suggestions] == ["answer", "clarify"]
    assert all(s.offer is None for s in out.suggestions)


def test_send_records_the_reply_with_the_allowed_offer(agent):
    sent = SendRequest(message=NEED, context=PHONE_CTX, reply="A power bank helps.", offer_sku="PB-20K")
    response = Assistant(agent).send("a3", sent)
    assert response.reply == "A power bank helps." and [o.sku for o in response.offers] == ["PB-20K"]
    state = agent.session("a3")
    assert state.turns[0].reply == "A power bank helps." and state.offers_made[0].sku == "PB-20K"


def test_send_refuses_an_offer_the_policy_did_not_allow_and_records_nothing(agent):
    sent = SendRequest(message=NEED, context=PHONE_CTX, reply="Try this", offer_sku="PX8-256")
    with pytest.raises(OfferNotAllowed) as err:
        Assistant(agent).send("a4", sent)
    assert err.value.sku == "PX8-256" and "PX8-256" in str(err.value)
    assert agent.session("a4").turns == []


def test_send_without_an_offer_records_a_plain_turn(agent):
    response = Assistant(agent).send("a5", SendRequest(message=NEED, context=PHONE_CTX, reply="Happy to help."))
    assert response.offers == [] and agent.session("a5").offers_made == []


def test_readiness_names_what_is_missing(agent, tmp_path):
    ready = agent.readiness()
    assert ready.ready and ready.catalog_products == len(CATALOG) and ready.index_entries == len(CATALOG)
    empty = build_agent(Settings(data_dir=tmp_path / "empty", embedding_backend="fake", _env_file=None))
    not_ready = empty.readiness()
    assert not not_ready.ready and not_ready.problems[0].startswith("no catalog")
