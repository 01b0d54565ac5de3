"""Answers a shopper's product question from catalog attributes, descriptions and compatibility lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agent.glossary import to_english
from agent.i18n.messages import phrase
from agent.reply.grounding import find_claims, find_prices
from agent.reply.pressure import find_pressure
from knowledge.models import Product
from knowledge.text import words as _words
from knowledge.promo_words import clean_display_name
from knowledge.text import LANGUAGES


def display_name(name: str) -> str:
    """What a reply calls a product: its catalog name without a promotional clause ("this item" if it is all one).

    Catalog text is data, never copy: "Lantern – FREE today only, 90% off" is called "Lantern".
    """
    return clean_display_name(name) or "this item"


_QUESTION_START = re.compile(
    r"^\s*(?:does|do|is|are|can|could|will|would|how|what|which|has|have|tell me|any idea"
    r"|cuánto|cuanto|cuál|cual|qué|que|tiene|tienen|es|hay|venden|wie|welche[rsn]?|ist|hat|haben|gibt|verkaufen"
    r"|combien|quel(?:le)?s?|est-ce|avez|vendez|y a-t-il|сколько|какой|какие|есть|ли|bao nhiêu|có)\b",
    re.I,
)
_COMPAT = re.compile(r"\b(?:fits?|fitting|compatible|work(?:s)? with|go(?:es)? with|suitable for|for my)\b", re.I)

# Unit suffixes of attribute keys: storage_gb -> "GB", weight_g -> "g".
_UNITS = {
    "gb": "GB", "tb": "TB", "mb": "MB", "g": "g", "kg": "kg", "mah": "mAh", "wh": "Wh", "w": "W",
    "mm": "mm", "cm": "cm", "in": "-inch", "inch": "-inch", "h": "hours", "hours": "hours", "hrs": "hours",
    "m": "m", "ml": "ml", "l": "l", "hz": "Hz", "mp": "MP", "months": "months", "years": "years",
}

#: Words asking for colours, in the six languages (the glossary does not translate them).
COLOR_WORDS = re.compile(
    r"\bcolou?rs?\b|\bcolou?red\b|\bcolor(?:es)?\b|\bfarben?\b|\bcouleurs?\b|\bцвет\w*|\bmàu\b", re.I
)
#: Words asking for sizes, in the six languages.
SIZE_WORDS = re.compile(r"\bsizes?\b|\btallas?\b|\btamaños?\b|\bgrö(?:ß|ss)en?\b|\btailles?\b|\bразмер\w*|\bcỡ\b", re.I)

# (aspect, words in the question, attribute-key fragments, message key of the sentence)
_ASPECTS: list[tuple[str, re.Pattern[str], tuple[str, ...], str]] = [
    ("weight", re.compile(r"\bweigh\w*|\bheavy\b|\bheavier\b|\blight(?:er|weight)?\b", re.I), ("weight",),
     "fact.weight"),
    ("battery", re.compile(r"\bbattery\b|\bmah\b|\bcapacity\b|\bhow long\b.*\blast\b|\bcharges?\b", re.I),
     ("battery", "capacity", "mah"), "fact.battery"),
    ("storage", re.compile(r"\bstorage\b|\bgb\b|\bspace\b|\bmemory\b|\bhow much\b.*\bhold\b", re.I),
     ("storage", "memory", "capacity_gb"), "fact.storage"),
    ("screen", re.compile(r"\bscreen\b|\bdisplay\b", re.I), ("screen", "display"), "fact.screen"),
    ("color", COLOR_WORDS, ("color", "colour"), "fact.color"),
    ("size", re.compile(r"\bsize\b|\bdimensions?\b|\bhow big\b|\bhow long is\b|" + SIZE_WORDS.pattern, re.I),
     ("size", "dimension", "length", "width", "height"), "fact.size"),
    ("material", re.compile(r"\bmade of\b|\bmaterial\b", re.I), ("material",), "fact.material"),
    ("warranty", re.compile(r"\bwarranty\b|\bguarantee\b", re.I), ("warranty",), "fact.warranty"),
    ("power", re.compile(r"\bwatts?\b|\bpower\b(?!\s*banks?)|\boutput\b|\bhow fast\b", re.I),
     ("output", "power", "watt"),
     "fact.power"),
    ("water", re.compile(r"\bwater\w*\b|\bsplash\w*\b|\bip\d\d\b|\brain\b", re.I), ("water", "ip_rating", "ip"),
     "fact.water"),
]


# Question words that name a boolean attribute differently from its key.
_SYNONYMS = {
    "waterproof": ("water", "resistant", "waterproof"),
    "splashproof": ("water", "resistant"),
    "qi": ("wireless", "charging"),
    "bluetooth": ("bluetooth", "wireless"),
}


def _question_words(message: str) -> set[str]:
    """The message's words, plus synonyms and joined neighbours ("power bank" -> "powerbank")."""
    words = _words(message)
    out = set(words)
    for w in words:
        out.update(_SYNONYMS.get(w, ()))
    out.update(a + b for a, b in zip(words, words[1:]))
    return out


