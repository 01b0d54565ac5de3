"""Rep suggestions a person can read: plain labels, a clarifying question built from the context, support
replies written for the support rep, and any eligible candidate selectable (refusals shown, not sendable)."""

from __future__ import annotations

import re

import pytest

from agent.agent import build_agent
from agent.assist import Assistant, OfferNotAllowed, SendRequest, SuggestRequest
from agent.judge import MODEL_CHOICE
from agent.policy.rules import REGISTRY
from agent.rep_wording import RULE_TEXT, clarifying_question, rule_text, support_reply
from agent.schemas import Signal
from tests.api.test_api import CATALOG, NEED, PHONE_CTX, write_catalog

#: The same shop with the small power bank back in stock: two products answer the battery need.
TWO_BANKS = [{**p, "stock": 10} if p["sku"] == "PB-10K" else p for p in CATALOG]
#: Pointing the shopper elsewhere, which a support rep never does (they are the support).
SELF_SERVICE = re.compile(r"help page|help cent(?:re|er)|contact (?:our )?support|customer service", re.I)
#: Rule names that are codes (support_issue); one-word names such as "budget" are also plain words.
CODE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in [*REGISTRY, MODEL_CHOICE] if "_" in n) + r")\b")


def make_agent(settings, tmp_path, catalog):
    a = build_agent(settings)
    a.knowledge.ingest(write_catalog(tmp_path / "catalog.jsonl", catalog))
    return a


@pytest.fixture
def agent(settings, tmp_path):
    return make_agent(settings, tmp_path, CATALOG)


@pytest.fixture
def two_banks(settings, tmp_path):
    return make_agent(settings, tmp_path, TWO_BANKS)


def suggest(agent, message, context=None, session="s"):
    return Assistant(agent).suggest(SuggestRequest(session_id=session, message=message, context=context or {}))


def rep_visible_text(out) -> list[str]:
    texts = []
    for s in out.suggestions:
        texts += [s.label, s.rationale, s.guardrails.silenced_reason or ""]
        texts += [c.label + " " + c.detail for c in s.guardrails.checks]
    texts += [c.reason for c in out.candidates]
    return texts


def test_every_policy_rule_has_plain_words():
    assert set(REGISTRY) <= set(RULE_TEXT)
    assert rule_text("support_issue") == "The shopper has a problem to solve, so this is no time to sell"
    assert "_" not in rule_text("some_new_rule")  # an unknown name is spelled out, not shown as a code


@pytest.mark.parametrize(
    "message,context",
    [
        (NEED, PHONE_CTX),
        ("my order never arrived, where is it?", PHONE_CTX),
        ("no thanks, I don't want any extras", PHONE_CTX),
        ("how big is the screen?", PHONE_CTX),
    ],
)
def test_labels_and_reasons_use_no_internal_codes(two_banks, message, context):
    out = suggest(two_banks, message, context)
    assert all(s.label for s in out.suggestions)
    leaked = [t for t in rep_visible_text(out) if CODE.search(t)]
    assert not leaked, leaked


def test_the_offer_label_names_the_product_in_words(agent):
    offered = [s for s in suggest(agent, NEED, PHONE_CTX).suggestions if s.kind == "offer"][0]
    assert offered.label == "Answer + offer (add PowerCell 20,000 mAh power bank)"
    assert [c.label for c in offered.guardrails.checks] == [
        "Price step", "Budget", "Stock", "Not already in the cart", "Not turned down before"
    ]


def test_the_clarifying_question_asks_which_of_two_items(agent):
    ctx = {"page": "cart", "cart": [{"sku": "PX8-128", "qty": 1}, {"sku": "CASE-PX8", "qty": 1}]}
    clarify = [s for s in suggest(agent, "does it come in blue?", ctx).suggestions if s.kind == "clarify"][0]
    assert clarify.text == "Just so I get it right: do you mean the Pixel X8 128 GB or the Rugged case for Pixel X8?"


def test_the_clarifying_question_asks_what_the_item_on_screen_is_for(agent):
    out = suggest(agent, "hmm, not sure yet", {"page": "product", "product_sku": "PX8-256"})
    clarify = [s.text for s in out.suggestions if s.kind == "clarify"]
    assert clarify == ["What will you mainly use the Pixel X8 256 GB for? Then I can tell you whether it's the "
                       "right pick."]


