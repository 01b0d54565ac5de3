"""Budget statements and money amounts: "under $800", "mi presupuesto es 500 euros", "5 triệu".

The amount is returned as the shopper stated it, in whatever currency they named: there is no FX conversion.
The store is assumed to sell in the currency its shoppers talk in, so "under 300 euros" in a EUR store means
300 of the store's prices. A shopper naming another currency than the store's gets their number taken as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.signals.text import Span

MAX_AMOUNT = 1e12  # anything larger is a typo or a phone number, not a budget

_NUM = r"\d{1,3}(?:[ ,.']\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?"
_MULT = {
    "k": 1e3, "grand": 1e3, "thousand": 1e3, "mil": 1e3, "nghìn": 1e3, "ngàn": 1e3,
    "тыс": 1e3, "тыс.": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mio": 1e6, "mio.": 1e6, "millionen": 1e6,
    "millones": 1e6, "triệu": 1e6, "tr": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "billion": 1e9, "tỷ": 1e9, "млрд": 1e9,
}  # fmt: skip
_MULT_RE = "|".join(re.escape(k) for k in sorted(_MULT, key=len, reverse=True))
_CUR_PRE = r"US\$|C\$|A\$|\$|€|£|¥|₽|₫|₹|USD|EUR|GBP|RUB|VND"
_CUR_POST = (
    r"\$|€|£|¥|₽|₫|₹|usd|eur|euros?|dollars?|bucks|gbp|quid|rub|rubles?|roubles?|"
    r"руб(?:лей|ля|ль|\.)?|р\.|долларов|доллара|доллар|баксов|евро|"
    r"đô(?:\s+la)?|đồng|vnđ|vnd|dólares|pesos|yen|yuan|rupees?|francs?|chf|pounds?"
)
# A letter must not follow a multiplier or currency word ("500kg" is not 500k).
_NOT_LETTER = r"(?![^\W\d_])"
_AMOUNT = (
    rf"(?P<pre>{_CUR_PRE})?\s?(?P<num>{_NUM})"
    rf"(?:\s?(?P<mult>{_MULT_RE}){_NOT_LETTER})?"
    rf"(?:\s?(?P<post>{_CUR_POST}){_NOT_LETTER})?"
)
_AMOUNT_RE = re.compile(_AMOUNT, re.IGNORECASE)

# What may follow a bare number after a weak cue ("under 800 for the phone"); anything else ("under 2 kg",
# "up to 10 devices") means the number is not money.
_BARE_OK_AFTER = re.compile(
    r"\s*(?:$|[,.;:!?)]|(?:for|and|or|but|please|pls|if|ish|total|in total|all in|or so|tops|max|is|would|"
    r"then|that|which|with|including|incl|range|price|budget)\b)",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|°|\"|x\b|(?:kg|g|gr|grams?|lbs?|pounds? of|oz|ounces?|inch(?:es)?|in(?!\s+total)|cm|mm|m|km|miles?|ft|feet|"
    r"hours?|hrs?|h|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|yrs?|people|persons?|users?|"
    r"gb|tb|mb|mah|w|watts?|v|volts?|hz|mp|fps|ml|l|liters?|litres?|percent|degrees?|steps?|times|items?|"
    r"pieces?|pcs|лет|года?|дней|часов|минут|кг|см|мм|дюйм\w*|giờ|phút|ngày|tuần|tháng|năm|stunden|tage|"
    r"jahre|heures|jours|ans|horas|días|años|zoll|pouces|pulgadas)\b)",
    re.IGNORECASE,
)
_RANGE_TAIL = re.compile(rf"\s*(?:-|–|to|and|a|bis|à|до|đến)\s*(?:{_AMOUNT})", re.IGNORECASE)


@dataclass(frozen=True)
class _Cue:
    pattern: str
    strong: bool  # a bare number after a strong cue is money ("my budget is 500")
    postfix: bool = False
    needs_currency: bool = False  # "around 500" alone is too vague; "around $500" is a budget


_CUES = [
    # budget words, all languages: "my budget is", "Budget liegt bei", "mon budget est de", "бюджет до"
    _Cue(
        r"\b(?:budget|presupuesto|бюджет|ngân\s+sách)\b(?:'s|\s+(?:is|of|at|around|about|roughly|max(?:imum)?|"
        r"at\s+most|up\s+to|under|below|only|just|limit|cap|maybe|probably|like|es|de|son|ronda|unos|m[aá]ximo|"
        r"liegt|ist|beträgt|von|bei|maximal|höchstens|etwa|ca\.|est|c'est|d'environ|environ|tourne|autour|d'|"
        r"до|в|около|примерно|не\s+больше|не\s+более|максимум|của\s+(?:tôi|mình|em|anh|chị|chúng\s+tôi)|"
        r"là|khoảng|tầm|dưới|tối\s+đa|không\s+quá|chỉ|có))*\s*[:=\-–—]?\s*",
        strong=True,
    ),
    _Cue(
        r"\b(?:spend|spending|pay|paying|afford|gastar|pagar|ausgeben|zahlen|dépenser|payer|потратить|"
        r"тратить|заплатить|chi|trả)\s+(?:(?:at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|less\s+than|"
        r"under|around|about|max(?:imum)?|only|just|over|more\s+than|above|beyond|como\s+m[aá]ximo|hasta|"
        r"m[aá]s\s+de|menos\s+de|unos|höchstens|maximal|plus\s+de|moins\s+de|au\s+maximum|больше|более|"
        r"максимум|tối\s+đa|không\s+quá)\s+)*",
        strong=True,
    ),
    _Cue(r"\b(?:(?:spending\s+)?limit|cap|max(?:imum)?)\s+(?:is|of|would\s+be)\s+(?:(?:about|around|roughly)\s+)?", strong=True),
    _Cue(r"\bprice\s+range\s+(?:is\s+|of\s+)?(?:up\s+to\s+|under\s+|around\s+)?", strong=True),
    _Cue(
        r"\b(?:under|below|beneath|less\s+than|cheaper\s+than|no\s+more\s+than|not\s+more\s+than|no\s+higher\s+than|"
        r"not\s+over|nothing\s+over|nothing\s+above|at\s+most|at\s+the\s+most|max(?:imum)?(?:\s+of)?|a\s+max\s+of|"
        r"up\s+to|within|not\s+exceeding|between|"
        r"menos\s+de|como\s+m[aá]ximo|m[aá]ximo|no\s+m[aá]s\s+de|hasta|por\s+debajo\s+de|"
        r"maximal|höchstens|hoechstens|unter|weniger\s+als|nicht\s+mehr\s+als|bis\s+zu|"
        r"moins\s+de|au\s+maximum|pas\s+plus\s+de|jusqu'à|jusqu'a|sous\s+les|en\s+dessous\s+de|"
        r"не\s+больше|не\s+более|максимум|не\s+дороже|дешевле|в\s+пределах|меньше|"
        r"dưới|tối\s+đa|không\s+quá|trong\s+tầm)\s+",
        strong=False,
    ),
    _Cue(
        r"\b(?:around|about|roughly|bis|до|tầm|khoảng|unos|environ|etwa|около|примерно|"
        r"(?:I|we)\s+(?:only\s+)?(?:have|'ve\s+got|got)\s+(?:(?:about|around|only|just|like)\s+)?)\s*",
        strong=False,
        needs_currency=True,
    ),
    _Cue(
        r"\s*(?:max(?:imum)?|tops|at\s+(?:the\s+)?most|or\s+(?:less|under|below|cheaper)|budget|limit|"
        r"is\s+my\s+(?:budget|limit|max(?:imum)?)|to\s+spend|m[aá]ximo|maximal|maximum|максимум|tối\s+đa)\b",
        strong=True,
        postfix=True,
    ),
]


def _compile(cue: _Cue) -> re.Pattern[str]:
    if cue.postfix:
        return re.compile(rf"(?<![\w.,])(?:{_AMOUNT})(?P<cue>{cue.pattern})", re.IGNORECASE)
    return re.compile(rf"(?P<cue>{cue.pattern})(?:{_AMOUNT})", re.IGNORECASE)


_COMPILED = [(_compile(c), c) for c in _CUES]


@dataclass(frozen=True)
class BudgetHit:
    """A stated budget: where it is in the message and the amount."""

    span: Span
    amount: float
    strong: bool


def number_value(num: str) -> float:
    """Parse digits with thousands/decimal separators: "1,200" "1.200" "1 200" "1.200,50" "12.99" "1,5"."""
    s = re.sub(r"[ '\u00a0\u202f]", "", num)
    if "," in s and "." in s:
        dec = max(s.rfind(","), s.rfind("."))
        s = re.sub(r"[.,]", "", s[:dec]) + "." + s[dec + 1 :]
    elif "," in s or "." in s:
        sep = "," if "," in s else "."
        # One separator followed by exactly three digits (or several separators) groups thousands.
        if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+", s):
            s = s.replace(sep, "")
        else:
            s = s.replace(sep, ".")
    return float(s)


def _amount(m: re.Match[str]) -> float | None:
    try:
        value = number_value(m.group("num"))
    except ValueError:
        return None
    mult = m.group("mult")
    if mult:
        value *= _MULT[mult.lower()]
    if not 0 < value < MAX_AMOUNT:
        return None
    return value


def parse_amount(text: str) -> float | None:
    """The first money amount in ``text`` ("$1,200" → 1200.0, "5 triệu" → 5e6, "500k" → 5e5), else None."""
    for m in _AMOUNT_RE.finditer(text):
        value = _amount(m)
        if value is not None:
            return value
    return None


def amounts_in(text: str) -> list[float]:
    """Every number in ``text`` read as an amount (with multipliers), for checking a model's figure."""
    return [v for v in (_amount(m) for m in _AMOUNT_RE.finditer(text)) if v is not None]


