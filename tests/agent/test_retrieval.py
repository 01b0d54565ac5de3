"""Need search by language: message language, routing to the multilingual or English index, affinity words."""

from __future__ import annotations

import pytest

from agent.candidates import CandidateDeps, CandidateTuning, gather_candidates
from agent.glossary import to_english
from knowledge.text import lang_of
from agent.retrieval import (
    MIN_COVERAGE,
    UNDETERMINED,
    NeedSearch,
    affinity_words,
    message_language,
)
from agent.schemas import ChatContext, Signal
from agent.turn import TurnFacts
from agent.types import SessionState
from knowledge.catalog import Catalog
from knowledge.models import Product, SearchFilters, SearchHit
from knowledge.relations import Relations
from tests.agent.test_candidates import FakeIndex

ALL = frozenset("es de fr ru it pt nl pl tr ja ko zh ar th".split())


class StubKnowledge:
    """Records which index a query was sent to."""

    def __init__(self, languages: frozenset[str] = ALL):
        self.multilingual_languages = languages
        self.calls: list[tuple[str, str | None]] = []

    def search(self, query, filters=None, k=10, lang=None):
        self.calls.append((query, lang))
        return [SearchHit(sku="X", score=0.5)]


def test_message_language_by_script_words_then_locale():
    assert message_language("携帯の電池がすぐ切れる") == "ja"
    assert message_language("手机电池不耐用") == "zh"
    assert message_language("휴대폰 배터리가 빨리 닳아요") == "ko"
    assert message_language("البطارية تنفد بسرعة") == "ar"
    assert message_language("แบตเตอรี่หมดเร็ว") == "th"
    assert message_language("Мой телефон быстро разряжается") == "ru"
    assert message_language("mi teléfono se queda sin batería") == "es"
    assert message_language("my phone battery dies by lunch") == "en"
    # py3langid reads English the glossary does not know, and languages beyond the six.
    assert message_language("Crispy fries without deep fryer", "it-IT") == "en"
    assert message_language("hoe zwaar is het?", "en") == "nl"
    # Nothing in the text says: the session's last language, then the page locale, else undetermined.
    assert message_language("X8 128GB?", "it-IT") == "it"
    assert message_language("X8 128GB?") == UNDETERMINED
    assert message_language("ok", "en", ["¿cuánto pesa la linterna?"]) == "es"
    # The text wins over the locale: an English message on a Spanish page is English.
    assert message_language("my phone battery dies by lunch", "es-ES") == "en"
    assert lang_of("pt_BR") == "pt" and lang_of(None) is None


def test_route_sends_use_languages_as_written_and_the_rest_through_the_glossary():
    knowledge = StubKnowledge()
    search = NeedSearch(knowledge)
    es = "necesito cargar el móvil en el tren"
    assert search.route(es) == (es, "es")
    assert search.route("携帯の電池がすぐ切れる")[1] == "ja"
    vi_query, vi_lang = search.route("pin điện thoại của tôi hết rất nhanh")
    assert vi_lang is None and "battery" in vi_query  # USE does not know Vietnamese
    assert search.route("my phone battery dies by lunch") == ("my phone battery dies by lunch", None)
    assert search.route("X8 128GB?")[1] == UNDETERMINED
    search.search(es, SearchFilters(), 5)
    assert knowledge.calls == [(es, "es")]


def test_without_a_multilingual_index_everything_goes_through_the_glossary():
    search = NeedSearch(StubKnowledge(frozenset()))
    query, lang = search.route("necesito cargar el móvil en el tren")
    assert lang is None and "phone" in query
    assert search.route("Crispy fries without deep fryer") == ("Crispy fries without deep fryer", None)


def test_affinity_words_only_when_the_glossary_knows_the_need():
    assert affinity_words("my phone battery dies", "en") == "my phone battery dies"
    known = "Necesito algo para cargar el móvil cuando estoy de viaje"
    assert "phone" in affinity_words(known, "es")
    # The glossary renders one word of three ("taste"): too little to judge products by their words.
    unknown = "Das Leitungswasser schmeckt nach Chlor"
    assert to_english(unknown, "de") == "taste"
    assert affinity_words(unknown, "de") == ""
    assert affinity_words("携帯の電池がすぐ切れる", "ja") == ""  # no glossary for Japanese
    assert 0 < MIN_COVERAGE < 1


PRODUCTS = [
    Product(sku="PITCHER", name="Carbon water jug", price=35.0, category="Home > Kitchen",
            description="Its carbon cartridge takes chlorine out of tap water."),
    Product(sku="BEANS", name="House blend coffee beans", price=14.0, category="Home > Coffee",
            description="Beans with a rich taste; grind them fresh."),
]


def _top(translate) -> str | None:
    catalog = Catalog(PRODUCTS)
    deps = CandidateDeps(
        catalog=catalog,
        relations=Relations.build(catalog),
        search=FakeIndex(catalog, overrides={"PITCHER": 0.60, "BEANS": 0.50}),
        translate=translate,
        # Both are found by search alone: the ordinary need bar, so that only the word affinity differs.
        tuning=CandidateTuning(min_unlinked_need_score=0.35),
    )
    need = "Das Leitungswasser schmeckt nach Chlor"
    facts = TurnFacts.build(context=ChatContext(), state=SessionState(session_id="s"), signals=[], catalog=catalog,
                            message=need)
    found = gather_candidates(facts, [Signal(type="need", text=need, confidence=0.9)], deps)
    return found[0].product.sku if found else None


def test_a_need_the_glossary_does_not_know_is_judged_on_semantic_evidence():
    # The partial translation ("taste") gives only the beans word affinity, which halves the semantically closest
    # item; without it (the glossary knows one content word of three) the closest item wins on its own.
    assert _top(lambda text: to_english(text, "de")) == "BEANS"
    assert _top(NeedSearch(StubKnowledge()).english_words) == "PITCHER"


@pytest.mark.parametrize(
    "text, lang, word",
    [("mua thêm cân hành lý", "vi", "scale"), ("kiểm tra chất lượng nước trong bể", "vi", "test"),
     ("mua thêm một tấm lót chuột", "vi", "pad"), ("Je voudrais une balance", "fr", "scale"),
     ("Tôi cần bình gas cho bếp này", "vi", "canister"), ("Ich brauche eine Gaskartusche für den Kocher", "de", "stove")],
)
def test_the_glossary_knows_common_shop_nouns_the_encoder_cannot_read(text, lang, word):
    assert word in affinity_words(text, lang).split()
