"""The offline reply writer: NOT a language model, a deterministic composer of replies from the decision.

Used when no model is configured (the default; see OFFLINE.md: no shippable model sells honestly) and as
the fallback whenever a model fails or its reply fails the grounding/pressure checks. Every product and
price it writes comes from the decision's offers or the products passed in; it answers the shopper's
question first, then presents at most one offer as an easy option to ignore.

Catalog text is data, never copy: products are called by :func:`~agent.reply.facts.display_name` (the name
without a promotional clause such as "FREE today only, 90% off"), and every offline reply passes the same
grounding and pressure checks as a model reply (:func:`safe_offline`); one that does not gives way to
:data:`SAFE_REPLY`, which names no product, price or deadline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

from agent.reply.checks import check_reply
from agent.reply.deadlines import end_words
from agent.reply.facts import answer_question, display_name, format_price, looks_like_question
from agent.reply.input import ReplyInput, allowed_products, known_products
from agent.schemas import Improvement, Offer, render_reason
from knowledge.models import Product
from knowledge.text import lang_of

log = logging.getLogger(__name__)

NAME = "offline"

#: The reply when even the offline reply fails the checks: nothing to ground, nothing to pressure with.
SAFE_REPLY = "Happy to help — ask me anything about the products you're looking at."

SUPPORT_REPLY = (
    "Sorry about the trouble. For anything about an order (tracking, returns, a damaged or missing item), "
    "our support team can sort it out: use the Help / Contact page and include your order number. "
    "If you tell me what went wrong, I can point you to the right place."
)

# A short localized opener for the five non-English languages; the rest of the reply stays in English.
_OPENERS = {
    "es": "¡Gracias por tu mensaje! (Te respondo en inglés.)",
    "de": "Danke für Ihre Nachricht! (Ich antworte auf Englisch.)",
    "fr": "Merci pour votre message ! (Je réponds en anglais.)",
    "ru": "Спасибо за сообщение! (Отвечу по-английски.)",
    "vi": "Cảm ơn bạn đã nhắn tin! (Mình trả lời bằng tiếng Anh.)",
}


def _clause(text: str) -> str:
    text = " ".join(text.split())
    return text[0].lower() + text[1:].rstrip(".") if text else ""


def _why(offer: Offer) -> str:
    """The offer's reason as a clause: a need -> 'since you mentioned "battery all day"'; an add-on -> ''."""
    why = offer.why
    if why is None:
        return _clause(offer.reason)  # an offer without a typed reason carries free text
    need = " ".join((why.need or "").split())
    if why.kind == "answers_need" and need:
        return f'since you mentioned "{need}"'
    if why.kind == "goes_with":
        return ""  # "could go with it" already says so
    return _clause(render_reason(why))


def improvement_words(imp: Improvement) -> str:
    """What an offer improves, in plain words: "1.1 kg lighter", "900 lumens instead of 600", "90 min runtime instead of 60"."""
    if imp.dimension == "mass" and imp.direction == "down" and imp.delta:
        return f"{imp.delta} lighter"
    if imp.dimension == "noise" and imp.direction == "down" and imp.delta:
        return f"{imp.delta} quieter"
    if imp.old is None or imp.new is None:
        return f"a better {imp.attribute}"
    old_num, _, old_unit = imp.old.partition(" ")
    new_num, _, new_unit = imp.new.partition(" ")
    old = old_num if old_unit == new_unit else imp.old
    # The attribute's own words ("runtime", "battery") say what the figure is; a unit word adds nothing.
    noun = imp.attribute if imp.attribute and imp.attribute != imp.dimension else ""
    if noun and noun.lower() in new_unit.lower():
        noun = ""
    new = f"{imp.new} {noun}".strip() if noun else imp.new
    return f"{new} instead of {old}"


def promo_terms(offer: Offer, now: datetime | None) -> tuple[str, str] | None:
    """(regular price, last day) of an offer on a live promotion, as written: ("$49", "3 Dec"); else None."""
    if offer.regular_price is None or offer.promo_ends_at is None:
        return None
    last_day = end_words(datetime.fromisoformat(offer.promo_ends_at), now)
    return format_price(offer.regular_price, offer.currency), last_day


def _offer_sentence(offer: Offer, products: list[Product], focus: Product | None, now: datetime | None = None) -> str:
    by_sku = {p.sku: p for p in products}
    name = display_name(offer.name)
    price = format_price(offer.price, offer.currency)
    promo = promo_terms(offer, now)
    why = _why(offer)
    why_part = f", {why}" if why else ""
    replaced = by_sku.get(offer.replaces_sku or "")
    if offer.kind == "upsell" and replaced is not None and offer.price < replaced.price:
        # A cheaper version (negative uplift): both prices are catalog prices of products in play.
        old = format_price(replaced.price, offer.currency)
        if promo:
            price = f"{price} (regularly {promo[0]}, until {promo[1]})"
        return (
            f"If a lower price helps, the {name} is {price} instead of {old} for the {display_name(replaced.name)}. "
            f"Happy to keep it to the {display_name(replaced.name)} too."
        )
    if promo:
        price = f"{price} instead of {promo[0]} until {promo[1]}"  # "$39 instead of $49 until 3 Dec"
    imp = offer.why.improves if offer.why is not None else None
    if imp is not None:
        why_part = f" — {improvement_words(imp)}{why_part}"
    if offer.kind == "upsell" and replaced is not None:
        diff = format_price(offer.price - replaced.price, offer.currency)
        return (
            f"If it helps, the {name} is {price} ({diff} more than the {display_name(replaced.name)}){why_part}. "
            f"No pressure — happy to keep it to the {display_name(replaced.name)}."
        )
    if offer.kind == "upsell":
        return f"If it helps, there's also the {name} at {price}{why_part}. No pressure — happy to keep it to what you picked."
    anchor = f"the {display_name(focus.name)}" if focus is not None else "what you have"
    if offer.kind == "bundle" and offer.components:
        return f"{_bundle_sentence(offer, by_sku, why_part)} No pressure — happy to keep it to {anchor}."
    return f"If it helps, the {name} ({price}) could go with it{why_part}. No pressure — happy to keep it to {anchor}."


