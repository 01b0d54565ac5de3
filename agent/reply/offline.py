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

from agent.i18n.messages import phrase
from agent.reply.checks import check_reply
from agent.reply.draft import compose_draft
from agent.reply.input import ReplyInput, allowed_products
from agent.reply.offer_words import improvement_words
from knowledge.models import Product

__all__ = ["NAME", "SAFE_REPLY", "SUPPORT_REPLY", "OfflineReplyWriter", "compose_offline", "improvement_words",
           "safe_offline", "safe_reply"]

log = logging.getLogger(__name__)

NAME = "offline"

#: The reply when even the offline reply fails the checks (English; :func:`safe_reply` for the shopper's language).
SAFE_REPLY = phrase("en", "reply.safe")
#: An order problem, in English (:func:`phrase` with ``reply.support`` for the shopper's language).
SUPPORT_REPLY = phrase("en", "reply.support")


def safe_reply(lang: str | None) -> str:
    """The reply that names no product, price or deadline, in ``lang``."""
    return phrase(lang, "reply.safe")


def compose_offline(inp: ReplyInput) -> str:
    """A deterministic, friendly reply in ``inp.language``: the answer first, then at most one offer, easy to ignore.

    Checked like a model reply (:func:`safe_offline`): it never repeats pressure or discount wording.
    """
    return safe_offline(inp)


def safe_offline(inp: ReplyInput, write: Callable[[ReplyInput], str] | None = None) -> str:
    """``write(inp)`` (the offline writer by default) when it passes the grounding and pressure checks, else SAFE_REPLY."""
    if write is None:
        draft = compose_draft(inp)
        text, inp = draft.text, inp.model_copy(update={"facts": [*inp.facts, *draft.named]})
    else:
        text = write(inp)
    problems = check_reply(_without_shopper_quotes(text, inp), _with_listed_compatibility(inp))
    if not problems:
        return text
    log.warning("offline reply replaced by the safe reply: %s", "; ".join(problems))
    return safe_reply(inp.reply_language)


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


class OfflineReplyWriter:
    """The offline writer as a named object: writes replies with :func:`compose_offline` (no language model involved)."""

    name = NAME

    def write(self, inp: ReplyInput) -> str:
        """The offline reply for one turn."""
        return compose_offline(inp)
