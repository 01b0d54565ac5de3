"""A question asking which of a kind of add-on to get: "which spare blades fit this cutter?", "what card does it
need?", "do you have spare blades for it?".

The store knows what goes with an item: curated cross-sells and the accessories whose selectors pick it
(knowledge.relations). A shopper asking *which* thing of one of those kinds to get, or whether the store has one
(by the noun its products' names say they are), is asking how to get one; the honest answer names the ones that
fit. A yes/no question about a part ("does it come with stakes?", "is the lock built in?") asks a fact and is
answered, not sold to (unless the catalog says the part is missing: agent.signals.part_ask); so is a question about
the item's own kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.affinity import stem, text_stems
from agent.candidates.competitors import name_head
from agent.schemas import Signal
from knowledge.models import Product
from knowledge.text import words

#: How sure a kind ask is: as sure as a question about a part the item lacks (agent.signals.part_ask).
KIND_ASK_CONFIDENCE = 0.7
#: Relations that say an add-on is made for the item (curated 1.0, compatible 0.9); co-purchases are looser.
MADE_FOR_STRENGTH = 0.9
_NOT_ASKING = frozenset({"support", "decline", "accept", "purchase_intent"})
#: "which …" / "what …" / "do you have …": the words after it (up to three) name the kind of thing asked for.
_WHICH = re.compile(
    r"\b(?:which|what|do\s+you\s+(?:have|sell|carry|stock)|have\s+you\s+got|got\s+any)((?:\s+[^\W\d_][\w'-]*){1,3})",
    re.IGNORECASE,
)


def which_words(text: str) -> set[str]:
    """Stems of the words a "which/what …" phrase of the text asks about ("which spare blades fit" -> spare,
    blade, fit)."""
    return {stem(w) for m in _WHICH.finditer(text) for w in words(m.group(1))}


def made_for_kinds(held: list[Product], addons: Callable[[str], list[Product]]) -> set[str]:
    """Stems of the kinds of add-on made for the held items, without the held items' own kinds."""
    mine = {name_head(p) for p in held}
    out = {name_head(a) for p in held for a in addons(p.sku)}
    return out - mine - {""}


def mark_kind_asks(signals: list[Signal], kinds: set[str], english: Callable[[str], str]) -> list[Signal]:
    """``signals`` plus a need for each question asking which of ``kinds`` (made_for_kinds of what the shopper
    holds) to get; ``english`` gives the English words of a text ("" when unsure)."""
    if not kinds or any(s.type in _NOT_ASKING for s in signals):
        return signals
    questions = [s for s in signals if s.type == "question"]
    if not questions or any(s.type == "need" for s in signals):
        return signals
    # An amount to add ("I can only add 10 more") says they mean to buy: a question naming one of the kinds anywhere
    # ("it needs AA batteries, right?") asks for one.
    adding = any(s.type == "budget" and s.scope == "extra" for s in signals)
    added = [
        Signal(type="need", text=q.text, confidence=KIND_ASK_CONFIDENCE)
        for q in questions
        if (which_words(q.text) | which_words(english(q.text))) & kinds
        or adding and names_made_for_kind(q.text, kinds, english)
    ]
    return [*signals, *added]


def names_made_for_kind(text: str, kinds: set[str], english: Callable[[str], str]) -> bool:
    """Whether the text names one of ``kinds`` (made_for_kinds of what the shopper holds) anywhere ("doesn't it
    come with a charger?")."""
    return bool(kinds and text_stems(f"{text} {english(text)}") & kinds)