def _bundle_sentence(offer: Offer, by_sku: dict[str, Product], why_part: str) -> str:
    """A bundle in plain words: its components and, honestly, what it saves (an FBT set saves nothing)."""
    counts: dict[str, int] = {}
    for sku in offer.components or []:
        counts[sku] = counts.get(sku, 0) + 1
    named = [
        (f"{n} x " if n > 1 else "") + f"the {display_name(by_sku[s].name)}" if s in by_sku else s
        for s, n in counts.items()
    ]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    price = format_price(offer.price, offer.currency)
    if offer.savings and offer.savings > 0:
        saved = format_price(offer.savings, offer.currency)
        return (
            f"If it helps, the {display_name(offer.name)} ({price}) brings together {listed}{why_part} — "
            f"{saved} less than buying them separately."
        )
    return (
        f"If it helps, shoppers often buy {listed} together{why_part}: {price} for the set, "
        "each at its usual price."
    )


def compose_offline(inp: ReplyInput) -> str:
    """A deterministic, friendly English reply: the answer first, then at most one offer, easy to ignore.

    Checked like a model reply (:func:`safe_offline`): it never repeats pressure or discount wording.
    """
    return safe_offline(inp)


def safe_offline(inp: ReplyInput, write: Callable[[ReplyInput], str] | None = None) -> str:
    """``write(inp)`` (the offline writer by default) when it passes the grounding and pressure checks, else SAFE_REPLY."""
    text = (write or _compose)(inp)
    problems = check_reply(_without_shopper_quotes(text, inp), _with_listed_compatibility(inp))
    if not problems:
        return text
    log.warning("offline reply replaced by the safe reply: %s", "; ".join(problems))
    return SAFE_REPLY


_QUOTED = re.compile(r'"([^"]+)"|“([^”]+)”')


def _without_shopper_quotes(text: str, inp: ReplyInput) -> str:
    """The reply without the shopper's own words it quotes back ('since you mentioned "…"'): theirs, not our copy."""
    said = " ".join([inp.message, *(user for user, _ in inp.history)]).lower()

    def blank(m: re.Match[str]) -> str:
        quoted = m.group(1) or m.group(2)
        return '""' if quoted.strip().lower() in said else m.group(0)

    return _QUOTED.sub(blank, text)


def _with_listed_compatibility(inp: ReplyInput) -> ReplyInput:
    """The input with the products an allowed product is listed as compatible with: an answer may name them."""
    catalog = inp.catalog
    if catalog is None:
        return inp
    extra: list[Product] = []
    for p in allowed_products(inp):
        for selector in p.compatible_with:
            kind, _, value = selector.partition(":")
            if not value:
                found = catalog.get(selector)
                extra += [found] if found is not None else []
            elif kind == "family":
                extra += catalog.family(value)
    if not extra:
        return inp
    known = {p.sku for p in inp.facts}
    return inp.model_copy(update={"facts": [*inp.facts, *(p for p in extra if p.sku not in known)]})


def _compose(inp: ReplyInput) -> str:
    """The offline reply, unchecked."""
    kinds = {s.type for s in inp.signals}
    lang = lang_of(inp.locale)
    parts: list[str] = [_OPENERS[lang]] if lang in _OPENERS else []
    if "support" in kinds:
        return " ".join([*parts, SUPPORT_REPLY])

    products = known_products(inp)
    answer = answer_question(inp.message, products)
    if "decline" in kinds:
        parts.append("No problem at all — we'll leave it there.")
        if answer:
            parts.append(answer)
        parts.append("If you have a question about your order or a product, just ask.")
        return " ".join(parts)

    if answer:
        parts.append(answer)
    elif "accept" in kinds or "purchase_intent" in kinds:
        if inp.cart:
            parts.append("Great choice! You're all set to check out whenever you're ready.")
        else:
            parts.append("Great choice! You can add it to your cart whenever you're ready.")
    elif looks_like_question(inp.message):
        parts.append(
            "I don't have that detail in the product information, sorry — our support team can confirm it for you."
        )
    elif inp.focus is not None and not inp.decision.offers:
        # A need we could not (or may not) answer with an offer is still acknowledged, not ignored.
        thanks = "Thanks, that's useful to know. " if "need" in kinds else ""
        parts.append(f"{thanks}Happy to help with the {display_name(inp.focus.name)} — ask me anything about it.")
    elif not inp.decision.offers:
        parts.append("Happy to help — tell me what you're looking for, or ask me about any product.")

    if inp.decision.offers:
        parts.append(_offer_sentence(inp.decision.offers[0], allowed_products(inp), inp.focus, inp.now))
    return " ".join(parts)


class OfflineReplyWriter:
    """The offline writer as a named object: writes replies with :func:`compose_offline` (no language model involved)."""

    name = NAME

    def write(self, inp: ReplyInput) -> str:
        """The offline reply for one turn."""
        return compose_offline(inp)
