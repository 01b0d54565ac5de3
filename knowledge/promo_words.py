"""Promotional and pressure wording: the word lists replies are checked against and catalog text is screened with.

The lists live here, in ``knowledge``, so the importers can warn about catalog text carrying them (catalog text
is data, never copy) without importing the agent; :mod:`agent.reply.pressure` and
:mod:`agent.reply.grounding` check replies with the same lists. The taxonomy is documented in
:mod:`agent.reply.pressure` (after Mathur et al. 2019, "Dark Patterns at Scale"); ``discount_claim`` covers
the discount, percent-off and "free" claims of :mod:`agent.reply.grounding`.

:func:`promo_phrases` finds such wording in a text (no backing: catalog text cannot back its own urgency);
:func:`clean_display_name` is a product name without its promotional clause, what a reply may call it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel

from knowledge.regex_literals import fold, may_match, required_literals, safe_to_skip

PressureCategory = Literal[
    "false_urgency", "unbacked_scarcity", "confirmshaming", "nagging", "pressured_selling", "sneaking"
]

PromoCategory = Literal[
    "false_urgency", "unbacked_scarcity", "confirmshaming", "nagging", "pressured_selling", "sneaking",
    "discount_claim",
]

# Backing rules: "none" = always flagged; "count" = group 'n' must be >= an offered product's known stock;
# "low" = some offered product has known stock <= LOW_STOCK; "deadline" = an offer carries ``promo_ends_at``
# and the sentence names that real end (agent.reply.deadlines).
_N = r"(?P<n>\d{1,4})"
#: Month names and usual abbreviations (en, es, de, fr; ru in the genitive of dates) to the month's number.
#: Vietnamese writes months as numbers ("tháng 12").
MONTH_NAMES: dict[str, int] = {
    name: n
    for n, names in enumerate(
        [
            "january jan enero januar janv janvier января",
            "february feb febrero februar févr février февраля",
            "march mar marzo märz mär mars марта",
            "april apr abril avril апреля",
            "may mayo mai мая",
            "june jun junio juni juin июня",
            "july jul julio juli juil juillet июля",
            "august aug agosto août августа",
            "september sep sept septiembre setiembre septembre сентября",
            "october oct octubre oktober okt octobre октября",
            "november nov noviembre novembre ноября",
            "december dec diciembre dezember dez déc décembre декабря",
        ],
        start=1,
    )
    for name in names.split()
}
MONTHS_RX = "|".join(sorted((re.escape(m) for m in MONTH_NAMES), key=len, reverse=True))
# A day and a month ("3 Dec", "3rd of December", "3 de diciembre", "3. Dezember", "1er décembre", "3 декабря").
_DAY_MONTH = rf"(?:\d{{1,2}}|1er)(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?(?:{MONTHS_RX})(?![^\W\d_])"
# What may follow "until" for it to be a deadline ("until 3 Dec", "until Friday"), not "until 5 pm" or "the evening".
_EN_NAMED = (rf"(?:the\s+|on\s+)?(?:(?:{MONTHS_RX})(?![^\W\d_])|monday|tuesday|wednesday|thursday|friday|saturday"
             r"|sunday)")
_EN_DAY = (rf"(?:{_EN_NAMED}|(?:the\s+|on\s+)?(?:{_DAY_MONTH}|\d{{4}}-\d\d|\d{{1,2}}/\d{{1,2}}|today|tonight"
           r"|tomorrow|midnight|end of))")
PRESSURE_PATTERNS: list[tuple[PressureCategory, str, str]] = [
    # --- false urgency ---------------------------------------------------------------------------
    ("false_urgency", r"\b(?:only|just) (?:for )?today\b|\btoday only\b|\bone day only\b", "none"),
    ("false_urgency", r"\bhurry(?: up)?\b|\bact (?:now|fast|quickly)\b|\bdon'?t wait\b|\bbefore it'?s too late\b", "none"),
    ("false_urgency", r"\blimited[- ]time\b|\bnow or never\b|\bwhile (?:supplies|stocks?) lasts?\b", "none"),
    ("false_urgency", r"\bwon'?t last (?:long|forever)\b|\b(?:deal|offer|price|sale|discount)s? (?:won'?t|will not) last\b", "none"),
    ("false_urgency", r"\b(?:offer|deal|sale|promotion|discount|price)s? (?:ends?|expires?|is ending|runs? out)\b[^.!?\n]{0,30}", "deadline"),
    ("false_urgency", r"\b(?:ends|expires) (?:soon|today|tonight|at midnight|in \d+ (?:hours?|minutes?))\b", "deadline"),
    ("false_urgency", r"\bbuy (?:it )?(?:right )?now\b|\border (?:it )?now\b|\bright now before\b", "none"),
    ("false_urgency", r"\bsolo (?:por )?hoy\b|\bdate prisa\b|\bdaos prisa\b|\bapres[úu]rate\b", "none"),
    ("false_urgency", r"\bnur heute\b|\bbeeil(?:en sie sich|t euch|e dich|\b)|\bnur f[üu]r kurze zeit\b", "none"),
    ("false_urgency", r"\baujourd'hui seulement\b|\bd[ée]p[êe]chez-vous\b|\bd[ée]p[êe]che-toi\b|\bdur[ée]e limit[ée]e\b", "none"),
    ("false_urgency", r"только сегодня|спешите|торопитесь|ограниченное время", "none"),
    ("false_urgency", r"chỉ hôm nay|nhanh tay|nhanh lên|thời gian có hạn", "none"),
    # an end ("ends", "until", "last day"): honest only naming the real end of an offer's promotion
    ("false_urgency", rf"\b(?:until|till|thru)\s+(?={_EN_DAY})|\bthrough\s+(?={_EN_NAMED})", "deadline"),
    ("false_urgency", rf"\b(?:ends|ending|expires?)\s+(?={_EN_DAY})|\blast day\b", "deadline"),
    ("false_urgency", r"\b(?:la )?(?:oferta|promoci[óo]n|descuento|rebaja)s? (?:termina|acaba|finaliza|vence)\b"
                      rf"|\bhasta (?:el )?(?=(?:d[íi]a )?{_DAY_MONTH}|\d{{1,2}}/\d{{1,2}}"
                      r"|mañana|hoy|medianoche|fin de)"
                      r"|\b[úu]ltimo d[íi]a\b", "deadline"),
    ("false_urgency", r"\b(?:angebot|aktion|rabatt)\w* (?:endet|l[äa]uft ab|gilt bis)\b"
                      rf"|\bbis (?:zum |einschlie[ßs]lich )?(?={_DAY_MONTH}|\d{{1,2}}\.\d{{1,2}}\."
                      r"|morgen|heute|mitternacht|ende)"
                      r"|\bletzter tag\b", "deadline"),
    ("false_urgency", r"\b(?:l'offre|la promo(?:tion)?|la remise|les soldes) (?:se termine|prend fin|expire|finit)\b"
                      rf"|\bjusqu'(?:au|à|a)\s+(?={_DAY_MONTH}|\d{{1,2}}/\d{{1,2}}|demain|ce soir|minuit|la fin|fin)"
                      r"|\bdernier jour\b", "deadline"),
    ("false_urgency", r"(?:предложение|акция|скидка) (?:заканчивается|действует до|истекает)"
                      rf"|\bдо (?={_DAY_MONTH}|\d{{1,2}}\.\d{{1,2}}|завтра|полуночи|конца)"
                      r"|последний день", "deadline"),
    ("false_urgency", r"(?:ưu đãi|khuyến mãi|khuyến mại|giảm giá) (?:sắp )?kết thúc"
                      r"|(?:đến|tới) (?:hết )?(?:ngày|(?=\d{1,2}/\d{1,2}))|ngày cuối cùng", "deadline"),
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

NEGATION = re.compile(r"\b(?:no|not|never|without|don'?t|doesn'?t|won'?t|isn'?t|aren'?t|nobody|nothing|zero)\b|n't\b", re.I)
CLAUSE_BREAK = re.compile(r"[.!?;:,\n—–()]| - ")

# --- discount / free claims (what a reply may not claim unless a merchant attribute backs it) ------------
CLAIMS = re.compile(
    r"\b\d{1,3}(?:[.,]\d+)?\s?%\s*(?:off|discount|cheaper|less|rabatt|de descuento|de réduction|скидк\w*)"
    r"|\b\d{1,3}\s?percent\s+(?:off|discount|cheaper)"
    r"|\b(?:discount(?:ed|s)?|coupon|voucher|promo(?:tion(?:al)?)?\s+code|markdown|clearance)\b"
    r"|\b(?:on sale|sale price|half[- ]price|buy one,? get one|bogo)\b"
    r"|\b(?:for free|free of charge|at no (?:extra |additional )?(?:cost|charge)|complimentary|on the house)\b"
    r"|\b(?:is|are|it'?s|they'?re|be|comes?|get it|yours)\s+(?:completely\s+|totally\s+|absolutely\s+)?free\b(?!\s+(?:to|of)\b)"
    r"|\bfree\s+(?:shipping|delivery|gift|upgrade|case|charger|accessor\w*|trial|returns?|item)\b"
    r"|\b(?:gratis|kostenlos|gratuit)\b|бесплатн\w*|miễn phí|giảm giá",
    re.I,
)
CLAIM_NEGATION = re.compile(r"\b(?:no|not|never|can'?t|cannot|don'?t|won'?t|isn'?t|aren'?t|unable|without)\b|n't\b", re.I)

# A catalog name shouting FREE ("FREE today only") is a promotion even where a reply check would not call it a claim.
_SHOUTED_FREE = re.compile(r"(?<![\w-])FREE(?![\w-])")


class PromoHit(BaseModel):
    """One promotional or pressure phrase found in a text."""

    category: PromoCategory
    phrase: str


@lru_cache(maxsize=1)
def compiled_pressure() -> list[tuple[PressureCategory, re.Pattern[str], str]]:
    """The pressure patterns, compiled (category, regex, backing rule)."""
    return [(cat, re.compile(rx, re.I), backing) for cat, rx, backing in PRESSURE_PATTERNS]


def negated(text: str, start: int) -> bool:
    """A negation among the (up to four) words before ``start`` in the same clause."""
    before = text[max(0, start - 60) : start]
    clause = CLAUSE_BREAK.split(before)[-1]
    words = clause.split()[-4:]
    return bool(NEGATION.search(" ".join(words)))


def claim_negated(text: str, start: int) -> bool:
    """A negation just before a discount claim in the same sentence ("I can't offer a discount")."""
    before = re.split(r"[.!?;\n]", text[max(0, start - 50) : start])[-1]
    return bool(CLAIM_NEGATION.search(" ".join(before.split()[-5:])))


def promo_phrases(text: str) -> list[PromoHit]:
    """Pressure and discount wording in ``text``, each phrase once (negated phrases are not wording to worry about)."""
    text = text.replace("\u2019", "'")
    hits: list[PromoHit] = []
    taken: list[tuple[int, int]] = []

    def add(category: PromoCategory, m: re.Match[str]) -> None:
        if any(m.start() < e and s < m.end() for s, e in taken):
            return
        taken.append((m.start(), m.end()))
        hits.append(PromoHit(category=category, phrase=m.group(0).strip()))

    # Most texts hold none of the words a pattern needs: those patterns are skipped (knowledge.regex_literals).
    folded = fold(text) if safe_to_skip(text) else None

    def worth(rx: re.Pattern[str]) -> bool:
        return folded is None or may_match(folded, _required_words(rx))

    for category, rx, _ in compiled_pressure():
        if worth(rx):
            for m in rx.finditer(text):
                if not negated(text, m.start()):
                    add(category, m)
    if worth(CLAIMS):
        for m in CLAIMS.finditer(text):
            if not claim_negated(text, m.start()):
                add("discount_claim", m)
    if worth(_SHOUTED_FREE):
        for m in _SHOUTED_FREE.finditer(text):
            add("discount_claim", m)
    return hits


@lru_cache(maxsize=64)
def _required_words(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The literals any match of one screening pattern contains (read once per pattern)."""
    return required_literals(rx)


_NAME_BREAK = re.compile(r"\s+[-–—|/]\s+|\s*[,:;!(\[]\s*|\s*[)\]]\s*|\s*\*+\s*")


def clean_display_name(name: str) -> str:
    """``name`` up to its first clause carrying promotional or pressure wording ("" when it starts with one).

    "Solar lantern – FREE today only, 90% off" -> "Solar lantern"; a name without such wording is returned as is.
    """
    if not promo_phrases(name):
        return name
    kept: list[str] = []
    pos = 0
    for m in [*_NAME_BREAK.finditer(name), None]:
        end = m.start() if m is not None else len(name)
        clause = name[pos:end]
        if clause.strip() and promo_phrases(clause):
            break
        kept.append(name[pos : m.end() if m is not None else len(name)])
        pos = m.end() if m is not None else len(name)
    cleaned = "".join(kept).strip(" -–—|/,:;!([*")
    # An opening bracket left without its closing one reads badly: drop the dangling part.
    if cleaned.count("(") > cleaned.count(")"):
        cleaned = cleaned[: cleaned.rfind("(")].rstrip(" -–—|/,:;")
    return cleaned if re.search(r"[^\W\d_]", cleaned) and not promo_phrases(cleaned) else ""
