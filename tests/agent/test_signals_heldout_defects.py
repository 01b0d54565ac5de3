"""Six detection defect classes on held-out sentences in six languages (tests/agent/heldout_defects_table.py).

Asks for a product in question form, needs said without a wish word, shortcomings in use that are no support case,
refusals of a pending offer, which way a price ask points, and paying talk at checkout. The table was written
before the fixes and is not in the examples file; the floors sit a little under the measured figures (printed
with ``pytest -s``), so a change that breaks a class in several languages fails here.
"""

from __future__ import annotations

import pytest

from agent.schemas import ChatContext
from agent.signals import OfflineSignalDetector, load_examples, shared_encoder
from agent.signals.direction import direction
from tests.agent.heldout_defects_table import CASES, figures, show

LANGS = {"en", "es", "de", "fr", "ru", "vi"}
#: Measured with USE-multilingual v3 (see the printout); Vietnamese goes through the glossary and misses more.
FLOORS = {
    "product_question": 0.8,
    "unworded_need": 0.75,
    "use_shortcoming": 0.85,
    "pending_decline": 0.85,
    "price_direction": 0.85,
    "checkout_talk": 0.6,
}


@pytest.fixture(scope="module")
def use_detector() -> OfflineSignalDetector:
    det = OfflineSignalDetector(shared_encoder())
    det.warm_up()
    return det


def test_table_covers_six_languages_and_is_held_out():
    assert set(CASES) == set(FLOORS)
    for name, cases in CASES.items():
        assert {lang for lang, *_ in cases} == LANGS, name
        assert len(cases) >= 12, name
    lines = {t.lower() for items in load_examples().values() for t in items}
    assert not lines & {message.lower() for cases in CASES.values() for _, message, *_ in cases}


@pytest.mark.slow
def test_defect_classes_hold_in_six_languages(use_detector):
    result = figures(lambda m, c, pending: use_detector.detect(m, c, offer_pending=pending))
    print("\n" + show("patterns + USE examples", result))
    for name, (ok, total, failed) in result.items():
        assert ok / total >= FLOORS[name], (name, failed)


# --- refusals of a pending offer ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "message",
    ["nah, I'll just tape it up myself", "nope, all sorted", "nee, geht auch so", "bof, je m'en passe", "thôi, khỏi nhé"],
)
def test_opening_refusal_declines_only_a_pending_offer(message):
    det = OfflineSignalDetector()
    assert "decline" in {s.type for s in det.detect(message, offer_pending=True)}
    assert "decline" not in {s.type for s in det.detect(message, offer_pending=False)}


@pytest.mark.parametrize(
    "message",
    ["we've got a timer in the garage somewhere, i'll dig it out", "Ya tengo uno, gracias", "J'en ai déjà un à la maison",
     "Ich habe schon einen Kocher", "У меня уже есть такой", "Nhà tôi có cái đó rồi"],
)
def test_owning_what_was_offered_declines_only_a_pending_offer(message):
    det = OfflineSignalDetector()
    assert "decline" in {s.type for s in det.detect(message, offer_pending=True)}
    assert "decline" not in {s.type for s in det.detect(message, offer_pending=False)}


def test_owning_one_thing_while_asking_for_another_is_no_decline():
    signals = OfflineSignalDetector().detect("I've got a tent, but I need a stove for it", offer_pending=True)
    assert "decline" not in {s.type for s in signals}


@pytest.mark.parametrize(
    "message",
    ["no, is there a smaller one?", "nah, I need one that folds flat", "no problem, add it", "no sé, ¿cuál es mejor?"],
)
def test_refusal_word_with_an_ask_or_a_need_is_no_decline(message):
    assert "decline" not in {s.type for s in OfflineSignalDetector().detect(message, offer_pending=True)}


@pytest.mark.slow
def test_semantic_decline_needs_something_to_turn_down(use_detector):
    line = "I'll just make do with the one I've got at home"
    assert "decline" not in {s.type for s in use_detector.detect(line, offer_pending=False)}


# --- price direction ---------------------------------------------------------------------------------------
def test_words_that_point_one_way_decide_over_the_encoder():
    gap = 0.11
    # Price talk pulls the encoder down: "stretch the budget" read as cheaper by 0.07 on a held-out store.
    assert direction({"cheaper": 0.5 + gap, "better": 0.5}, "anything a bit better if I stretch the budget?") == "better"
    assert direction({"cheaper": 0.5, "better": 0.5 + gap}, "anything cheaper?") == "cheaper"


