"""A need that names a kind of thing the store has: "a second build sheet", "a dust cover or a carry bag".

When a need's words are a noun phrase ("a …", "another …", "some …") ending on the kind some candidate add-on
says it is (the noun its name ends on: agent.candidates.competitors.name_head), the shopper has said what they
want. Another kind of add-on does not answer that need, however near its topic: glue sticks shelved with the build
plates are no build sheet. If every product of the named kind is refused (out of stock, too dear), the honest
answer is none of them, not the next thing on the shelf. A merchant's bundle is of the kinds of its components.
A need led by a verb ("connect two monitors") names what they do, not what they want.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable

from agent.affinity import stem
from agent.candidates.competitors import name_head
from knowledge.catalog import Catalog
from knowledge.models import Product
from knowledge.text import words

# The phrases of a need: alternatives and lists ("a dust cover or a carry bag", "a bag and a spare battery").
_PARTS = re.compile(r"\s(?:or|and|plus)\s|[,;/]", re.IGNORECASE)
# Where the phrase naming the thing ends: what follows qualifies it ("a carry bag that fits this machine", "a
# sheet so I can swap it", "a lamp for reading").
_PHRASE_END = re.compile(
    r"\s(?:that|which|who|so|to|for|with|from|in|on|at|of|because|but|if|when|while|like)\s|[.!?]", re.IGNORECASE
)
# Words a noun phrase naming a thing wanted opens with.
_DETERMINERS = frozenset("a an another some any one two three second spare extra new".split())
# The same in the other shop languages (Russian has no articles): a need in the shopper's words that opens with
# one names a thing, and its English words (agent.retrieval.affinity_words, which drops them) are that thing.
_OTHER_DETERMINERS = frozenset(
    "un una unos unas otro otra otros otras algún alguna algunos algunas "  # es
    "ein eine einen einem einer noch weitere weiteren zweite zweiten "  # de
    "une des du autre d' "  # fr
    "một thêm cái chiếc bộ".split()  # vi
)


def opens_with_determiner(text: str) -> bool:
    """Whether a need in the shopper's own words opens with a determiner of one of the shop languages ("un
    filtre pour ce bac", "eine Hülle", "một cái ốp")."""
    ws = text.strip().casefold().replace("’", "'").split()
    return bool(ws) and (ws[0] in _OTHER_DETERMINERS or ws[0].startswith("d'"))


def phrase_heads(need_en: str) -> set[str]:
    """Stems of the nouns that end a need's noun phrases ("a dust cover or a carry bag that fits" -> cover, bag);
    nothing when a part of it is led by anything else ("connect two monitors", "more storage and a bag"): that
    part asks for something no kind was named for."""
    out: set[str] = set()
    qualifying = False  # the part before went on to say what its thing is for
    for part in _PARTS.split(need_en):
        pieces = _PHRASE_END.split(part, maxsplit=1)
        ws = words(pieces[0])
        if not ws:
            continue
        if len(ws) < 2 or ws[0].casefold() not in _DETERMINERS:
            if qualifying:
                break  # still what the thing is for: "a little bag to keep it and the combs together"
            return set()
        out.add(stem(ws[-1]))
        qualifying = len(pieces) > 1
    return out


def need_heads(need_en: str, said: str = "") -> set[str]:
    """:func:`phrase_heads` of a need read in English; ``said`` is the need in the shopper's words when ``need_en``
    translates them (a translation keeps the thing, not its article)."""
    if said and said != need_en and opens_with_determiner(said) and need_en.strip():
        need_en = f"a {need_en.strip()}"
    return phrase_heads(need_en)


#: A need asking for a thing made to fit what the shopper holds: "a cover that fits this machine", "a case for it".
_FITS_HELD = re.compile(
    r"\b(?:fits?|fitting|made\s+for|compatible\s+with|for)\s+(?:this|that|these|those|it|them)\b(?!\s+(?:is|was))",
    re.IGNORECASE,
)


def searched_kinds(need_en: str, said: str = "") -> set[str]:
    """The kinds a need names that a search hit of that kind answers even when linked to nothing held: none when
    the thing must fit the item ("a carry bag that fits this machine": only a linked product is known to)."""
    return set() if _FITS_HELD.search(need_en) else need_heads(need_en, said)


_SOLD: "weakref.WeakKeyDictionary[Catalog, frozenset[str]]" = weakref.WeakKeyDictionary()
_SOLD_LOCK = threading.Lock()


def sold_kinds(catalog: Catalog) -> frozenset[str]:
    """Every kind of thing the store sells (the nouns its product names end on), read once per catalog."""
    with _SOLD_LOCK:
        hit = _SOLD.get(catalog)
    if hit is None:
        hit = frozenset(name_head(p) for p in catalog) - {""}
        with _SOLD_LOCK:
            _SOLD[catalog] = hit
    return hit


def named_kinds(
    need_en: str,
    addons: list[Product],
    held: list[Product],
    kinds: Callable[[Product], set[str]],
    said: str = "",
    sold: frozenset[str] = frozenset(),
) -> set[str]:
    """The kinds a need names by its words, among ``addons`` and the kinds the store sells (``sold``), leaving out
    the kinds of the items held (a need about "another printer" names what they have, not an add-on). ``said`` is
    the need in the shopper's words when ``need_en`` is a translation of them. A kind the store sells but none of
    the add-ons found is named all the same: then nothing found answers ("a carry bag" is not a pack of bobbins)."""
    offered = set(sold).union(*(kinds(p) for p in addons)) if addons else set(sold)
    mine = set().union(*(kinds(p) for p in held)) if held else set()
    return need_heads(need_en, said) & (offered - mine - {""})


def product_kinds(lookup: Callable[[str], Product | None]) -> Callable[[Product], set[str]]:
    """What kinds a product is: the noun its name ends on, and for a bundle its components' too."""

    def kinds(p: Product) -> set[str]:
        parts = [lookup(sku) for sku in p.bundle_of]
        return {name_head(p)} | {name_head(c) for c in parts if c is not None}

    return kinds


#: A translated need this short is the thing asked for, whatever its word order ("мышку полегче" -> "mouse").
_SHORT_NEED = 3


def names_own_kind(need_en: str, said: str, focus: Product) -> bool:
    """Whether a need asks for the item's own kind: its noun phrase ends on it ("a lighter mouse"), or, translated,
    it is a few words holding it ("мышку полегче" -> "mouse")."""
    kind = name_head(focus)
    if not kind:
        return False
    if kind in phrase_heads(need_en):
        return True
    translated = said.strip() != need_en.strip()
    stems = [stem(w) for w in words(need_en)]
    return translated and 0 < len(stems) <= _SHORT_NEED and kind in stems
