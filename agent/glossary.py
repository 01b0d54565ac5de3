"""Offline glossary translation of shopper needs (es, de, fr, ru, vi) into short English search queries."""

from __future__ import annotations

import importlib.resources
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from agent.glossary_words import fold, fold_vi, primary_stem, split_token as _split_token, stem_candidates
from agent.yaml_text import safe_load
from knowledge.text import LANGUAGES, lang_of

SOURCE_LANGUAGES = LANGUAGES[1:]

_MAX_PHRASE = 6
_TOKEN = re.compile(
    r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)?(?![\w])|[^\W_]+(?:['\-][^\W_]+)*|[€$£%\"]"
)
_NUMBER = re.compile(r"^\d[\d.,\u00a0\u202f ]*$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"^[a-z0-9'\-]+$", re.IGNORECASE)
# Letters only Vietnamese uses among the six languages: ă ơ ư đ, grave/tilde vowels es/fr lack, and the
# stacked-tone vowels of U+1EA0..U+1EF9 (â ê ô alone are French too).
_VI_LETTERS = re.compile(r"[ăơưđìòãõĩũýỳĂƠƯĐÌÒÃÕĨŨÝỲ\u1ea0-\u1ef9]")
_MARKS = {
    "es": re.compile(r"[ñ¿¡áíóú]"),
    "de": re.compile(r"[äöüß]"),
    "fr": re.compile(r"[àâçèêëîïôùûœ]"),
}
_SYMBOLS = {"€": "euros", "$": "dollars", "£": "pounds", "%": "percent"}


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the file and the field."""


@dataclass
class LanguageTable:
    """Lookup tables for one source language, built once from the glossary."""

    lang: str
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    stemmed_phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    stems: dict[str, tuple[str, int]] = field(default_factory=dict)
    folded: dict[str, str | None] = field(default_factory=dict)
    stopwords: frozenset[str] = frozenset()
    max_len: int = 1

    def add(self, words: tuple[str, ...], english: str) -> None:
        """Index one glossary form (already folded and split into words)."""
        if words in self.phrases:  # only the tone-mark-free Vietnamese table merges forms; the first one wins
            return
        self.phrases[words] = english
        self.max_len = max(self.max_len, len(words))
        if len(words) > 1:
            self.stemmed_phrases.setdefault(tuple(primary_stem(w, self.lang) for w in words), english)
            return
        word = words[0]
        for cand in stem_candidates(word, self.lang):
            # Several forms can share a stem; the least-stripped form claims it.
            strip = len(word) - len(cand)
            if cand not in self.stems or self.stems[cand][1] > strip:
                self.stems[cand] = (english, strip)
        if self.lang == "vi":
            plain = fold_vi(word)
            self.folded[plain] = english if self.folded.get(plain, english) == english else None

    def word(self, word: str) -> str | None:
        """English for one word: as written, then with an ending stripped, then (vi) without tone marks."""
        hit = self.phrases.get((word,))
        if hit is not None:
            return hit
        for cand in stem_candidates(word, self.lang):
            hit = self.phrases.get((cand,))
            if hit is None and cand in self.stems:
                hit = self.stems[cand][0]
            if hit is not None:
                return hit
        if word in self.stems:
            return self.stems[word][0]
        if self.lang == "vi" and fold_vi(word) == word:
            return self.folded.get(word)
        return None

    def compound(self, word: str) -> str | None:
        """German compounds ("Laptoptasche", "Handyakku") as the English of their two known parts."""
        if self.lang != "de" or len(word) < 7:
            return None
        for i in range(3, len(word) - 2):  # longest head first: German compounds end in their head noun
            head = self.word(word[i:])
            if head is None:
                continue
            left = word[:i]
            for link in ("", "s", "n", "en", "es", "er", "e"):
                if link and not left.endswith(link):
                    continue
                base = left[: len(left) - len(link)] if link else left
                if len(base) < 3:
                    continue
                mod = self.word(base)
                if mod is not None:
                    return mod if mod == head else f"{mod} {head}"
        return None


@dataclass
class Glossary:
    """Per-language phrase tables, stopwords and units, loaded from agent/data/glossary.yaml."""

    tables: dict[str, LanguageTable]
    english_words: frozenset[str]
    units: dict[str, str]
    concepts: int

    def detect(self, text: str, default: str | None = "en") -> str | None:
        """Best guess of the language of ``text`` among LANGUAGES; ``default`` when no letter, mark or word says."""
        if len(_CYRILLIC.findall(text)) >= max(1, len(re.findall(r"[a-zA-Z]", text)) // 2):
            return "ru"
        if _VI_LETTERS.search(text):
            return "vi"
        raw = [t.lower() for t in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)]
        scores = {"en": 1.5 * sum(t.replace("\u2019", "'") in self.english_words for t in raw)}
        for lang in ("es", "de", "fr", "vi"):
            table = self.tables["vi-plain" if lang == "vi" else lang]
            score = 2.0 * len(_MARKS[lang].findall(text.lower())) if lang in _MARKS else 0.0
            for t in raw:
                for w in _split_token(t, lang):
                    w = fold_vi(fold(w, lang)) if lang == "vi" else fold(w, lang)
                    if w in table.stopwords:
                        score += 1.0
                    elif (w,) in table.phrases or (lang == "vi" and table.folded.get(w)):
                        score += 1.0
            scores[lang] = score
        best = max(scores, key=lambda k: (scores[k], k == "en"))
        if scores[best] == 0:
            return default
        return best if scores[best] > scores["en"] else "en"

    def translate(self, text: str, lang: str) -> str:
        """English search query for ``text`` written in ``lang`` (unknown words dropped unless they look like names)."""
        return self.translate_with_coverage(text, lang)[0]

    def translate_with_coverage(self, text: str, lang: str) -> tuple[str, float]:
        """:meth:`translate`, plus the share of the text's content words (not stopwords) it could render.

        A low share means the glossary does not know this need: its English words then say little about it.
        """
        plain = lang == "vi" and not _VI_LETTERS.search(text) and not re.search(r"[\u0300-\u036f]", text)
        table = self.tables["vi-plain" if plain else lang]
        tokens: list[tuple[str, str, bool]] = []  # (original, folded word, starts a sentence)
        nfc, last = unicodedata.normalize("NFC", text), 0
        for m in _TOKEN.finditer(nfc):
            start = not tokens or bool(re.search(r"[.!?…:]", nfc[last : m.start()]))
            for part in _split_token(m.group(), lang):
                word = fold(part, lang)
                tokens.append((part, fold_vi(word) if plain else word, start))
                start = False
            last = m.end()
        out: list[str] = []
        i = content = known = 0
        while i < len(tokens):
            english, used = self._match(table, tokens, i)
            if english is None:
                english = self._keep(table, tokens, i, out)
                used = 1
                content += 1
                known += bool(english)
            elif english:
                content += used
                known += used
            if english:
                for piece in english.split():
                    if not out or piece.lower() not in {o.lower() for o in out}:
                        out.append(piece)
            i += used
        return (" ".join(out) if out else text), (known / content if content else 1.0)

    def _match(self, table: LanguageTable, tokens: list[tuple[str, str, bool]], i: int) -> tuple[str | None, int]:
        """Longest glossary phrase starting at token ``i``: exact words first, then stemmed words."""
        words = [t[1] for t in tokens[i : i + table.max_len]]
        for n in range(len(words), 1, -1):
            hit = table.phrases.get(tuple(words[:n]))
            if hit is None:
                hit = table.stemmed_phrases.get(tuple(primary_stem(w, lang=table.lang) for w in words[:n]))
            if hit is not None:
                return hit, n
        if words[0] in table.stopwords:
            return "", 1
        hit = table.word(words[0])
        if hit is None:
            hit = table.compound(words[0])
        return hit, 1

    def _keep(self, table: LanguageTable, tokens: list[tuple[str, str, bool]], i: int, out: list[str]) -> str:
        """An untranslated token kept as is when it is a number, a unit after a number, a symbol or a name/SKU."""
        raw, word, at_start = tokens[i]
        if _NUMBER.match(raw):
            return _number(raw)
        if raw in _SYMBOLS:
            return _SYMBOLS[raw] if out and _NUMBER.match(out[-1]) else ""
        if word in self.units and i > 0 and _NUMBER.match(tokens[i - 1][0]):
            return self.units[word]
        if raw == '"':
            return "inch" if out and _NUMBER.match(out[-1]) else ""
        if _looks_like_name(raw, at_start, lang=table.lang):
            return raw
        return ""


def _number(raw: str) -> str:
    """A number with thousands separators removed and a decimal comma made a point ("20.000" → "20000")."""
    compact = re.sub(r"[\u00a0\u202f ]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", compact):
        return compact.replace(".", "")
    return compact.replace(",", ".")


def _looks_like_name(raw: str, at_start: bool, lang: str) -> bool:
    """Product names and SKUs: digits ("NX8"), all caps ("USB"), inner capitals ("iPhone"), Latin words in ru text,
    or a capitalised word mid-sentence (not in German, where every noun is capitalised)."""
    letters = [c for c in raw if c.isalpha()]
    if not letters:
        return False
    if any(c.isdigit() for c in raw):
        return True
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    if any(c.isupper() for c in raw[1:]):
        return True
    if lang == "ru" and _LATIN.match(raw):
        return True
    return lang != "de" and not at_start and raw[0].isupper()


def default_glossary_path() -> Path:
    """The glossary shipped with the agent package."""
    return Path(str(importlib.resources.files("agent").joinpath("data/glossary.yaml")))


def _strings(value: Any, where: str) -> list[str]:
    """A list of non-empty strings, or GlossaryError naming ``where``."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}: expected a list of non-empty strings, got {value!r}")
    return value


def _words(form: str, lang: str) -> tuple[str, ...]:
    """A glossary form folded and split the same way shopper text is."""
    words: list[str] = []
    for m in _TOKEN.finditer(unicodedata.normalize("NFC", form)):
        words.extend(fold(p, lang) for p in _split_token(m.group(), lang))
    return tuple(words)


def parse_glossary(raw: Any, source: str = "<glossary>") -> Glossary:
    """Build a Glossary from parsed YAML; errors name ``source`` and the offending field."""
    if not isinstance(raw, dict):
        raise GlossaryError(f"{source}: top level must be a mapping with stopwords, units and concepts")
    for key in ("stopwords", "units", "concepts"):
        if not isinstance(raw.get(key), dict):
            raise GlossaryError(f"{source}: field '{key}' is missing or not a mapping")
    tables = {lang: LanguageTable(lang) for lang in SOURCE_LANGUAGES}
    # Vietnamese typed without tone marks ("toi bi dau lung") gets its own table of folded forms.
    vi_plain = LanguageTable("vi")
    stop: dict[str, set[str]] = {}
    for lang, words in raw["stopwords"].items():
        if lang not in LANGUAGES:
            raise GlossaryError(f"{source}: stopwords.{lang}: unknown language (expected one of {LANGUAGES})")
        stop[lang] = {w for form in _strings(words, f"{source}: stopwords.{lang}") for w in _words(form, lang)}
    owner: dict[tuple[str, tuple[str, ...]], str] = {}
    english_words = set(stop.get("en", ()))
    for english, forms_by_lang in raw["concepts"].items():
        where = f"{source}: concepts.{english}"
        if not isinstance(english, str) or not english.strip():
            raise GlossaryError(f"{where}: concept name must be a non-empty string")
        if not isinstance(forms_by_lang, dict):
            raise GlossaryError(f"{where}: expected a mapping of language to forms")
        english_words.update(english.lower().split())
        for lang, forms in forms_by_lang.items():
            if lang not in SOURCE_LANGUAGES:
                raise GlossaryError(f"{where}.{lang}: unknown language (expected one of {SOURCE_LANGUAGES})")
            for form in _strings(forms, f"{where}.{lang}"):
                words = _words(form, lang)
                if not words:
                    raise GlossaryError(f"{where}.{lang}: form {form!r} has no words")
                prev = owner.get((lang, words))
                if prev is not None and prev != english:
                    raise GlossaryError(f"{where}.{lang}: form {form!r} is already a form of '{prev}'")
                if len(words) == 1 and words[0] in stop.get(lang, ()):
                    raise GlossaryError(f"{where}.{lang}: form {form!r} is also listed in stopwords.{lang}")
                owner[(lang, words)] = english
                tables[lang].add(words, english)
                if lang == "vi":
                    vi_plain.add(tuple(fold_vi(w) for w in words), english)
    for lang, table in tables.items():
        table.stopwords = frozenset(stop.get(lang, ()))
    vi_plain.stopwords = frozenset(fold_vi(w) for w in stop.get("vi", ()))
    tables["vi-plain"] = vi_plain
    units = raw["units"]
    for k, v in units.items():
        if not isinstance(v, str):
            raise GlossaryError(f"{source}: units.{k}: expected a string, got {v!r}")
    return Glossary(
        tables=tables,
        english_words=frozenset(english_words),
        units={fold(str(k), "es"): v for k, v in units.items()},
        concepts=len(raw["concepts"]),
    )


@lru_cache(maxsize=8)
def load_glossary(path: Path | str | None = None) -> Glossary:
    """Read and index a glossary YAML file (the shipped one by default); cached per path."""
    path = Path(path) if path is not None else default_glossary_path()
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise GlossaryError(f"{path}: cannot read glossary: {e}") from e
    except yaml.YAMLError as e:
        raise GlossaryError(f"{path}: invalid YAML: {e}") from e
    return parse_glossary(raw, str(path))


def detect_language(text: str, default: str | None = "en") -> str | None:
    """The language of ``text`` among en/es/de/fr/ru/vi; ``default`` when no script, stopword or glossary word says."""
    return load_glossary().detect(text, default)


@lru_cache(maxsize=4096)
def glossary_english(text: str, lang: str) -> tuple[str, float]:
    """English words for ``text`` in ``lang`` (one of SOURCE_LANGUAGES) and the share of its content words known."""
    return load_glossary().translate_with_coverage(text, lang)


@lru_cache(maxsize=4096)
def to_english(text: str, lang: str | None = None) -> str:
    """An English search query for a shopper's need; English (or undetectable) text comes back unchanged."""
    if lang is not None:
        lang = lang_of(lang) or lang
        if lang not in LANGUAGES:
            raise ValueError(f"lang must be one of {LANGUAGES} or None, got {lang!r}")
    glossary = load_glossary()
    lang = lang or glossary.detect(text)
    if lang == "en":
        return text
    return glossary.translate(text, lang)
