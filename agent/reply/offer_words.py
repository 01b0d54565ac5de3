"""How the offline reply words an offer: what it improves or does for the need, in the product's own facts
("900 lumens instead of 600"), with its catalog price, as one easy-to-ignore sentence in the reply language."""

from __future__ import annotations

import re
from datetime import datetime

from agent.i18n.messages import phrase
from agent.reply.deadlines import end_words
from agent.reply.facts import display_name, format_price
from agent.reply.grounding import find_claims, find_prices
from agent.reply.input import ReplyInput, allowed_products
from agent.reply.pressure import find_pressure
from agent.schemas import Improvement, Offer
from knowledge.models import Product
from knowledge.text import content_words, guess_language

#: The longest fact from a description that may stand for what an offer does for a need.
MAX_FACT_CHARS = 120


def _clause(text: str) -> str:
    text = " ".join(text.split())
    return text[0].lower() + text[1:].rstrip(".") if text else ""


def improvement_words(imp: Improvement, lang: str | None = "en") -> str:
    """What an offer improves, in plain words: "1.1 kg lighter", "900 lumens instead of 600", in ``lang``."""
    if imp.dimension == "mass" and imp.direction == "down" and imp.delta:
        return phrase(lang, "imp.lighter", delta=imp.delta)
    if imp.dimension == "noise" and imp.direction == "down" and imp.delta:
        return phrase(lang, "imp.quieter", delta=imp.delta)
    if imp.old is None or imp.new is None:
        return phrase(lang, "imp.better", attribute=imp.attribute)
    old_num, _, old_unit = imp.old.partition(" ")
    new_num, _, new_unit = imp.new.partition(" ")
    old = old_num if old_unit == new_unit else imp.old
    # The attribute's own words ("runtime", "battery") say what the figure is; a unit word adds nothing.
    # The attribute's name is the catalog's English key: other languages show the figures alone.
    noun = imp.attribute if imp.attribute and imp.attribute != imp.dimension and lang in (None, "en") else ""
    if noun and (noun.lower() in new_unit.lower() or (new_unit and noun.lower().startswith(new_unit.lower()))):
        noun = ""
    new = f"{imp.new} {noun}".strip() if noun else imp.new
    return phrase(lang, "imp.instead", new=new, old=old)


def product_fact(product: Product | None, need: str | None) -> str | None:
    """A short sentence of the product's own description that speaks to the need (else its first clean one)."""
    if product is None or not product.description:
        return None
    wanted = set(content_words(need or ""))
    best: tuple[int, int, str] | None = None
    for i, sentence in enumerate(re.split(r"(?<=[.!?])\s+", re.sub(r"<[^>]+>", " ", product.description))):
        sentence = " ".join(sentence.split()).rstrip(".!")
        if not sentence or len(sentence) > MAX_FACT_CHARS or '"' in sentence or "“" in sentence:
            continue
        if find_prices(sentence) or find_claims(sentence) or find_pressure(sentence):
            continue
        if re.search(r"\b(?:ignore|instruction|system|prompt|our|we)\b", sentence, re.I):
            continue
        overlap = len(wanted & set(content_words(sentence)))
        if best is None or (overlap, -i) > (best[0], best[1]):
            best = (overlap, -i, sentence)
    return _clause(best[2]) if best is not None else None


def _why(offer: Offer, product: Product | None, lang: str | None, cheaper: bool = False) -> str:
    """What the offer does for the need, in the product's own facts; never the shopper's words quoted back."""
    why = offer.why
    if why is None:
        return ""  # a free-text reason may quote the shopper: the price and the name say enough
    if why.improves is not None:
        return phrase(lang, "why.improves", what=improvement_words(why.improves, lang))
    if why.kind == "answers_need" and not cheaper:
        fact = product_fact(product, why.need)
        # The shop's own words serve only in their language: no English clause inside a Spanish sentence.
        written = guess_language(fact) if fact else None
        if fact and (written == lang or (written is None and lang == "en")):
            return phrase(lang, "why.fact", what=fact)
    return ""  # "goes with": the offer sentence already says it goes with what they have