def test_the_clarifying_question_weighs_options_when_several_fit(two_banks):
    out = suggest(two_banks, NEED, PHONE_CTX)
    clarify = [s.text for s in out.suggestions if s.kind == "clarify"]
    assert clarify and "keep the price down" in clarify[0]


def test_the_clarifying_question_never_falls_back_to_a_stock_phrase(agent):
    for message in ("no thanks", "my order never arrived", NEED, "hello"):
        for s in suggest(agent, message, PHONE_CTX).suggestions:
            assert "anything else I can help you with" not in s.text


@pytest.mark.parametrize(
    "message,asks",
    [
        ("my order never arrived, where is it?", "order number"),
        ("the phone arrived broken", "photo"),
        ("I want a refund", "refund or an exchange"),
        ("I can't log in to my account", "email address"),
    ],
)
def test_support_replies_are_written_for_the_rep_who_is_support(agent, message, asks):
    out = suggest(agent, message, PHONE_CTX)
    answer = out.suggestions[0]
    assert answer.label == "Support reply" and answer.offer is None
    assert asks in answer.text
    for s in out.suggestions:
        assert not SELF_SERVICE.search(s.text), s.text
    # What the rep is offered to send passes the checks a sent reply must pass.
    sent = Assistant(agent).send("sup", SendRequest(message=message, context=PHONE_CTX, reply=answer.text))
    assert sent.reply == answer.text


def test_the_support_reply_names_the_product_and_says_what_to_do_first():
    signals = [Signal(type="support", text="battery is swollen")]
    text = support_reply(signals, "my battery is swollen", None)
    assert text.startswith("Please stop using it and unplug it")


def test_the_rep_can_pick_an_eligible_alternative_and_it_is_recorded(two_banks):
    out = suggest(two_banks, NEED, PHONE_CTX)
    eligible = [c for c in out.candidates if c.eligible]
    default = [c for c in eligible if c.default]
    alternative = [c for c in eligible if not c.default][0]
    assert len(default) == 1 and alternative.sku in {"PB-10K", "PB-20K"} and alternative.sku != default[0].sku
    assert alternative.offer.sku == alternative.sku and all(c.passed for c in alternative.checks)
    assert alternative.text and alternative.offer.name in alternative.text
    refused = [c for c in out.candidates if not c.eligible]
    assert refused and all(c.offer is None and c.reason and not CODE.search(c.reason) for c in refused)

    sent = Assistant(two_banks).send(
        "pick", SendRequest(message=NEED, context=PHONE_CTX, reply=alternative.text, offer_sku=alternative.sku)
    )
    assert [o.sku for o in sent.offers] == [alternative.sku]
    state = two_banks.session("pick")
    assert [o.sku for o in state.offers_made] == [alternative.sku]


def test_a_refused_candidate_cannot_be_sent(two_banks):
    out = suggest(two_banks, NEED, PHONE_CTX)
    refused = [c for c in out.candidates if not c.eligible][0]
    with pytest.raises(OfferNotAllowed):
        Assistant(two_banks).send("refused", SendRequest(message=NEED, context=PHONE_CTX, reply="Sure.",
                                                         offer_sku=refused.sku))
    assert two_banks.session("refused").turns == []


def test_an_alternative_is_checked_again_when_sent(two_banks):
    alternative = [c for c in suggest(two_banks, NEED, PHONE_CTX, "again").candidates
                   if c.eligible and not c.default][0]
    two_banks.record_outcome("again", alternative.sku, "declined")  # the shopper said no in the meantime
    with pytest.raises(OfferNotAllowed):
        Assistant(two_banks).send("again", SendRequest(message=NEED, context=PHONE_CTX, reply=alternative.text,
                                                       offer_sku=alternative.sku))


def test_clarifying_question_without_context_asks_what_for():
    text = clarifying_question("hi", [], None, [], [], budget_known=False)
    assert text == "What are you looking for, and what will you use it for? I'll point you to what fits."
