"""Finds manipulative sales wording in a reply, after Mathur et al. 2019, "Dark Patterns at Scale".

Taxonomy (the categories of that study that show up in conversational selling):

- ``false_urgency``: a deadline the shop cannot back ("only today", "hurry", "offer ends soon", "act now",
  "limited time"). An end ("ends 3 Dec", "until Friday", "last day", in the six languages) is backed only
  when an offer carries ``promo_ends_at`` (a live promotion, CONTRACTS section 7) and the sentence names that
  real end (:mod:`agent.reply.deadlines`); "ends soon" names none, so it is never backed.
- ``unbacked_scarcity``: stock claims ("only 2 left", "almost gone", "selling fast", "in high demand").
  "only N left" is fine when an offered product's known stock is at most N; "almost gone"/"few left" when
  its known stock is at most ``LOW_STOCK``; popularity claims ("selling fast", "in high demand") cannot be
  backed by a stock level, so they are always flagged.
- ``confirmshaming``: guilt-tripping the decline ("no thanks, I like a dead phone", "are you sure you want
  to miss out").
- ``nagging``: repeating a declined pitch ("as I said", "still not convinced?", "one more time", "last
  chance").
- ``pressured_selling``: telling the shopper they must buy ("you need to buy", "you must get", "don't miss
  out", "you'd be crazy not to").
- ``sneaking``: adding things without consent ("I've added it to your cart", "automatically included",
  "pre-selected").

English is covered thoroughly; common phrasings in es/de/fr/ru/vi are included. Honest phrasing ("if
you'd like", "no pressure", "it's in stock", "there's no rush") is not flagged: a hit preceded in the same
clause by a negation ("no need to hurry", "don't feel you have to") is dropped.

The word lists live in :mod:`knowledge.promo_words` (the catalog importers screen product text with them too);
this module adds what only a reply has: backing by the offered products' stock and sale dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel

from agent.reply.deadlines import names_end
from knowledge.models import Product
from knowledge.promo_words import PressureCategory, compiled_pressure, negated

LOW_STOCK = 5
"""Known stock at or below this backs wording like "almost gone" or "few left"."""

__all__ = ["LOW_STOCK", "PressureCategory", "PressureHit", "find_pressure"]


class PressureHit(BaseModel):
    """One manipulative phrase found in a text."""

    category: PressureCategory
    phrase: str


# A sentence ends at . ! ? (not a decimal point or "3." of a German date) or a line break.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?=\s|$)|\n")


def sentence_at(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence of ``text`` holding [start, end), and where ``start`` falls in it."""
    lo = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return text[lo : after.start() if after else len(text)], start - lo


def _backed(
    backing: str,
    match: re.Match[str],
    offered: Sequence[Product],
    deadlines: Sequence[datetime] = (),
    now: datetime | None = None,
) -> bool:
    stocks = [p.stock for p in offered if p.stock is not None and p.stock > 0]
    if backing == "count":
        n = int(match.group("n") or match.groupdict().get("m") or 0)
        return any(s <= n for s in stocks)
    if backing == "low":
        return any(s <= LOW_STOCK for s in stocks)
    if backing == "deadline":
        sentence, at = sentence_at(match.string, match.start(), match.end())
        return bool(deadlines) and names_end(sentence, deadlines, now, at)
    return False


def find_pressure(
    text: str, offered: Sequence[Product] = (), deadlines: Sequence[datetime] = (), now: datetime | None = None
) -> list[PressureHit]:
    """Manipulative phrases in ``text``; scarcity backed by ``offered`` stock, an end naming one of ``deadlines``.

    ``deadlines`` are the ``promo_ends_at`` of the reply's offers; ``now`` reads "today"/"tomorrow".
    """
    text = text.replace("\u2019", "'")  # models often write curly apostrophes (don’t)
    hits: list[PressureHit] = []
    taken: list[tuple[int, int]] = []
    for category, rx, backing in compiled_pressure():
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # one phrase counts once, under the first (most specific) category
            if negated(text, m.start()):
                continue  # "there's no need to hurry", "you don't have to buy anything"
            if _backed(backing, m, offered, deadlines, now):
                continue
            taken.append((m.start(), m.end()))
            hits.append(PressureHit(category=category, phrase=m.group(0).strip()))
    return hits
