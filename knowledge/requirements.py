"""What a product needs and does not come with, read from its own text: "battery and charger not included",
"Sticks not included.", "Tray and newborn set sold separately", "(Bare Tool)".

An accessory that supplies such a part completes the item: the strongest add-on there is while the cart lacks
it (knowledge.relations marks it ``Relation.required``). Parts are matched by name words, so a "Drumsticks,
Pair" supplies "sticks" and a "Starter Kit: 4.0Ah Battery + Rapid Charger" supplies both a battery and a charger.
"""

from __future__ import annotations

import re

from knowledge.models import Product
from knowledge.text import content_words, words

# "<parts> (are) not included", "<parts> sold separately", "<parts> (not included)": the trigger is found first,
# then the parts are the words before it back to the last sentence or clause mark.
_TRIGGER = re.compile(r"(?:\(\s*)?(?:(?:is|are)\s+)?(?:not\s+included|sold\s+separately)\b", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[.;:!?()\n]")
# A cordless tool sold without power: the trade's own term.
_BARE_TOOL = re.compile(r"\bbare[\s-]+tool\b", re.IGNORECASE)
_BARE_TOOL_PARTS = frozenset({"battery", "charger"})
# Words in a parts phrase that name no part ("sold as a bare tool: battery and charger are not included").
# Boilerplate names no part either ("spare parts and accessories are sold separately").
_NOT_PARTS = frozenset({
    "sold", "bare", "tool", "set", "pair", "pack", "kit", "separately", "included",
    "part", "accessory", "spare", "option", "extra", "item", "product",
})
_AND = re.compile(r"\s*(?:,|&|\+|/|\band\b|\bor\b|\bplus\b)\s*", re.IGNORECASE)


def _singular(word: str) -> str:
    """A plural's singular, enough to match part names ("batteries" -> "battery", "sticks" -> "stick")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


# "needs an air pump and airline", "requires a 2.4 GHz network": what it cannot work without, unless that comes in the
# box ("needs two AAA batteries (included)").
_NEEDS = re.compile(r"\b(?:needs|requires|require)\s+(?!no\b|nothing\b|neither\b|not\b|zero\b|only\b)"
                    r"(?:an?\s+|the\s+|two\s+|one\s+|\d+\s*x?\s*)?(?P<what>[^.;:!?()\n]{3,60})",
                    re.IGNORECASE)
_INCLUDED = re.compile(r"\b(?:included|includes|supplied|comes\s+with|in\s+the\s+box)\b", re.IGNORECASE)
# Where the part's name ends and what qualifies it begins ("a hub to work with the app").
_QUALIFIER = re.compile(r"\s(?:to|for|with|that|which|so|when|if|in|on|from)\s", re.IGNORECASE)
# An attribute saying so: ``needs_air_pump: true``, ``requires_hub: true``.
_NEED_KEY = frozenset({"needs", "requires", "need", "require"})


def _part_heads(phrase: str) -> set[str]:
    """The head noun of each coordinated part, singular: "GreenLine 36V batteries" -> battery, "tray and newborn
    set" -> tray (a "set" names no part)."""
    out: set[str] = set()
    for piece in _AND.split(phrase):
        piece_words = [w for w in content_words(piece, "en") if w.isalpha()]
        if piece_words and _singular(piece_words[-1]) not in _NOT_PARTS:
            out.add(_singular(piece_words[-1]))
    return out


def _needed(product: Product) -> set[str]:
    """Parts the product says it needs to work, from its text and its needs_*/requires_* flags."""
    parts: set[str] = set()
    text = product.description or ""
    for m in _NEEDS.finditer(text):
        rest = text[m.end() : m.end() + 40]
        if _INCLUDED.search(m.group("what")) or _INCLUDED.match(rest.lstrip(" ,(")):
            continue
        parts |= _part_heads(_QUALIFIER.split(m.group("what"), maxsplit=1)[0])
    for key, value in product.attributes.items():
        key_words = [w for w in words(key.replace("_", " ")) if w.isalpha()]
        if value is True and len(key_words) >= 2 and key_words[0].lower() in _NEED_KEY:
            parts.add(_singular(key_words[-1]))
    return parts


def missing_parts(product: Product) -> frozenset[str]:
    """The parts the product says it comes without or needs to work, as singular words; empty for most products."""
    text = f"{product.name}. {product.description or ''}"
    low = text.lower()
    needed = _needed(product)
    if "not included" not in low and "separately" not in low and "bare" not in low:
        return frozenset(needed)
    parts: set[str] = set(needed)
    for m in _TRIGGER.finditer(text):
        before = text[max(0, m.start() - 60) : m.start()]
        marks = list(_CLAUSE_MARK.finditer(before))
        what = before[marks[-1].end() :] if marks else before
        parts |= _part_heads(what)
    if _BARE_TOOL.search(text):
        parts |= _BARE_TOOL_PARTS
    return frozenset(parts)


def lacking_parts(held: list[Product]) -> frozenset[str]:
    """The parts some held item comes without that no other held item supplies."""
    out: set[str] = set()
    for p in held:
        out |= {part for part in missing_parts(p) if not any(supplies(o, frozenset({part})) for o in held)}
    return frozenset(out)


def names_part(text: str, parts: frozenset[str]) -> bool:
    """Whether ``text`` names one of the parts ("a memory card", "batteries")."""
    return any(_singular(w).endswith(part) for w in words(text) if w.isalpha() for part in parts)


def supplies(accessory: Product, parts: frozenset[str]) -> bool:
    """Whether the accessory's name names one of the parts (a name word ending in it: "drumsticks" -> "stick")."""
    if not parts:
        return False
    names = [_singular(w) for w in words(accessory.name) if w.isalpha()]
    return any(n.endswith(part) for n in names for part in parts)