def test_the_encoder_decides_when_the_words_point_neither_way_or_both():
    gap = 0.11
    assert direction({"cheaper": 0.5 + gap, "better": 0.5}, "what else is there?") == "cheaper"
    assert direction({"cheaper": 0.5, "better": 0.5 + gap}, "what else is there?") == "better"
    # "a better price" is price talk: both sides match, the encoder decides.
    assert direction({"cheaper": 0.5 + gap, "better": 0.5}, "can you do a better price on it?") == "cheaper"


@pytest.mark.parametrize(
    "text,wants",
    [
        ("that's too pricey for me", "cheaper"),
        ("it's more than I planned to spend", "cheaper"),
        ("etwas Hochwertigeres, gerne auch teurer", "better"),
        ("algo mejor aunque cueste más", "better"),
        ("слишком дорого", "cheaper"),
        ("có cái nào xịn hơn không", "better"),
        ("có cái nào rẻ hơn không", "cheaper"),
        ("mình muốn mua chai to hơn", "better"),  # a bigger one: another version, judged on its size
    ],
)
def test_direction_lexicon_breaks_a_near_tie(text, wants):
    tie = {"cheaper": 0.5, "better": 0.5 + 0.03}
    assert direction(tie, text) == wants
    assert direction({"cheaper": tie["better"], "better": tie["cheaper"]}, text) == wants


def test_an_asked_comparison_points_the_way_even_when_price_talk_pulls_down():
    # "about the same price" limits the price; it does not ask for a lower one.
    pulled_down = {"cheaper": 0.6, "better": 0.4}
    assert direction(pulled_down, "is there a stronger version for about the same price?") == "better"
    assert direction(pulled_down, "is there a cheaper version for about the same quality?") == "cheaper"
    assert direction(pulled_down, "anything for about the same price?") == "cheaper"  # no comparison: the encoder


@pytest.mark.slow
@pytest.mark.parametrize(
    "message,wants",
    [
        ("Hmm, that's more than I expected for a lamp. Got a cheaper one?", "cheaper"),
        ("ok this one is nice. is there a model above it?", "better"),
    ],
)
def test_an_ask_in_the_second_sentence_is_read_on_its_own(use_detector, message, wants):
    needs = [s for s in use_detector.detect(message) if s.type == "need"]
    assert needs and all(s.wants == wants for s in needs), use_detector.detect(message)


# --- paying at checkout ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_paying_talk_is_purchase_intent_only_at_checkout(use_detector):
    line = "just popping my card details in"
    at_checkout = {s.type for s in use_detector.detect(line, ChatContext(page="checkout"))}
    assert "purchase_intent" in at_checkout and "need" not in at_checkout
    assert "purchase_intent" not in {s.type for s in use_detector.detect(line, ChatContext(page="product"))}
    # With an offer on the table a yes is an accept, which needs a phrase.
    pending = use_detector.detect(line, ChatContext(page="checkout"), offer_pending=True)
    assert "purchase_intent" not in {s.type for s in pending}


# --- cost ----------------------------------------------------------------------------------------------------
def test_a_message_costs_one_query_and_at_most_one_batch_for_its_sentences():
    from knowledge.embeddings import FakeEmbedder
    from tests.agent.test_signals_semantic import CountingEmbedder

    counting = CountingEmbedder(FakeEmbedder(dim=64))
    det = OfflineSignalDetector(counting)
    det.warm_up()
    for message in ("the lamp flickers at night", "We start next week. The wall is brick. Not sure it copes."):
        queries, batches = counting.queries, counting.document_batches
        det.detect(message)
        assert counting.queries - queries <= 1
        assert counting.document_batches - batches <= 1


# --- small regressions found on the way ------------------------------------------------------------------------
@pytest.mark.parametrize("message", ["ok and how do I get the stains off it?", "sure, but how do I take the lid off?"])
def test_a_yes_word_opening_a_question_buys_nothing(message):
    types = {s.type for s in OfflineSignalDetector().detect(message, offer_pending=False)}
    assert "purchase_intent" not in types and "question" in types


