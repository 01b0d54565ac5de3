"""Shopper-facing messages by key from the gettext catalogs, in the reply language, with deterministic variety.

Keys, not English sentences, are the msgids (``offer.cross``): the English wording lives in ``en``'s catalog like
every other language's, so no user-facing sentence sits in code. A key may have phrasings ``key``, ``key#2``,
``key#3`` ...; :func:`phrase` picks one from a seed (session and turn), so a conversation does not repeat itself
and the same turn always reads the same. The .po files are parsed with Babel on first use (no .mo to build, no
network); a key missing in a language falls back to English, and a key missing in English is an error.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from knowledge.text import LANGUAGES

LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "cartwise"
DEFAULT = "en"
_FIELD = re.compile(r"\{(\w+)\}")


class CatalogError(ValueError):
    """A catalog that cannot serve: unreadable, or a translation whose fields differ from the English."""


def catalog_path(lang: str) -> Path:
    """Where ``lang``'s catalog lives."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGUAGES))
def load_catalog(lang: str) -> dict[str, str]:
    """The translated messages of one language, key -> text (untranslated and fuzzy entries left out)."""
    path = catalog_path(lang)
    try:
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang, domain=DOMAIN, abort_invalid=True)
    except (OSError, ValueError, PoFileError) as e:
        raise CatalogError(f"{path}: cannot read the catalog: {e}") from e
    out: dict[str, str] = {}
    for m in catalog:
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string and not m.fuzzy:
            out[m.id] = m.string
    return out


def fields(text: str) -> set[str]:
    """The ``{field}`` names a message fills in."""
    return set(_FIELD.findall(text))


def _language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT


def variants(lang: str | None, key: str) -> list[str]:
    """Every phrasing of ``key`` in ``lang`` (``key``, ``key#2`` ...), English ones when the language has none."""
    for code in (_language(lang), DEFAULT):
        messages = load_catalog(code)
        found = [messages[k] for k in _variant_keys(key, messages)]
        if found:
            return found
    raise KeyError(f"no message {key!r} in {catalog_path(DEFAULT)}")


def _variant_keys(key: str, messages: dict[str, str]) -> list[str]:
    keys = [key] if key in messages else []
    n = 2
    while f"{key}#{n}" in messages:
        keys.append(f"{key}#{n}")
        n += 1
    return keys


def pick(options: list[str], seed: str, key: str) -> str:
    """One of ``options``, chosen by a stable hash of ``seed`` and ``key``; the first one when there is no seed."""
    if not seed or len(options) == 1:
        return options[0]
    digest = hashlib.sha256(f"{seed}|{key}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def phrase(lang: str | None, key: str, seed: str = "", **values: object) -> str:
    """The message ``key`` in ``lang`` with its fields filled in, one phrasing chosen by ``seed``."""
    text = pick(variants(lang, key), seed, key)
    return text.format(**values)


def has(lang: str | None, key: str) -> bool:
    """Whether ``key`` exists (in ``lang`` or in English)."""
    return any(_variant_keys(key, load_catalog(code)) for code in (_language(lang), DEFAULT))