def looks_like_question(message: str) -> bool:
    """A question mark, or a sentence opening like "does", "is", "how"."""
    return "?" in message or bool(_QUESTION_START.search(message))


def _split_key(key: str) -> tuple[str, str | None]:
    """``weight_g`` -> ("weight", "g"); ``battery_mah`` -> ("battery", "mAh"); unit-less keys keep their words."""
    parts = key.lower().split("_")
    if len(parts) > 1 and parts[-1] in _UNITS:
        return " ".join(parts[:-1]), _UNITS[parts[-1]]
    return " ".join(parts), None


def format_value(key: str, value: Any) -> str:
    """An attribute value with its unit: (weight_g, 187) -> "187 g", (screen_in, 6.1) -> "6.1-inch"."""
    _, unit = _split_key(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    if unit is None:
        return str(value)
    if unit.startswith("-"):
        return f"{value}{unit}"
    return f"{value} {unit}"


def mention_score(product: Product, words: set[str]) -> int:
    """How clearly the message names this product: sku, or distinctive words of its name/family."""
    if product.sku.lower() in words:
        return 100
    base = re.sub(r"\(.*?\)", " ", product.name)
    name_words = set(_words(base)) | set(_words(product.family or "")) | set(_words(product.category_path[-1]))
    distinctive = {w for w in name_words if any(c.isdigit() for c in w) or len(w) >= 4}
    hits = len(distinctive & words) * 2 + len((name_words - distinctive) & words)
    return hits


def _pick(products: Sequence[Product], words: set[str], need: Any = None) -> Product | None:
    """The product the question is about: the best-named one, else the first (the one in focus); None when that
    product lacks what ``need`` asks for. An unnamed "it" never moves on to another product that happens to have the
    fact (a memory card's capacity for "does its battery run down fast?" about the camera)."""
    if not products:
        return None
    scores = [mention_score(p, words) for p in products]
    named = [products[i] for i in sorted(range(len(products)), key=lambda i: (-scores[i], i)) if scores[i] > 0]
    subjects = named or [products[0]]
    return next((p for p in subjects if need is None or need(p)), None)


def _feature_question(wordset: set[str], products: Sequence[Product], lang: str | None = None) -> str | None:
    """Yes/no questions about a boolean attribute ("does it have wireless charging?")."""
    stems = {w[:5] for w in wordset}
    best: tuple[int, str] | None = None
    for p in products:
        for key, value in p.attributes.items():
            if not isinstance(value, bool):
                continue
            kw = _split_key(key)[0].split()
            # Stem match keeps "charge"/"charging", "waterproof"/"waterproofing" together.
            if kw and all(k in wordset or k[:5] in stems for k in kw):
                if best is None or len(kw) > best[0]:
                    best = (len(kw), key)
    if best is None:
        return None
    key = best[1]
    feature = _split_key(key)[0]
    target = _pick(products, wordset)
    assert target is not None
    name = display_name(target.name)
    if key not in target.attributes:
        return phrase(lang, "feature.unknown", name=name, feature=feature)
    answer = "yes" if target.attributes[key] else "no"
    return phrase(lang, f"feature.{answer}.{_verb(feature)}", name=name, feature=feature)


def _verb(feature: str) -> str:
    """How English says the feature: "is waterproof", "supports wireless charging", "has a stylus"."""
    if feature.endswith(("proof", "resistant", "compatible", "foldable", "wireless")) or feature.startswith("is "):
        return "is"
    if re.search(r"charg|support|bluetooth|nfc|5g|wifi|wi fi|usb|dual sim|esim|stylus|fast", feature):
        return "supports"
    return "has"


def _aspect_answers(message: str, words: set[str], products: Sequence[Product], lang: str | None = None) -> list[str]:
    """Answers about measured attributes, one per aspect asked: weight, battery, storage, screen, colour, size ..."""
    out: list[str] = []
    for _aspect, trigger, fragments, template in _ASPECTS:
        if not trigger.search(message):
            continue

        def has_aspect(p: Product, fragments: tuple[str, ...] = fragments) -> bool:
            return any(_matches(k, fragments) and not isinstance(v, bool) for k, v in p.attributes.items())

        target = _pick(products, words, has_aspect)
        if target is None:
            continue
        key, value = next((k, v) for k, v in target.attributes.items() if _matches(k, fragments) and not isinstance(v, bool))
        label = _split_key(key)[0]
        out.append(phrase(lang, template, name=display_name(target.name), value=format_value(key, value), label=label))
    return out


def _matches(key: str, fragments: tuple[str, ...]) -> bool:
    k = key.lower()
    return any(k == f or k.startswith(f + "_") or f in k.split("_") or (len(f) > 3 and f in k) for f in fragments)


def _selector_label(selector: str, products: Sequence[Product]) -> str:
    kind, _, value = selector.partition(":")
    if not value:  # a plain sku
        named = next((display_name(p.name) for p in products if p.sku == selector), None)
        return named or selector
    if kind == "family":
        # Name the family as the shopper sees it: a member's name without its variant part.
        member = next((p for p in products if (p.family or "").lower() == value.lower()), None)
        if member is not None:
            return re.sub(r"\s*\(.*?\)\s*", " ", display_name(member.name)).strip()
    return value.replace("-", " ").replace("_", " ")


def selector_matches(selector: str, product: Product) -> bool:
    """Whether a ``compatible_with`` selector (a sku, ``family:x`` or ``category:x``) covers ``product``."""
    kind, _, value = selector.partition(":")
    if not value:
        return product.sku == selector
    if kind == "family":
        return (product.family or "").lower() == value.lower()
    if kind == "category":
        v = value.lower()
        cat = product.category.lower()
        return cat == v or cat.startswith(v + " >") or cat.split(">")[-1].strip() == v
    return False


def _label_named(label: str, words: set[str]) -> bool:
    lw = _words(label)
    if lw and all(w in words for w in lw):
        return True
    return any(any(c.isdigit() for c in w) and any(c.isalpha() for c in w) and w in words for w in lw)


def _compatibility_question(
    message: str, wordset: set[str], products: Sequence[Product], lang: str | None = None
) -> str | None:
    """"Does the case fit the X8?": answered from the accessory's ``compatible_with`` selectors."""
    if not _COMPAT.search(message):
        return None
    # The accessory asked about: the one in focus, or one the question names. Another product that happens to
    # list compatibility is not what "does the bracket fit ...?" asks about.
    focus = products[0]
    accessory = _pick(
        products, wordset, lambda p: bool(p.compatible_with) and (p is focus or mention_score(p, wordset) > 0)
    )
    if accessory is None:
        return None
    others = [p for p in products if p.sku != accessory.sku]
    named = [p for p in others if mention_score(p, wordset) >= 2]
    for p in sorted(named, key=lambda p: -mention_score(p, wordset)):
        if any(selector_matches(s, p) for s in accessory.compatible_with):
            return phrase(lang, "compat.fits", name=display_name(accessory.name), other=display_name(p.name))
    labels = [_selector_label(s, products) for s in accessory.compatible_with]
    for label in labels:
        if _label_named(label, wordset):
            return phrase(lang, "compat.made_for", name=display_name(accessory.name), label=label)
    listed = ", ".join(labels[:4])
    if named:
        other = display_name(named[0].name)
        return phrase(lang, "compat.not_listed", name=display_name(accessory.name), listed=listed, other=other)
    return phrase(lang, "compat.listed", name=display_name(accessory.name), listed=listed)


_STOP = set(
    "a an the it its is are was be do does did can could will would how what which who has have had of to in on"
    " for with and or my me i you your this that there any about tell much many long".split()
)


def _description_answer(words: set[str], products: Sequence[Product], lang: str | None = None) -> str | None:
    """A description sentence sharing at least two content words with the question, quoted as the shop's text.

    Sentences with a price, a discount/free claim or pressure wording are skipped: descriptions are
    untrusted text (they may carry injected instructions).
    """
    content = {w for w in words if w not in _STOP and len(w) > 2}
    if len(content) < 2:
        return None
    target = _pick(products, words, lambda p: bool(p.description))
    if target is None:
        return None
    best: tuple[int, str] | None = None
    for sentence in re.split(r"(?<=[.!?])\s+", re.sub(r"<[^>]+>", " ", target.description)):
        sentence = " ".join(sentence.split())
        overlap = len(content & set(_words(sentence)))
        if overlap >= 2 and len(sentence) <= 300 and (best is None or overlap > best[0]):
            if find_prices(sentence) or find_claims(sentence) or find_pressure(sentence):
                continue
            if re.search(r"\b(?:ignore|instruction|system|prompt)\b", sentence, re.I):
                continue
            best = (overlap, sentence)
    if best is None:
        return None
    return phrase(lang, "desc.quote", name=display_name(target.name), sentence=best[1])


def readable(message: str, lang: str | None = None) -> str:
    """The message with the glossary's English keywords added, so one set of triggers reads all six languages."""
    if lang is None or lang == "en" or lang not in LANGUAGES:
        return message
    english = to_english(message, lang)
    return message if english == message else f"{message} {english}"


def answer_question(message: str, products: Sequence[Product], lang: str | None = None) -> str | None:
    """An answer to a product question from the products' data (every part of it), or None if we cannot answer.

    ``products`` are the relevant products, the one in focus first ("it" refers to it unless the message
    names another one). "How heavy is it and is it waterproof?" gets both facts. ``lang`` is the reply language.
    """
    if not products or not looks_like_question(message):
        return None
    message = readable(message, lang)
    words = _question_words(message)
    compat = _compatibility_question(message, words, products, lang)
    if compat:
        return compat
    found = [_feature_question(words, products, lang), *_aspect_answers(message, words, products, lang)]
    parts = [a for a in found if a]
    parts = list(dict.fromkeys(parts))
    return " ".join(parts) if parts else _description_answer(words, products, lang)


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_price(amount: float, currency: str = "USD") -> str:
    """A price as shoppers read it and as the grounding check parses it: $39, $39.99, €1,299, 120 CHF."""
    cents = round(amount * 100)
    whole = f"{cents // 100:,}"
    text = whole if cents % 100 == 0 else f"{whole}.{cents % 100:02d}"
    symbol = _SYMBOLS.get(currency.upper())
    return f"{symbol}{text}" if symbol else f"{text} {currency.upper()}"