@pytest.mark.slow
@pytest.mark.parametrize("message", ["Order placed! What else will I need for the first use?", "Just bought it! Now, what goes with it?"])
def test_a_short_order_announcement_is_no_support_case(use_detector, message):
    assert "support" not in {s.type for s in use_detector.detect(message, ChatContext(page="post_purchase"))}


@pytest.mark.parametrize(
    "message, wants",
    [
        ("I need something cheaper, this is a lot to spend on perfume", "cheaper"),
        ("Necesito algo más barato, la verdad", "cheaper"),
        ("Ich brauche etwas Günstigeres", "cheaper"),
        ("I want something better, money isn't the issue", "better"),
    ],
)
def test_a_stated_need_for_another_version_points_the_way(message, wants):
    """A need stated (not asked) whose words are only a comparison asks for a cheaper or better version."""
    needs = [s for s in OfflineSignalDetector().detect(message) if s.type == "need"]
    assert needs and needs[0].wants == wants, needs


def test_a_need_with_a_thing_in_it_keeps_no_direction():
    """'something better for dry skin' wants a thing for dry skin, not a better version of the item in focus."""
    needs = [s for s in OfflineSignalDetector().detect("I wish I had something better for dry skin") if s.type == "need"]
    assert needs and needs[0].wants is None, needs


@pytest.mark.parametrize(
    "text,goes_with,bare",
    [
        ("anything that goes nicely with them", True, True),
        ("all paid. anything that goes nicely with them?", True, False),  # "paid" is read too: the span decides
        ("what goes well with these?", True, True),
        ("was passt dazu?", True, True),
        ("need a stand to go with it", True, False),
        ("anything better to go with it?", False, False),  # a way to move it: a version ask
        ("I'll go with the blue one", False, False),
    ],
)
def test_an_ask_for_what_goes_with_the_item_is_read_from_its_words(text, goes_with, bare):
    from agent.signals.direction import asks_what_goes_with, only_asks_what_goes_with

    assert asks_what_goes_with(text) is goes_with
    assert only_asks_what_goes_with(text) is bare


@pytest.mark.slow
def test_an_ask_for_what_goes_with_it_is_no_version_ask(use_detector):
    # The encoder reads it nearest "anything better?" (0.52 against 0.44 for a request).
    needs = [s for s in use_detector.detect("all paid. anything that goes nicely with them?",
                                            ChatContext(page="post_purchase")) if s.type == "need"]
    assert needs and all(s.wants is None for s in needs)


@pytest.mark.parametrize(
    "message",
    [
        "Il me faudrait aussi de quoi faire du café filtre, mais pas plus de 30 euros en plus.",
        "Mình muốn mua chai to hơn để tặng bạn gái, nhưng tối đa 75 đô thôi nhé",
    ],
)
def test_a_need_said_with_a_budget_is_heard_beside_it(use_detector, message):
    signals = use_detector.detect(message, ChatContext(page="product"))
    assert {"need", "budget"} <= {s.type for s in signals}
    # The need stops where the budget starts: its amount is the budget signal's.
    need = next(s for s in signals if s.type == "need")
    assert not any(ch.isdigit() for ch in need.text)


@pytest.mark.parametrize(
    "message,need",
    [
        ("I can add 25 dollars max for a carry case", "a carry case"),
        ("Puedo gastar 20 euros más para una funda", "una funda"),
        ("I can add 40 at most to hang it on the wall", "to hang it on the wall"),
    ],
)
def test_what_an_amount_to_add_is_for_is_the_need(use_detector, message, need):
    signals = use_detector.detect(message, ChatContext(page="product"))
    needs = [s for s in signals if s.type == "need"]
    assert [s.text for s in needs] == [need]
    assert needs[0].wants is None


@pytest.mark.parametrize("message", ["I can't go over $70 for the whole thing", "I can add 30 more for both"])
def test_what_an_amount_covers_is_no_need(use_detector, message):
    assert not any(s.text.endswith(("thing", "both")) for s in use_detector.detect(message) if s.type == "need")


def test_a_budget_alone_is_price_talk_only(use_detector):
    assert [s.type for s in use_detector.detect("My budget is 500", ChatContext(page="product"))] == ["budget"]
