"""The reply's language: detected offline from the shopper's words (py3langid), the page locale and the session
as fallbacks, feeding signals and search like a locale; the offline reply fully written in each of the six."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.agent import build_agent
from agent.i18n.messages import load_catalog, phrase
from agent.reply.input import ReplyInput
from agent.reply.offline import compose_offline
from agent.retrieval import message_language, reply_language
from agent.schemas import ChatRequest, Offer, OfferReason, ReasonItem, Signal
from agent.types import Decision
from knowledge.catalog import Catalog
from knowledge.importers import load_catalog as load_products
from knowledge.text import LANGUAGES, guess_language
from tests.support import PRODUCTS, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
BEAUTY = Catalog(load_products(ROOT / "evals" / "suites" / "beauty" / "catalog.jsonl"))
ENGLISH_TEMPLATE_WORDS = ("If it helps", "No pressure", "Happy to", "You're", "Thanks", "Sorry", "I don't")


def _labelled() -> list[tuple[str, str]]:
    path = ROOT / "bench" / "data" / "language_messages.tsv"
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return [(lang, text) for lang, text in rows]


def test_short_shop_messages_are_placed_in_their_language():
    rows = _labelled()
    right = sum(guess_language(text) == lang for lang, text in rows)
    assert {lang for lang, _ in rows} == set(LANGUAGES)
    assert right / len(rows) >= 0.97, right


def test_too_short_to_tell_is_none_and_other_languages_keep_their_code():
    for text in ("ok", "yes", "no", "X8?", "👍", "128GB"):
        assert guess_language(text) is None, text
    assert guess_language("hoe zwaar is het en is het waterdicht?") == "nl"
    assert guess_language("được") == "vi"


@pytest.mark.parametrize(
    "message,locale,earlier,expected",
    [
        ("¿cuánto pesa la linterna?", "en-US", [], "es"),  # the shopper's words win over the page
        ("Wie schwer ist die Lampe?", "es-ES", [], "de"),
        ("how heavy is the lamp?", "fr", [], "en"),
        ("hoe zwaar is de lamp?", "fr-FR", [], "fr"),  # not one of the six: the page locale
        ("hoe zwaar is de lamp?", None, [], "en"),
        ("ok", "en", ["¿cuánto pesa la linterna?"], "es"),  # too short: the session's last language
        ("ok", "de-DE", [], "de"),  # then the locale
        ("ok", None, [], "en"),
    ],
)
def test_reply_language_rule(message, locale, earlier, expected):
    assert reply_language(message, locale, earlier) == expected


def test_message_language_prefers_the_latest_earlier_message_that_tells():
    assert message_language("yes", None, ["how heavy is it?", "¿y es resistente al agua?", "ok"]) == "es"


# --- the offline reply in each language ----------------------------------------------------------------------
DRYER = BEAUTY.get("HD-AL1800")
SPRAY = BEAUTY.get("HP-SPR-150")
GOES_WITH = Offer(
    sku=SPRAY.sku, name=SPRAY.name, kind="cross_sell", price=SPRAY.price, currency="USD", uplift_pct=10.0,
    reason="goes with", why=OfferReason(kind="goes_with", goes_with=ReasonItem(sku=DRYER.sku, name=DRYER.name,
                                                                               where="in_cart")),
)


def _inp(message, lang, signals=(), offers=(), **kw):
    kw.setdefault("focus", DRYER)
    kw.setdefault("cart", [DRYER])
    return ReplyInput(message=message, language=lang, signals=list(signals), decision=Decision(offers=list(offers)),
                      catalog=BEAUTY, **kw)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_of_offline_reply_is_written_in_the_turn_language(lang):
    name = "AeroLux Pro 1800W Hair Dryer"
    offer = compose_offline(_inp("x", lang, [Signal(type="need", text="x")], [GOES_WITH]))
    anchor = phrase(lang, "anchor.focus", name=name)
    assert offer == phrase(lang, "offer.cross", name=SPRAY.name, price="$" + f"{SPRAY.price:g}", why="", anchor=anchor)
    decline = compose_offline(_inp("no", lang, [Signal(type="decline", text="no")]))
    assert decline == f"{phrase(lang, 'decline.ack')} {phrase(lang, 'decline.after')}"
    support = compose_offline(_inp("x", lang, [Signal(type="support", text="x")]))
    assert support == phrase(lang, "reply.support")
    assert compose_offline(_inp("hallo", lang)) == phrase(lang, "social.greeting", name=name)
    answer = compose_offline(_inp("how heavy is it?", lang, [Signal(type="question", text="x")]))
    assert answer == phrase(lang, "fact.weight", name=name, value="560 g")
    if lang != "en":
        for text in (offer, decline, support, answer):
            assert not any(w in text for w in ENGLISH_TEMPLATE_WORDS), (lang, text)


def test_the_locale_decides_when_the_turn_has_no_language():
    text = compose_offline(_inp("x", None, [Signal(type="decline", text="x")], locale="vi-VN"))
    assert text.startswith(load_catalog("vi")["decline.ack"])


# --- end to end: Spanish and German on an English page ------------------------------------------------------
PHONE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}


@pytest.fixture
def agent(settings, tmp_path):
    a = build_agent(settings)
    a.knowledge.ingest(write_jsonl(tmp_path / "catalog.jsonl", PRODUCTS))
    return a


@pytest.mark.parametrize(
    "lang,message",
    [
        ("es", "ojalá la batería de mi móvil durara todo el día"),
        ("de", "ich wünschte, mein Handy-Akku würde den ganzen Tag halten"),
    ],
)
def test_a_message_on_an_english_page_gets_what_it_gets_on_its_own_page(agent, lang, message):
    own = agent.respond(ChatRequest(session_id=f"own-{lang}", message=message, context={**PHONE, "locale": lang}))
    english = agent.respond(ChatRequest(session_id=f"en-{lang}", message=message, context={**PHONE, "locale": "en"}))
    assert own.offers and [o.sku for o in english.offers] == [o.sku for o in own.offers]
    assert [s.type for s in english.signals] == [s.type for s in own.signals]
    for reply in (own.reply, english.reply):
        assert not any(w in reply for w in ENGLISH_TEMPLATE_WORDS), reply
        assert guess_language(reply.split(":")[0].split("–")[0]) == lang, reply


def test_a_bare_ok_keeps_the_session_language(agent):
    page = {**PHONE, "locale": "en"}
    first = agent.respond(ChatRequest(session_id="s", message="¿cuánta memoria tiene?", context=page))
    assert "128 GB" in first.reply and not any(w in first.reply for w in ENGLISH_TEMPLATE_WORDS)
    later = agent.respond(ChatRequest(session_id="s", message="ok", context={**PHONE, "locale": "en"}))
    assert later.reply == load_catalog("es")["social.ack"]


# --- the model's instructions --------------------------------------------------------------------------------
def test_the_model_is_told_the_reply_language_and_what_the_offer_improves():
    from agent.reply.prompts import system_prompt
    from agent.schemas import Improvement

    imp = Improvement(attribute="watts", old="1800 W", new="2200 W")
    up = GOES_WITH.model_copy(update={"why": OfferReason(kind="answers_need", need="dries slowly", improves=imp)})
    prompt = system_prompt(_inp("mi secador tarda mucho", "es", [Signal(type="need", text="x")], [up]), [SPRAY])
    assert "Reply in Spanish." in prompt
    assert "what it does for the need: 2200 W instead of 1800" in prompt
    assert "Never quote or repeat the shopper's words" in prompt and "every part of it" in prompt
    assert "never suggest an add-on instead" in prompt
    assert "Reply in German." in system_prompt(_inp("x", None, locale="de-AT"), [])


def test_near_neighbours_of_the_six_go_to_the_six():
    # py3langid alone reads these as Afrikaans and Galician.
    assert guess_language("my battery dies by noon") == "en"
    assert guess_language("Necesito un cargador, pero como máximo 20 euros") == "es"
    assert guess_language("la pelle secca") == "it"