def find_budgets(work: str) -> list[BudgetHit]:
    """Every stated budget in the (normalised) message, in order; overlapping readings keep the longest."""
    hits: list[BudgetHit] = []
    for pattern, cue in _COMPILED:
        for m in pattern.finditer(work):
            hit = _accept(work, m, cue)
            if hit is not None:
                hits.append(hit)
    hits.sort(key=lambda h: (h.span.start, -(h.span.end - h.span.start)))
    kept: list[BudgetHit] = []
    for h in hits:
        clash = next((k for k in kept if k.span.overlaps(h.span)), None)
        if clash is None:
            kept.append(h)
        elif h.span.end - h.span.start > clash.span.end - clash.span.start:
            kept[kept.index(clash)] = h
    return kept


def _accept(work: str, m: re.Match[str], cue: _Cue) -> BudgetHit | None:
    amount = _amount(m)
    if amount is None:
        return None
    has_currency = bool(m.group("pre") or m.group("post"))
    marked = has_currency or bool(m.group("mult"))
    amount_end = m.start("cue") if cue.postfix else m.end()
    if not marked:
        if cue.needs_currency:
            return None
        if _UNIT_AFTER.match(work, amount_end):
            return None
        if not cue.strong and (amount < 10 or not _BARE_OK_AFTER.match(work, amount_end)):
            return None
    end = m.end()
    if not cue.postfix:
        # "between 300 and 500", "300-500 dollars": the upper bound is the limit.
        tail = _RANGE_TAIL.match(work, end)
        if tail is not None:
            upper = _amount(tail)
            if upper is not None and upper > amount:
                amount, end = upper, tail.end()
    if m.group("num").startswith("0") and not has_currency and "." not in m.group("num"):
        return None  # "007", a code rather than money
    return BudgetHit(Span(m.start(), end), amount, cue.strong or marked)
