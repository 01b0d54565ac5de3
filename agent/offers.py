"""Turning an approved candidate into the :class:`~agent.schemas.Offer` the shopper sees (CONTRACTS section 3)."""

from __future__ import annotations

import re
from typing import Protocol

from agent.schemas import ItemPlace, Offer, OfferReason, Page, ReasonItem, render_reason
from agent.types import Candidate, SessionState
from knowledge.bundles import savings
from knowledge.models import Product
from knowledge.relations import selects
from knowledge.text import words


class PolicyContext(Protocol):
    """What building an offer reads of the turn (agent.policy.PolicyContext has it; the policy imports this module)."""

    message: str
    page: Page | None
    focus: Product | None
    cart: list[Product]
    cart_skus: frozenset[str]
    addon_base: float
    store_currency: str
    state: SessionState

REASON_MAX_CHARS = 120
_SENTENCE = re.compile(r"[^.!?\n]+")


def uplift_pct(candidate: Candidate, ctx: PolicyContext) -> float:
    """CONTRACTS section 3: upsell, % more than the replaced item; cross-sell, price as % of the cart (or focus).

    A cheaper version offered for "anything cheaper?" is a replacement too (kind ``upsell``, ``replaces_sku`` set,
    see agent.candidates.upgrades.add_cheaper): the same formula then gives a negative uplift, the saving.
    """
    price = candidate.product.price
    if candidate.kind == "upsell":
        if candidate.replaces is None or candidate.replaces.price <= 0:
            raise ValueError(f"upsell {candidate.product.sku}: 'replaces' must be a product with a price above 0")
        base = candidate.replaces.price
        return round((price - base) / base * 100, 1)
    base = ctx.addon_base
    if base <= 0:
        raise ValueError(f"cross-sell {candidate.product.sku}: no cart total or item in focus to compare with")
    return round(price / base * 100, 1)


def _trim_around(sentence: str, start: int, end: int, limit: int) -> str:
    """Cut a long sentence to about ``limit`` chars around [start, end), at word boundaries."""
    if len(sentence) <= limit:
        return sentence
    span = end - start
    pad = max(0, (limit - span) // 2)
    lo, hi = max(0, start - pad), min(len(sentence), end + pad)
    # Spend the unused side's room on the other side.
    if lo == 0:
        hi = min(len(sentence), limit)
    elif hi == len(sentence):
        lo = max(0, len(sentence) - limit)
    if lo > 0:
        sp = sentence.find(" ", lo)
        lo = sp + 1 if 0 <= sp < start else lo
    if hi < len(sentence):
        sp = sentence.rfind(" ", end, hi)
        hi = sp if sp > end else hi
    out = sentence[lo:hi].strip()
    return ("…" if lo > 0 else "") + out + ("…" if hi < len(sentence) else "")


def quote_need(message: str, need_text: str, limit: int = REASON_MAX_CHARS) -> str:
    """The sentence of the shopper's message that states the need, trimmed to about ``limit`` chars."""
    need = need_text.strip()
    sentences = [(m.start(), m.group()) for m in _SENTENCE.finditer(message) if m.group().strip()]
    low_need = need.lower()
    best: tuple[str, int, int] | None = None
    for _, s in sentences:
        i = s.lower().find(low_need) if low_need else -1
        if i >= 0:
            best = (s, i, i + len(need))
            break
    if best is None and sentences:
        # The detector may have normalised the span: fall back to the sentence sharing most words with it.
        want = set(words(low_need))
        scored = [(len(want & set(words(s))), s) for _, s in sentences]
        hits, s = max(scored, key=lambda t: t[0])
        if hits:
            best = (s, 0, 0)
    if best is None:
        text, start, end = need, 0, len(need)
    else:
        text, start, end = best
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    text = stripped.rstrip()
    start, end = max(0, start - shift), max(0, end - shift)
    quoted = _trim_around(text, start, min(end, len(text)), limit) if text else need[:limit]
    # Inner double quotes would end the quotation early.
    return quoted.replace('"', "'")


def goes_with(candidate: Candidate, ctx: PolicyContext) -> Product | None:
    """The cart item an unprompted add-on complements: a curated or compatible link, else the item in focus."""
    p = candidate.product
    for item in reversed(ctx.cart):
        if p.sku in item.cross_sells or selects(p, item):
            return item
    if ctx.focus is not None and (not ctx.cart or ctx.focus.sku in ctx.cart_skus):
        return ctx.focus
    return ctx.cart[-1] if ctx.cart else None


def offer_why(candidate: Candidate, ctx: PolicyContext) -> OfferReason:
    """Why this offer: the shopper's own words for a need, or the cart item an add-on goes with."""
    if candidate.need is not None:
        return OfferReason(
            kind="answers_need", need=quote_need(ctx.message, candidate.need.text), improves=candidate.improves
        )
    item = goes_with(candidate, ctx)
    if item is None:
        return OfferReason(kind="goes_with")
    where: ItemPlace = "in_cart" if item.sku in ctx.cart_skus else "in_focus"
    if ctx.page == "post_purchase" and item.sku in ctx.state.purchased_skus:
        where = "just_bought"
    return OfferReason(kind="goes_with", goes_with=ReasonItem(sku=item.sku, name=item.name, where=where))


def make_offer(candidate: Candidate, ctx: PolicyContext) -> Offer:
    """The offer for an approved candidate: name, price and currency from the catalog product."""
    p = candidate.product
    why = offer_why(candidate, ctx)
    return Offer(
        sku=p.sku,
        name=p.name,
        kind=candidate.kind,
        price=p.price,
        currency=p.currency or ctx.store_currency,
        uplift_pct=uplift_pct(candidate, ctx),
        replaces_sku=candidate.replaces.sku if candidate.kind == "upsell" and candidate.replaces else None,
        reason=render_reason(why),
        why=why,
        # CONTRACTS section 7: a bundle names its components and what it saves against them (0 for an FBT set).
        components=[q.sku for q in candidate.parts] if candidate.kind == "bundle" else None,
        savings=savings(p, candidate.parts) if candidate.kind == "bundle" else None,
    )
