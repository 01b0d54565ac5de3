"""Answers that look across the catalog, not only at the item in focus: a family's variants, "do you sell X?",
and whether a cheaper version exists. Each returns the sentence and the products it names (the reply checks
then let exactly those through)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from agent.i18n.messages import phrase
from agent.reply.facts import (
    COLOR_WORDS,
    SIZE_WORDS,
    display_name,
    format_price,
    format_value,
    mention_score,
    selector_matches,
)
from agent.signals.variant_ask import named_variant
from knowledge.catalog import Catalog
from knowledge.measures import LOOK_KEYS
from knowledge.models import Product
from knowledge.text import content_words, shared_name_start, words

_CAPACITY_WORDS = re.compile(
    r"\bcapacit(?:y|ies)\b|\bstorage\s+options\b|\bcapacidad(?:es)?\b|\bkapazität(?:en)?\b|\bspeicher\w*|"
    r"\bcapacités?\b|\bобъ[её]м\w*|\bёмкост\w*|\bdung\s+lượng\b",
    re.I,
)
# Which attribute keys answer which variant question.
_VARIANT_KEYS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (COLOR_WORDS, ("color", "colour", "finish", "shade")),
    (SIZE_WORDS, ("size", "volume", "length", "width", "capacity")),
    (_CAPACITY_WORDS, ("storage", "capacity", "memory", "volume")),
]
# "What ... does it come in?", "which options are there?": a question about the family's variants.
_VARIANT_ASK = re.compile(
    r"\bcome\s+in\b|\bavailable\s+in\b|\boptions?\b|\bversions?\b|\bvariants?\b|\bviene\s+en\b|\bdisponible"
    r"|\bopciones\b|\bgibt\s+es\b|\bausführungen\b|\bvarianten\b|\bexiste\b|\bвариант\w*|\bбывает\b|\bcó\s+những\b",
    re.I,
)
_SELL = re.compile(
    r"\bdo\s+you\s+(?:sell|have|carry|stock|do)\b|\bhave\s+you\s+got\b|\bdo\s+you\s+guys\s+(?:sell|have)\b|"
    r"\bvenden\b|\bvendéis\b|\btienen\b|\bverkaufen\s+sie\b|\bhaben\s+sie\b|\bführen\s+sie\b|"
    r"\bgibt\s+es\s+bei\s+ihnen\b|"
    r"\bvous\s+vendez\b|\bvendez-vous\b|\bavez-vous\b|\bvous\s+avez\b|\bу\s+вас\s+(?:есть|продаются)\b|"
    r"\bпродаёте\b|\bпродаете\b|\bcó\s+bán\b|\bbên\s+(?:bạn|shop)\s+có\b|\bshop\s+có\b",
    re.I,
)
# Words of the ask itself, not of the thing asked for.
_ASK_WORDS = frozenset(
    "sell sells carry stock have got guys any some one ones kind kinds for it this that them venden vendéis tienen "
    "algún alguna verkaufen haben führen sie gibt es bei ihnen vendez vous avez продаёте продаете есть у вас bán "
    "bên shop có".split()
)
_CHEAPER = re.compile(
    r"\bcheaper\b|\bless\s+expensive\b|más\s+barat|günstiger|billiger|moins\s+cher|дешевле|rẻ\s+hơn", re.I
)


class Found(BaseModel):
    """A sentence and the catalog products it names."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    text: str
    products: list[Product] = Field(default_factory=list)


def _price(p: Product, catalog: Catalog | None) -> str:
    return format_price(p.price, catalog.currency_of(p) if catalog is not None else p.currency or "USD")