def promo_terms(offer: Offer, now: datetime | None, lang: str | None = "en") -> tuple[str, str] | None:
    """(regular price, last day) of an offer on a live promotion, as written in ``lang``; else None."""
    if offer.regular_price is None or offer.promo_ends_at is None:
        return None
    last_day = end_words(datetime.fromisoformat(offer.promo_ends_at), now, lang)
    return format_price(offer.regular_price, offer.currency), last_day


def offer_sentence(offer: Offer, inp: ReplyInput, products: list[Product]) -> str:
    """The one offer as an easy option to ignore: its name, catalog price and what it does for the need."""
    by_sku = {p.sku: p for p in [*products, *allowed_products(inp)]}
    lang, seed, focus = inp.reply_language, inp.seed, inp.focus
    name = display_name(offer.name)
    price = format_price(offer.price, offer.currency)
    promo = promo_terms(offer, inp.now, lang)
    replaced = by_sku.get(offer.replaces_sku or "")
    # For a cheaper version the price is the point: a description line would read as a reason to pay more.
    cheaper = replaced is not None and offer.price < replaced.price
    why = _why(offer, by_sku.get(offer.sku), lang, cheaper)
    if offer.kind == "upsell" and replaced is not None:
        old_name = display_name(replaced.name)
        if offer.price < replaced.price:
            # A cheaper version (negative uplift): both prices are catalog prices of products in play.
            old = format_price(replaced.price, offer.currency)
            if promo:
                price = phrase(lang, "price.promo_aside", price=price, regular=promo[0], day=promo[1])
            return phrase(lang, "offer.cheaper", seed, name=name, price=price, old=old, old_name=old_name, why=why)
        diff = format_price(offer.price - replaced.price, offer.currency)
        if promo:
            price = phrase(lang, "price.promo", price=price, regular=promo[0], day=promo[1])
        return phrase(lang, "offer.upsell_diff", seed, name=name, price=price, diff=diff, old_name=old_name, why=why)
    if promo:
        # "$39 instead of $49 until 3 Dec"
        price = phrase(lang, "price.promo", price=price, regular=promo[0], day=promo[1])
    if offer.kind == "upsell":
        return phrase(lang, "offer.upsell", seed, name=name, price=price, why=why)
    if focus is not None:
        anchor = phrase(lang, "anchor.focus", name=display_name(focus.name))
    else:
        anchor = phrase(lang, "anchor.none")
    if offer.kind == "bundle" and offer.components:
        return f"{bundle_sentence(offer, by_sku, why, lang)} {phrase(lang, 'offer.keep', seed, anchor=anchor)}"
    return phrase(lang, "offer.cross", seed, name=name, price=price, why=why, anchor=anchor)


def bundle_sentence(offer: Offer, by_sku: dict[str, Product], why: str, lang: str | None = "en") -> str:
    """A bundle in plain words: its components and, honestly, what it saves (an FBT set saves nothing)."""
    counts: dict[str, int] = {}
    for sku in offer.components or []:
        counts[sku] = counts.get(sku, 0) + 1
    named = []
    for sku, n in counts.items():
        item = phrase(lang, "anchor.focus", name=display_name(by_sku[sku].name)) if sku in by_sku else sku
        named.append(phrase(lang, "bundle.count", n=n, item=item) if n > 1 else item)
    listed = named[0] if len(named) == 1 else phrase(lang, "list.and", a=", ".join(named[:-1]), b=named[-1])
    price = format_price(offer.price, offer.currency)
    if offer.savings and offer.savings > 0:
        saved = format_price(offer.savings, offer.currency)
        return phrase(lang, "bundle.saves", name=display_name(offer.name), price=price, listed=listed, why=why,
                      saved=saved)
    return phrase(lang, "bundle.set", listed=listed, why=why, price=price)
