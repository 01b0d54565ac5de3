"""Finds manipulative sales wording in a reply, after Mathur et al. 2019, "Dark Patterns at Scale".

Taxonomy (the categories of that study that show up in conversational selling):

- ``false_urgency``: a deadline the shop cannot back ("only today", "hurry", "offer ends soon", "act now",
  "limited time"). A sale/offer ending is backed only when an offered product carries a merchant fact for
  it (attribute ``sale_ends`` or ``offer_ends``); the catalog otherwise has no deadlines.
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
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from knowledge.models import Product

PressureCategory = Literal[
    "false_urgency", "unbacked_scarcity", "confirmshaming", "nagging", "pressured_selling", "sneaking"
]

LOW_STOCK = 5
"""Known stock at or below this backs wording like "almost gone" or "few left"."""


class PressureHit(BaseModel):
    """One manipulative phrase found in a text."""

    category: PressureCategory
    phrase: str


# Backing rules: "none" = always flagged; "count" = group 'n' must be >= an offered product's known stock;
# "low" = some offered product has known stock <= LOW_STOCK; "deadline" = an offered product has a
# sale_ends/offer_ends attribute.
_N = r"(?P<n>\d{1,4})"
_PATTERNS: list[tuple[PressureCategory, str, str]] = [
    # --- false urgency ---------------------------------------------------------------------------
    ("false_urgency", r"\b(?:only|just) (?:for )?today\b|\btoday only\b|\bone day only\b", "none"),
    ("false_urgency", r"\bhurry(?: up)?\b|\bact (?:now|fast|quickly)\b|\bdon'?t wait\b|\bbefore it'?s too late\b", "none"),
    ("false_urgency", r"\blimited[- ]time\b|\bnow or never\b|\bwhile (?:supplies|stocks?) lasts?\b", "none"),
    ("false_urgency", r"\bwon'?t last (?:long|forever)\b|\b(?:deal|offer|price|sale|discount)s? (?:won'?t|will not) last\b", "none"),
    ("false_urgency", r"\b(?:offer|deal|sale|promotion|discount|price)s? (?:ends?|expires?|is ending|runs? out)\b[^.!?\n]{0,30}", "deadline"),
    ("false_urgency", r"\b(?:ends|expires) (?:soon|today|tonight|at midnight|in \d+ (?:hours?|minutes?))\b", "deadline"),
    ("false_urgency", r"\blast day\b|\bbuy (?:it )?(?:right )?now\b|\border (?:it )?now\b|\bright now before\b", "none"),
    ("false_urgency", r"\bsolo (?:por )?hoy\b|\bdate prisa\b|\bdaos prisa\b|\bapres[úu]rate\b|\bla oferta termina\b", "none"),
    ("false_urgency", r"\bnur heute\b|\bbeeil(?:en sie sich|t euch|e dich|\b)|\bangebot endet\b|\bnur f[üu]r kurze zeit\b", "none"),
    ("false_urgency", r"\baujourd'hui seulement\b|\bd[ée]p[êe]chez-vous\b|\bd[ée]p[êe]che-toi\b|\bl'offre se termine\b|\bdur[ée]e limit[ée]e\b", "none"),
    ("false_urgency", r"только сегодня|спешите|торопитесь|предложение заканчивается|ограниченное время", "none"),
    ("false_urgency", r"chỉ hôm nay|nhanh tay|nhanh lên|ưu đãi sắp kết thúc|thời gian có hạn", "none"),
    # --- scarcity ------------------------------------------------------------------------------
    ("unbacked_scarcity", rf"\b(?:only|just) {_N} (?:\w+ )?(?:left|remaining)\b", "count"),
    ("unbacked_scarcity", rf"\b{_N} (?:\w+ )?left in stock\b", "count"),
    ("unbacked_scarcity", r"\b(?:almost|nearly) (?:gone|sold out)\b|\b(?:only )?a few (?:\w+ )?left\b|\blimited stock\b|\blow (?:in )?stock\b|\brunning out\b", "low"),
    ("unbacked_scarcity", r"\bselling (?:out )?fast\b|\bgoing fast\b|\bin (?:high|huge|great) demand\b|\bflying off the shelves\b|\bpeople are (?:buying|grabbing)\b", "none"),
    ("unbacked_scarcity", rf"\b(?:s[óo]lo )?quedan (?:solo )?{_N}\b", "count"),
    ("unbacked_scarcity", rf"\bnur noch {_N}\b", "count"),
    ("unbacked_scarcity", rf"\bplus que {_N}\b|\bil (?:n'en )?reste (?:que |seulement )?(?P<m>\d{{1,4}})\b", "count"),
    ("unbacked_scarcity", rf"осталось (?:всего |только )?{_N}", "count"),
    ("unbacked_scarcity", rf"chỉ còn {_N}", "count"),
    ("unbacked_scarcity", r"\b[úu]ltimas unidades\b|\bfast ausverkauft\b|\bpresque [ée]puis[ée]\b|почти распродан|sắp hết hàng", "low"),
    # --- confirmshaming ------------------------------------------------------------------------
    ("confirmshaming", r"\bno thanks?,? i (?:like|love|prefer|enjoy|want|don'?t care|guess)\b[^.!?\n]{0,40}", "none"),
    ("confirmshaming", r"\bare you sure you (?:want to|wanna) (?:miss|pass|skip|lose|go without)\b[^.!?\n]{0,20}", "none"),
    ("confirmshaming", r"\byou'?ll regret\b|\byou'?ll be sorry\b|\bonly a fool\b|\bsmart (?:shoppers|buyers|people) (?:always )?(?:buy|get|choose)\b", "none"),
    ("confirmshaming", r"\bi guess you don'?t (?:care|mind)\b|\bif you (?:don'?t|do not) care about\b|\bdon'?t you (?:want|care)\b", "none"),
    ("confirmshaming", r"\bno gracias,? (?:prefiero|me gusta)\b|\bnein danke,? ich (?:mag|will)\b|\bnon merci,? je pr[ée]f[èe]re\b|нет,? спасибо,? я (?:люблю|предпочитаю)|không,? cảm ơn,? tôi thích", "none"),
    # --- nagging -------------------------------------------------------------------------------
    ("nagging", r"\bas i (?:said|mentioned|told you)(?: before| earlier)?\b|\blike i said\b", "none"),
    ("nagging", r"\bstill not (?:convinced|sure)\b|\bhave you reconsidered\b|\bchanged your mind yet\b", "none"),
    ("nagging", r"\bone more time\b|\blast chance\b|\bi'?ll ask (?:you )?again\b|\bjust (?:checking|asking) (?:again|once more)\b", "none"),
    ("nagging", r"\b[úu]ltima oportunidad\b|\bletzte chance\b|\bderni[èe]re chance\b|последний шанс|cơ hội cuối cùng", "none"),
    # --- pressured selling ---------------------------------------------------------------------
    ("pressured_selling", r"\byou (?:really )?need to (?:buy|get|order|add|grab)\b|\byou (?:really )?need this\b", "none"),
    ("pressured_selling", r"\byou (?:must|have to|gotta) (?:buy|get|order|add|grab|have|try)\b|\bmust[- ]have\b", "none"),
    ("pressured_selling", r"\bdon'?t miss (?:out|this|it)\b|\bdo not miss (?:out|this|it)\b|\bdon'?t let (?:this|it) (?:slip|pass|get away)\b", "none"),
    ("pressured_selling", r"\byou'?d be (?:crazy|foolish|silly|mad) not to\b|\bwhat are you waiting for\b|\bno[- ]brainer\b", "none"),
    ("pressured_selling", r"\bno te lo pierdas\b|\bnicht verpassen\b|\bne (?:le |la )?manquez pas\b|\bne ratez pas\b|не упустите|не пропустите|đừng bỏ lỡ", "none"),
    # --- sneaking ------------------------------------------------------------------------------
    ("sneaking", r"\b(?:i'?ve|i have|we'?ve|we have|i|we) (?:already |went ahead and |also |just )*(?:added|put|included|thrown in|slipped)\b[^.!?\n]{0,30}\b(?:to|in|into) your (?:cart|basket|bag|order)\b", "none"),
    ("sneaking", r"\bautomatically (?:added|included|selected)\b|\b(?:added|included) automatically\b|\bpre-?selected\b|\bpre-?checked\b|\bopted you in\b", "none"),
]

_NEGATION = re.compile(r"\b(?:no|not|never|without|don'?t|doesn'?t|won'?t|isn'?t|aren'?t|nobody|nothing|zero)\b|n't\b", re.I)
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n—–()]| - ")


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[PressureCategory, re.Pattern[str], str]]:
    return [(cat, re.compile(rx, re.I), backing) for cat, rx, backing in _PATTERNS]


def _negated(text: str, start: int) -> bool:
    """A negation among the (up to four) words before ``start`` in the same clause."""
    before = text[max(0, start - 60) : start]
    clause = _CLAUSE_BREAK.split(before)[-1]
    words = clause.split()[-4:]
    return bool(_NEGATION.search(" ".join(words)))


def _backed(backing: str, match: re.Match[str], offered: Sequence[Product]) -> bool:
    stocks = [p.stock for p in offered if p.stock is not None and p.stock > 0]
    if backing == "count":
        n = int(match.group("n") or match.groupdict().get("m") or 0)
        return any(s <= n for s in stocks)
    if backing == "low":
        return any(s <= LOW_STOCK for s in stocks)
    if backing == "deadline":
        return any(p.attributes.get("sale_ends") or p.attributes.get("offer_ends") for p in offered)
    return False


def find_pressure(text: str, offered: Sequence[Product] = ()) -> list[PressureHit]:
    """Manipulative phrases in ``text``; scarcity/deadline wording backed by ``offered`` products is allowed."""
    text = text.replace("\u2019", "'")  # models often write curly apostrophes (don’t)
    hits: list[PressureHit] = []
    taken: list[tuple[int, int]] = []
    for category, rx, backing in _compiled():
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # one phrase counts once, under the first (most specific) category
            if _negated(text, m.start()):
                continue  # "there's no need to hurry", "you don't have to buy anything"
            if _backed(backing, m, offered):
                continue
            taken.append((m.start(), m.end()))
            hits.append(PressureHit(category=category, phrase=m.group(0).strip()))
    return hits
