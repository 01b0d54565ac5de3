"""Need search by language: the multilingual index for the languages it covers, glossary → English index else.

Measured with bench/bench_encoders.py (need -> product hit@3): USE-multilingual on the raw text matches or beats
the glossary translation on a store the glossary was not written for (beauty: es 1.0 vs .60, de .80 vs .20,
ru .80 vs .40), while MiniLM stays best for English and the glossary for Vietnamese, which USE was not trained
on. So a need is routed by the language of the message: detected offline (script, then the glossary's words),
else the page locale, else undetermined (searched in the multilingual index, which also knows English). The
message's language is found by py3langid (bench/bench_language.py), the glossary's words serving longer messages
it cannot place; a message too short to tell ("ok") takes the language of the session's latest one that told.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from agent.glossary import SOURCE_LANGUAGES, detect_language, glossary_english, to_english
from knowledge.models import SearchFilters, SearchHit
from knowledge.store import UNDETERMINED
from knowledge.text import LANGUAGES, guess_language, lang_of, words

#: Share of a need's content words the glossary must render for its English words to serve as word-affinity
#: evidence; below it the need is one the glossary does not know, and only semantic evidence judges products.
MIN_COVERAGE = 0.5

# Scripts that name their language without any lexicon (Japanese first: it mixes in Han ideographs).
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)


class LanguageSearch(Protocol):
    """The part of :class:`knowledge.store.KnowledgeStore` need search uses."""

    @property
    def multilingual_languages(self) -> frozenset[str]:
        """Languages the multilingual index serves."""
        ...

    def search(
        self, query: str, filters: SearchFilters | None = None, k: int = 10, lang: str | None = None
    ) -> list[SearchHit]:
        """Semantic search, in the multilingual index when ``lang`` is one it serves."""
        ...


#: Fewer words than this are too few for the glossary's word votes ("no" is Spanish too).
_GLOSSARY_MIN_WORDS = 3


@lru_cache(maxsize=4096)
def written_language(text: str) -> str | None:
    """The language ``text`` itself shows (script, py3langid, the glossary's words); None for "ok", "yes", "X8?"."""
    for lang, script in _SCRIPTS:
        if script.search(text):
            return lang
    found = guess_language(text)
    if found is None and len(words(text)) >= _GLOSSARY_MIN_WORDS:
        found = detect_language(text, default=None)
    return found


def message_language(text: str, locale: str | None = None, earlier: Sequence[str] = ()) -> str:
    """The language of a message: what it shows, else the latest of the session's ``earlier`` messages that shows
    one, else the page locale, else "und" (a bare "ok" after Spanish messages is Spanish, even on an English page).
    """
    found = written_language(text)
    for before in reversed(earlier):
        if found is not None:
            break
        found = written_language(before)
    return found or lang_of(locale) or UNDETERMINED


def reply_language(text: str, locale: str | None = None, earlier: Sequence[str] = ()) -> str:
    """The language to answer in: the message's when it is one of the six, else the page locale's, else English."""
    lang = message_language(text, locale, earlier)
    if lang in LANGUAGES:
        return lang
    page = lang_of(locale)
    return page if page in LANGUAGES else "en"


def english_query(text: str, lang: str) -> str:
    """The text as an English search query: glossary-translated when the glossary knows its language."""
    return to_english(text, lang) if lang in SOURCE_LANGUAGES else text


def affinity_words(text: str, lang: str) -> str:
    """English words for word affinity; empty when the glossary renders too little of the need to judge by."""
    if lang in ("en", UNDETERMINED):
        return text
    if lang not in SOURCE_LANGUAGES:
        return ""
    english, coverage = glossary_english(text, lang)
    return english if coverage >= MIN_COVERAGE else ""


class NeedSearch:
    """One turn's need search and English words, routed by the language of each need's text."""

    def __init__(self, knowledge: LanguageSearch, locale: str | None = None, earlier: Sequence[str] = ()):
        self.knowledge = knowledge
        self.locale = locale
        self.earlier = tuple(earlier)

    def language(self, text: str) -> str:
        """The language ``text`` is routed by."""
        return message_language(text, self.locale, self.earlier)

    def route(self, text: str) -> tuple[str, str | None]:
        """The query sent for ``text`` and the language the index is asked for (None: the English index)."""
        lang = self.language(text)
        served = self.knowledge.multilingual_languages
        if lang in served or (lang == UNDETERMINED and served):
            return text, lang
        return english_query(text, lang), None

    def search(self, text: str, filters: SearchFilters, k: int) -> list[SearchHit]:
        """Products closest to the need as the shopper wrote it (the SearchFn of candidate generation)."""
        query, lang = self.route(text)
        return self.knowledge.search(query, filters=filters, k=k, lang=lang)

    def english_words(self, text: str) -> str:
        """English words of the need for word affinity (the ``translate`` of candidate generation)."""
        return affinity_words(text, self.language(text))
