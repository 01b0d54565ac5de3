"""The one text toolkit (knowledge/text.py): Unicode words, stop words, a locale's language, and a guard that
no other module grows its own tokenizer or locale parser again."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from knowledge.text import (
    LANGUAGES,
    content_words,
    lang_of,
    letter_digit_parts,
    normalize,
    sku_tokens,
    stop_words,
    word_spans,
    words,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Батарея садится к обеду", ["батарея", "садится", "к", "обеду"]),
        ("Pin điện thoại hết nhanh quá", ["pin", "điện", "thoại", "hết", "nhanh", "quá"]),
        ("Die Größe passt, aber der Akku hält nicht", ["die", "grösse", "passt", "aber", "der", "akku", "hält", "nicht"]),
        ("Mi teléfono: 128GB, ¡sin espacio!", ["mi", "teléfono", "128gb", "sin", "espacio"]),
        ("snake_case and kebab-case", ["snake", "case", "and", "kebab", "case"]),
    ],
)
def test_words_split_any_script_and_keep_diacritics(text, expected):
    assert words(text) == expected


def test_words_are_nfc_and_casefolded_whatever_the_input_form():
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt ĐẸP")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert words(decomposed) == ["tiếng", "việt", "đẹp"]
    assert normalize("STRASSE") == normalize("straße") == "strasse"


def test_word_spans_are_offsets_in_the_text_itself():
    text = "Ôi, pin Größe!"
    spans = list(word_spans(text))
    assert [w for w, _, _ in spans] == ["ôi", "pin", "grösse"]
    assert [text[s:e] for _, s, e in spans] == ["Ôi", "pin", "Größe"]


def test_contractions_stay_one_word_when_asked():
    assert words("I don’t want l'eau") == ["i", "don", "t", "want", "l", "eau"]
    assert words("I don’t want l'eau", contractions=True) == ["i", "don't", "want", "l'eau"]


@pytest.mark.parametrize(
    "locale,lang",
    [("pt_BR", "pt"), ("en-US", "en"), ("EN", "en"), ("ru", "ru"), ("vi-VN", "vi"), ("zh-Hant-TW", "zh"),
     ("de_DE.UTF-8", "de"), ("", None), (None, None), ("123", None), ("x", None)],
)
def test_lang_of_a_locale(locale, lang):
    assert lang_of(locale) == lang


def test_stop_words_per_language_and_content_words():
    assert set(LANGUAGES) == {"en", "es", "de", "fr", "ru", "vi"}
    for lang in LANGUAGES:
        assert stop_words(lang), lang
    assert "the" in stop_words("en") and "the" not in stop_words("ru")
    assert "и" in stop_words("ru-RU") and "của" in stop_words("vi")
    # Unknown or missing language: every list at once.
    assert {"the", "и", "của", "der"} <= stop_words(None) == stop_words("pt")
    assert content_words("Мне нужна батарея на весь день", "ru") == ["нужна", "батарея", "весь", "день"]
    assert content_words("Tôi muốn pin dùng cả ngày") == ["muốn", "pin", "dùng", "cả", "ngày"]


def test_letter_digit_parts_and_sku_tokens():
    assert letter_digit_parts("128gb") == ["128", "gb"]
    assert letter_digit_parts("x8pro") == ["x", "8", "pro"]
    assert sku_tokens("Take PX8-128 or pb_20k.v2, not 'é'") == ["Take", "PX8-128", "or", "pb_20k.v2", "not"]


def test_a_russian_or_vietnamese_need_is_compared_by_its_words():
    from agent.policy.context import same_need

    assert same_need("батарея садится к обеду", "у меня батарея садится к обеду")
    assert not same_need("батарея садится к обеду", "экран слишком маленький")
    assert same_need("pin hết nhanh quá", "pin của tôi hết nhanh quá")
    assert not same_need("pin hết nhanh quá", "màn hình quá nhỏ")


# --- no module grows its own tokenizer or locale parser again ------------------------------------------------
# A raw string that *starts* with a repeated word class is a tokenizer: r"[a-z0-9]+", r"\w+", r"[^\W_]+", r"[\w']+".
# (A negated ASCII class, r"[^0-9a-z]+", is a separator, as in a URL slug, and is left alone.)
_TOKENIZER = re.compile(r"""\br(["'])(?:\[(?:\^\\W|(?!\^)[^\]]*?(?:a-z|A-Z|0-9|\\w))[^\]]*\]|\\w)[+*]""")
_LOCALE_PARSER = re.compile(
    r"""\.split\(["'][-_]["']\)\[0\]|(?:locale|lang)\w*\)?\.(?:lower\(\)\.)?replace\(["']_["'],\s*["']-["']\)"""
)
# Documented exceptions: the toolkit itself, and the glossary's translation tokenizer, which must keep numbers
# with their separators, hyphenated compounds and elisions ("l'eau") whole to match multi-word glossary phrases,
# and must not casefold "ß" away before its German lookups.
_ALLOWED = {"knowledge/text.py", "agent/glossary.py"}


def _sources():
    for pkg in ("agent", "knowledge", "api", "evals"):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in _ALLOWED:
                yield rel, path.read_text(encoding="utf-8")


def test_no_module_defines_its_own_tokenizer_or_locale_parser():
    found = []
    for rel, text in _sources():
        for n, line in enumerate(text.splitlines(), 1):
            if _TOKENIZER.search(line) or _LOCALE_PARSER.search(line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == [], "use knowledge.text (words, lang_of, SKU_TOKEN) instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "line",
    ['_WORD = re.compile(r"[a-z0-9]+")', 'x = re.findall(r"\\w+", s)', '_T = re.compile(r"[^\\W_]+", re.UNICODE)',
     "re.findall(r\"[\\w']+\", s)", 'lang = (locale or "").split("-")[0]', 'locale.replace("_", "-")'],
)
def test_the_guard_catches_the_old_forms(line):
    assert _TOKENIZER.search(line) or _LOCALE_PARSER.search(line)


def test_attribute_keys_from_any_script():
    from knowledge.importers.values import snake_key

    assert snake_key("Storage Size") == "storage_size"
    assert snake_key("Battery (mAh)") == "battery_mah"
    assert snake_key("Цвет корпуса") == "цвет_корпуса"  # was "" -> the raw name before the toolkit
    assert snake_key("Kích thước") == "kích_thước"
