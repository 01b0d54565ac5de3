"""What the shopper said the item must stay or be: "a lighter mouse, but wireless too" keeps ``connection: wireless``;
"a leather cover? only leather" rules out the fabric one.

A replacement differs from the item in focus in its measures (judged by agent.candidates.upgrades) and may differ
in its words: ``connection``, ``material``, ``fit``. When the shopper's message names the focus's value of such an
attribute (or a yes/no feature by its name), that value is something they want kept, and a replacement that
changes it answers no need of theirs, however much lighter or cheaper it is.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator

from agent.affinity import LOOK_KEYS, ProductTerms, text_stems
from agent.candidates.evidence import Found
from knowledge.catalog import Catalog
from knowledge.measures import text_attributes
from knowledge.models import Product


def _word_values(p: Product) -> Iterator[tuple[str, str, frozenset[str]]]:
    """The product's word attributes other than its look, with the stems of each value: (key, value, stems)."""
    # How it looks is what a variant differs in: naming it says which item, not what it must be.
    for key, value in text_attributes(p).items():
        value_words = frozenset(text_stems(value))
        if key.lower() not in LOOK_KEYS and value_words:
            yield key, value, value_words


def said_traits(focus: Product, message_words: set[str]) -> dict[str, object]:
    """The focus's attribute values the message names: word values whose every word it says, and true features
    whose name it says (``waterproof: true`` for "it has to stay waterproof")."""
    out: dict[str, object] = {key: value for key, value, words in _word_values(focus) if words <= message_words}
    for key, value in focus.attributes.items():
        if value is True and text_stems(key.replace("_", " ")) <= message_words:
            out[key] = True
    return out


def keep_said_traits(found: Found, focus: Product | None, message_words: set[str]) -> None:
    """Veto replacements that change what the shopper named of the item in focus."""
    if focus is None:
        return
    kept = said_traits(focus, message_words)
    if not kept:
        return
    for ev in found.values():
        if ev.kind != "upsell" or ProductTerms.of(ev.product).free & message_words:
            # Made without what they named ("no latex please"): the name was of what to avoid, not to keep.
            continue
        attrs = ev.product.attributes
        if any(str(attrs.get(k)).casefold() != str(v).casefold() for k, v in kept.items()):
            ev.vetoed = True
            ev.need, ev.need_signal, ev.improves = 0.0, None, None


def keep_said_addon_traits(found: Found, catalog: Catalog, message_words: set[str]) -> None:
    """An add-on answers a need only in the kind of thing the shopper named when others of its category are that:
    "a leather cover? only leather" is not answered by a fabric folio while the store lists leather covers.

    A value counts when it is a word attribute (``material: leather``, ``type: closed-back``; not a look) of some
    product in the add-on's category and the message says all its words; the add-on must then say it somewhere.
    """
    named_by_category: dict[str, list[frozenset[str]]] = {}
    for ev in found.values():
        if ev.kind != "cross_sell" or ev.need_signal is None:
            continue
        category = ev.product.category
        if category not in named_by_category:
            named = (value for value in category_word_values(catalog, category) if value <= message_words)
            named_by_category[category] = sorted(named, key=sorted)
        named = named_by_category[category]
        if not named:
            continue
        p = ev.product
        own = text_stems(f"{p.name} {p.description or ''} {' '.join(str(v) for v in p.attributes.values())}")
        if not any(value <= own for value in named):
            ev.need, ev.need_signal = 0.0, None


_CATEGORY_VALUES: "weakref.WeakKeyDictionary[Catalog, dict[str, frozenset[frozenset[str]]]]" = (
    weakref.WeakKeyDictionary()
)
_CATEGORY_VALUES_LOCK = threading.Lock()


def category_word_values(catalog: Catalog, category: str) -> frozenset[frozenset[str]]:
    """The stems of the word-attribute values stated in ``category`` (not looks or letter sizes), read once per
    catalog and category: turns only match them against the message."""
    with _CATEGORY_VALUES_LOCK:
        per_category = _CATEGORY_VALUES.setdefault(catalog, {})
        hit = per_category.get(category)
    if hit is None:
        # Sizes ("S", "M", "XL") are letters a message says by chance ("all four of us").
        hit = frozenset(
            words for p in catalog.in_category(category) for _, _, words in _word_values(p)
            if all(len(w) >= 3 for w in words)
        )
        with _CATEGORY_VALUES_LOCK:
            per_category[category] = hit
    return hit
