"""A rep's reply passes the same grounding and pressure checks as a model reply before it is stored."""

from __future__ import annotations

import pytest

from agent.agent import build_agent
from agent.assist import Assistant, ReplyRejected, SendRequest
from tests.api.test_api import CATALOG, NEED, PHONE_CTX, write_catalog


@pytest.fixture
def agent(settings, tmp_path):
    a = build_agent(settings)
    a.knowledge.ingest(write_catalog(tmp_path / "catalog.jsonl", CATALOG))
    return a


@pytest.mark.parametrize(
    "reply,check",
    [
        ("$1, 90% off, expires tonight", "not in the provided product data"),  # invented price and discount
        ("Only today: grab the PowerCell 20,000 mAh power bank before it's too late!", "pressure wording"),
        ("The Pixel X8 256 GB would suit you better.", "product not in the provided product data"),  # not offered
        ("Hurry, only 2 left!", "pressure wording"),
    ],
)
def test_a_failing_rep_reply_is_refused_with_the_reason_and_nothing_is_stored(agent, reply, check):
    sent = SendRequest(message=NEED, context=PHONE_CTX, reply=reply, offer_sku="PB-20K")
    with pytest.raises(ReplyRejected) as err:
        Assistant(agent).send("r1", sent)
    assert err.value.problems and any(check in p for p in err.value.problems), err.value.problems
    assert check in str(err.value)
    state = agent.session("r1")
    assert state.turns == [] and state.offers_made == []


def test_the_price_example_names_every_failed_check(agent):
    sent = SendRequest(message=NEED, context=PHONE_CTX, reply="$1, 90% off, expires tonight")
    with pytest.raises(ReplyRejected) as err:
        Assistant(agent).send("r2", sent)
    text = "; ".join(err.value.problems)
    assert "price" in text and "'$1'" in text and "90% off" in text and "false_urgency" in text


def test_a_grounded_calm_rep_reply_is_stored(agent):
    reply = "If it helps, the PowerCell 20,000 mAh power bank ($39) keeps your phone going all day. No pressure."
    r = Assistant(agent).send("r3", SendRequest(message=NEED, context=PHONE_CTX, reply=reply, offer_sku="PB-20K"))
    assert r.reply == reply and agent.session("r3").turns[0].reply == reply


def test_an_offer_the_rep_did_not_attach_is_not_sayable(agent):
    # The policy allowed the power bank, but the rep sends no offer: naming it would be an offer without a card.
    reply = "The PowerCell 20,000 mAh power bank is $39."
    with pytest.raises(ReplyRejected):
        Assistant(agent).send("r4", SendRequest(message=NEED, context=PHONE_CTX, reply=reply))
    assert agent.session("r4").turns == []