def _join(lang: str | None, items: Sequence[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return phrase(lang, "list.and", a=", ".join(items[:-1]), b=items[-1])


def _family_label(members: Sequence[Product], focus: Product) -> str:
    """The words every member's name starts with ("Nova Phone"), else the focus item's name."""
    label = shared_name_start([display_name(p.name) for p in members], brand=focus.brand)
    return label if len(label) >= 3 else display_name(focus.name)


def _variant_key(message: str, members: Sequence[Product]) -> str | None:
    """The attribute a variant question asks about: one its words name ("storage"), else one of the asked class."""
    asked = set(words(message))
    keys = [k for p in members for k, v in p.attributes.items() if not isinstance(v, bool)]
    keys = list(dict.fromkeys(keys))
    varied = [k for k in keys if len({str(p.attributes.get(k)) for p in members if k in p.attributes}) > 1]
    named = [k for k in varied if set(k.lower().split("_")) & asked]
    if named and (_VARIANT_ASK.search(message) or any(t.search(message) for t, _ in _VARIANT_KEYS)):
        return named[0]
    for trigger, fragments in _VARIANT_KEYS:
        if trigger.search(message):
            found = next((k for k in [*varied, *keys] if any(f in k.lower() for f in fragments)), None)
            if found is not None:
                return found
    return None


def variant_answer(message: str, focus: Product | None, catalog: Catalog | None, lang: str | None) -> Found | None:
    """"What colours does it come in?": the values the focus item's whole family comes in, those in stock first."""
    if focus is None or catalog is None or not focus.family:
        return None
    members = [p for p in catalog.family(focus.family) if p.active] or [focus]
    key = _variant_key(message, members)
    if key is None:
        return None
    stocked: list[str] = []
    out: list[str] = []
    for p in members:
        if key in p.attributes:
            (stocked if p.available else out).append(format_value(key, p.attributes[key]))
    stocked = list(dict.fromkeys(stocked))
    out = [v for v in dict.fromkeys(out) if v not in stocked]
    if len(stocked) + len(out) < 2:
        only = stocked or out
        if not only:
            return None
        return Found(text=phrase(lang, "variants.one", name=display_name(focus.name), values=_join(lang, only)),
                     products=[focus])
    family = _family_label(members, focus)
    text = phrase(lang, "variants.list", family=family, values=_join(lang, stocked)) if stocked else ""
    if out:
        text = f"{text} {phrase(lang, 'variants.out', values=_join(lang, out))}".strip()
    return Found(text=text, products=[focus])


def look_answer(message: str, focus: Product | None, catalog: Catalog | None, lang: str | None) -> Found | None:
    """"Is the sage one better quality?": another look of the item differs only in how it looks, so say so."""
    if catalog is None or focus is None:
        return None
    other = named_variant(message, focus, catalog)
    if other is None:
        return None
    differ = [k for k in focus.attributes.keys() | other.attributes.keys()
              if focus.attributes.get(k) != other.attributes.get(k)]
    looks = sorted(k for k in differ if k.lower() in LOOK_KEYS)
    if not looks or len(looks) != len(differ):
        return None  # it differs in more than its looks: the facts answer says how
    key = looks[0]
    # Named by the family and the look, not by the other product's name: the reply names only what is in play.
    text = phrase(lang, "variants.same_but", family=_family_label([focus, other], focus).rstrip(" ,"),
                  new=format_value(key, other.attributes.get(key)), old=format_value(key, focus.attributes.get(key)))
    return Found(text=text, products=[focus])


def asks_to_buy_kind(message: str) -> bool:
    """Whether the message asks if the shop sells a kind of thing ("do you sell a case for it?")."""
    return bool(_SELL.search(message))


def _named_product(asked: set[str], catalog: Catalog) -> Product | None:
    """A product the message names by a distinctive word ("Nova X7"), active or not: what "for it" then means."""
    best: tuple[int, Product] | None = None
    for p in catalog:
        score = mention_score(p, asked)
        if score >= 4 and (best is None or score > best[0]):
            best = (score, p)
    return best[1] if best else None


def _fits(p: Product, target: Product | None) -> bool:
    if not p.compatible_with:
        return True
    return target is not None and any(selector_matches(s, target) for s in p.compatible_with)


def sell_answer(
    message: str, english: str, focus: Product | None, catalog: Catalog | None, lang: str | None,
    offered: Sequence[str] = (), seed: str = "",
) -> Found | None:
    """"Do you sell X?" answered by a search of the catalog, for the item it is asked for (the one in focus unless
    the message names another).

    One offer per reply holds here too: the product found is named only when it is the turn's offer (or in focus);
    otherwise the answer says the shop has such things (or none that fit) without pitching another one.
    """
    if catalog is None or not asks_to_buy_kind(message):
        return None
    everything = set(words(f"{message} {english}"))
    target = _named_product(everything, catalog) or focus
    named = [p.sku for p in catalog if mention_score(p, everything) >= 4]
    asked = {w for w in content_words(f"{message} {english}") if w not in _ASK_WORDS and len(w) > 2}
    asked -= {w for sku in named[:1] for w in words(catalog.get(sku).name)}  # type: ignore[union-attr]
    if not asked:
        return None
    stems = {w[:5] for w in asked}
    scored: list[tuple[float, int, Product]] = []
    for i, p in enumerate(catalog):
        if not p.available or (target is not None and p.sku == target.sku) or not _fits(p, target):
            continue
        own = set(words(p.name)) | set(words(" ".join(p.category_path))) | set(words(p.family or ""))
        hits = len(asked & own) + 0.5 * len(stems & {w[:5] for w in own if len(w) > 4} - {w[:5] for w in asked & own})
        if hits > 0:
            scored.append((hits + (1.0 if p.compatible_with else 0.0), -i, p))
    if not scored:
        return Found(text=phrase(lang, "sell.none", seed))
    scored.sort(key=lambda t: (-t[0], -t[1]))
    top = [p for score, _, p in scored if score >= scored[0][0] - 0.5]
    offer = next((p for p in top if p.sku in offered), None)
    if offer is None:
        return Found(text=phrase(lang, "sell.some", seed))
    return Found(text=phrase(lang, "sell.one", name=display_name(offer.name), price=_price(offer, catalog)),
                 products=[offer])


def asks_cheaper(message: str, wants: Sequence[str | None]) -> bool:
    """Whether the shopper asks for a cheaper version (a need signal's ``wants``, or the words in any of six)."""
    return "cheaper" in wants or bool(_CHEAPER.search(message))


def no_cheaper_answer(focus: Product | None, catalog: Catalog | None, lang: str | None) -> Found | None:
    """The honest answer when no cheaper version was offered: there is none (or: which item?); None if one exists."""
    if focus is None:
        return Found(text=phrase(lang, "cheaper.none_open"))
    family = catalog.family(focus.family) if catalog is not None and focus.family else []
    if any(p.available and p.price < focus.price for p in family):
        return None  # one exists but was not offered (a guardrail held it back): claim nothing
    price = _price(focus, catalog)
    return Found(text=phrase(lang, "cheaper.none", name=display_name(focus.name), price=price), products=[focus])


__all__ = [
    "Found", "asks_cheaper", "asks_to_buy_kind", "look_answer", "no_cheaper_answer", "sell_answer", "variant_answer",
]
