"""The message catalogs: six complete .po files, fields that match English, no pressure or claim wording, and no
user-facing sentence left in the reply writer's code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from agent.i18n.messages import (
    CatalogError,
    catalog_path,
    fields,
    load_catalog,
    phrase,
    pick,
    variants,
)
from agent.reply.grounding import find_claims
from agent.reply.pressure import find_pressure
from knowledge.text import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = load_catalog("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_every_key_with_the_same_fields(lang):
    messages = load_catalog(lang)
    assert catalog_path(lang).is_file()
    assert set(messages) == set(ENGLISH), f"{catalog_path(lang)}: keys differ from English"
    for key, text in messages.items():
        assert fields(text) == fields(ENGLISH[key]), f"{catalog_path(lang)}: {key} fills other fields than English"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_pressures_or_claims_a_discount(lang):
    for key, text in load_catalog(lang).items():
        if key.startswith("price.promo"):
            # A live promotion's end may be named ("until 3 Dec"): the message always carries the real day.
            assert "{day}" in text and "{regular}" in text, (lang, key, text)
            continue
        assert find_pressure(text) == [], (lang, key, text)
        assert find_claims(text) == [], (lang, key, text)


def test_translations_are_not_english_copies():
    for lang in LANGUAGES:
        if lang == "en":
            continue
        wording = {k: re.sub(r"\{\w+\}", "", v) for k, v in ENGLISH.items()}  # fields are no wording
        same = [k for k, v in load_catalog(lang).items() if v == ENGLISH[k] and len(wording[k].split()) > 2]
        assert same == [], f"{lang}: untranslated {same}"


def test_phrase_fills_fields_and_picks_a_stable_phrasing_per_seed():
    assert phrase("de", "imp.instead", new="900 lumens", old="600") == "900 lumens statt 600"
    options = variants("en", "offer.cross")
    assert len(options) >= 2
    assert pick(options, "", "offer.cross") == options[0]  # no seed: the first phrasing, always
    picked = {pick(options, f"session-{i}:3", "offer.cross") for i in range(40)}
    assert picked == set(options)  # seeds spread over every phrasing
    assert pick(options, "s1:2", "offer.cross") == pick(options, "s1:2", "offer.cross")


def test_unknown_language_falls_back_to_english_and_unknown_key_is_an_error():
    assert phrase("it", "social.thanks") == ENGLISH["social.thanks"]
    with pytest.raises(KeyError, match="no message 'nope'"):
        phrase("en", "nope")


def test_an_unreadable_catalog_names_its_file(tmp_path, monkeypatch):
    import agent.i18n.messages as messages

    bad = tmp_path / "xx" / "LC_MESSAGES"
    bad.mkdir(parents=True)
    (bad / "cartwise.po").write_text('msgid "a"\nmsgstr "b"\ngarbage line\n', encoding="utf-8")
    monkeypatch.setattr(messages, "LOCALES", tmp_path)
    messages.load_catalog.cache_clear()
    try:
        with pytest.raises(CatalogError, match=r"xx/LC_MESSAGES/cartwise.po"):
            messages.load_catalog("xx")
        with pytest.raises(CatalogError, match=r"yy/LC_MESSAGES/cartwise.po"):
            messages.load_catalog("yy")  # missing
    finally:
        monkeypatch.undo()
        messages.load_catalog.cache_clear()


WRITER_MODULES = ["offline.py", "draft.py", "offer_words.py", "catalog_answers.py", "social.py", "facts.py"]


def _sentences_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value.strip()
            # A sentence a shopper would read: several words with a capital start and closing punctuation.
            if len(text.split()) >= 4 and text[:1].isupper() and text[-1:] in ".!?" and "\\b" not in text:
                out.append(text)
    return out


@pytest.mark.parametrize("module", WRITER_MODULES)
def test_the_reply_writer_keeps_no_user_facing_sentence_in_code(module):
    assert _sentences_in(ROOT / "agent" / "reply" / module) == []
