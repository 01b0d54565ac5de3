"""The offline reply's text, before the checks: which parts a turn needs and in what order, in its language.

Order: an order problem goes to support and sells nothing; a decline is acknowledged; small talk is answered in
kind; otherwise the question comes first (every part of it, from the catalog: the item's facts, its family's
variants, "do you sell X?" by search, "something cheaper" honestly), then at most one offer. Every sentence
comes from the message catalogs (:mod:`agent.i18n`) in ``inp.language`` (else the page locale's, else English),
with one of its phrasings picked by ``inp.seed``; nothing the shopper wrote is quoted back.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from agent.i18n.messages import phrase
from agent.reply.catalog_answers import (
    Found,
    asks_cheaper,
    look_answer,
    no_cheaper_answer,
    sell_answer,
    variant_answer,
)
from agent.reply.facts import answer_question, display_name, looks_like_question, readable
from agent.reply.input import ReplyInput, known_products
from agent.reply.offer_words import offer_sentence
from agent.reply.social import social_kind
from knowledge.models import Product


class Draft(BaseModel):
    """The reply text and the catalog products it names beyond the turn's own (found by a search)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    text: str
    named: list[Product] = Field(default_factory=list)


def _social(inp: ReplyInput, lang: str) -> str | None:
    kind = social_kind(inp.message)
    if kind is None:
        return None
    seed = inp.seed
    if kind == "greeting":
        if inp.focus is not None:
            return phrase(lang, "social.greeting", seed, name=display_name(inp.focus.name))
        return phrase(lang, "social.greeting_open", seed)
    if kind == "thanks":
        return f"{phrase(lang, 'social.thanks', seed)} {phrase(lang, 'social.thanks_more', seed)}"
    return phrase(lang, f"social.{kind}", seed)


def _catalog_answer(inp: ReplyInput, lang: str, cheaper: bool) -> Found | None:
    """Answers drawn from beyond the turn's products: the family's variants, or a search for what they ask about
    (not for "do you have anything cheaper?": that asks for a version of this item, answered by the offer)."""
    message = readable(inp.message, lang)
    english = message[len(inp.message):]
    offered = [o.sku for o in inp.decision.offers]
    found = look_answer(inp.message, inp.focus, inp.catalog, lang)
    found = found or variant_answer(message, inp.focus, inp.catalog, lang)
    if found is None and not cheaper:
        found = sell_answer(inp.message, english, inp.focus, inp.catalog, lang, offered, inp.seed)
    return found


def compose_draft(inp: ReplyInput) -> Draft:
    """The offline reply for one turn, unchecked, with the extra products it names."""
    lang = inp.reply_language
    seed = inp.seed
    kinds = {s.type for s in inp.signals}
    if "support" in kinds:
        return Draft(text=phrase(lang, "reply.support"))

    products = known_products(inp)
    if "decline" in kinds:
        parts = [phrase(lang, "decline.ack", seed)]
        answer = answer_question(inp.message, products, lang)
        if answer:
            parts.append(answer)
        parts.append(phrase(lang, "decline.after", seed))
        return Draft(text=" ".join(parts))

    named: list[Product] = []
    parts = []
    offers = inp.decision.offers
    social = _social(inp, lang) if not kinds - {"question"} and not offers else None
    if social:
        return Draft(text=social)
    wants = [getattr(s, "wants", None) for s in inp.signals if s.type == "need"]
    cheaper = asks_cheaper(inp.message, wants)
    asking = looks_like_question(inp.message) or kinds & {"question", "need"}
    found = _catalog_answer(inp, lang, cheaper) if asking else None
    answer = None if found is not None and found.products else answer_question(inp.message, products, lang)
    if found is not None and (found.products or not answer):
        parts.append(found.text)
        named += found.products
    if answer:
        parts.append(answer)
    if parts:
        pass
    elif cheaper and not offers:
        honest = no_cheaper_answer(inp.focus, inp.catalog, lang)
        if honest is not None:
            parts.append(honest.text)
    elif "accept" in kinds or "purchase_intent" in kinds:
        parts.append(phrase(lang, "accept.cart" if inp.cart else "accept.nocart", seed))
    elif looks_like_question(inp.message) and "need" not in kinds:
        # A question about the item's facts that the data cannot answer; one asking for a product is a need,
        # answered by the offer (or acknowledged below), never by "I don't have that detail".
        parts.append(phrase(lang, "answer.unknown", seed))
    if not parts and not offers:
        if inp.focus is not None:
            # A need we could not (or may not) answer with an offer is still acknowledged, not ignored.
            stated = "need" in kinds and not looks_like_question(inp.message)
            thanks = [phrase(lang, "need.thanks", seed)] if stated else []
            parts += [*thanks, phrase(lang, "help.focus", seed, name=display_name(inp.focus.name))]
        else:
            parts.append(phrase(lang, "help.open", seed))

    if offers and not any(p.sku == offers[0].sku for p in named):
        parts.append(offer_sentence(offers[0], inp, products))
    return Draft(text=" ".join(parts), named=named)
