"""Budget statements and money amounts: "under $800", "I can't go over 70", "mi presupuesto es 500 euros".

The one budget parser: the offline detector, the model detector's checks and the reply checks all read budgets
here. A budget has an amount, a scope and, when the shopper named one, a currency:

- scope ``extra`` when the amount bounds only what is added ("I can add another 20 at most", "up to 30 more",
  "20 dollars extra", "on top", "I have 30 left"), else ``total`` (what the shopper would spend in all);
- the amount is the number as stated (digits with thousands separators or decimal commas, "5k", "5 triệu", and
  common number words: "fifty", "a hundred", "cincuenta", "fünfzig", "cinquante", "пятьдесят");
- the currency is an ISO code ("EUR") or "$" for a bare dollar sign, which many currencies share. There is no FX
  conversion (no network at run time, and a rate table would go stale). The policy binds a budget in the
  store's currency, an unmarked one, or one of comparable unit size (the major currencies USD, EUR, GBP, CHF,
  CAD, AUD, NZD, SGD are within about 2x of each other: "20 euros" in a USD store is read as 20 of its prices)
  as is. One in a clearly different currency ("5000 рублей" in a USD store, "$70" in a VND store) is a budget
  it cannot check, so nothing is offered under it rather than risk going over it (:func:`currency_matches`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agent.signals.numbers import NUMBER as _NUM
from agent.signals.numbers import number_value, words_value
from agent.signals.text import Span, normalise, sentences

BudgetScope = Literal["total", "extra"]

MAX_AMOUNT = 1e12  # anything larger is a typo or a phone number, not a budget

_MULT = {
    "k": 1e3, "grand": 1e3, "thousand": 1e3, "mil": 1e3, "nghìn": 1e3, "ngàn": 1e3,
    "тыс": 1e3, "тыс.": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3,
    "million": 1e6, "millions": 1e6, "mln": 1e6, "mio": 1e6, "mio.": 1e6, "millionen": 1e6,
    "millones": 1e6, "triệu": 1e6, "tr": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "billion": 1e9, "tỷ": 1e9, "млрд": 1e9,
}  # fmt: skip
_MULT_RE = "|".join(re.escape(k) for k in sorted(_MULT, key=len, reverse=True))
_CUR_PRE = r"US\$|C\$|A\$|\$|€|£|¥|₽|₫|₹|USD|EUR|GBP|RUB|VND"
# Currencies whose units are within about 2x of each other: an amount in one is read at face value in another.
_COMPARABLE = frozenset("USD EUR GBP CHF CAD AUD NZD SGD $".split())
_CURRENCY_OF = [
    (re.compile(r"^(?:us\$|usd|us\s+dollars?)$"), "USD"), (re.compile(r"^(?:c\$|cad)$"), "CAD"),
    (re.compile(r"^(?:a\$|aud)$"), "AUD"),
    (re.compile(r"^(?:\$|dollars?|bucks|dólares|доллар\w*|бакс\w*|đô(?:\s+la)?)$"), "$"),
    (re.compile(r"^(?:€|eur|euros?|евро)$"), "EUR"), (re.compile(r"^(?:£|gbp|pounds?|quid)$"), "GBP"),
    (re.compile(r"^(?:₽|rub|rubles?|roubles?|руб\w*|р\.)$"), "RUB"), (re.compile(r"^(?:₫|vnd|vnđ|đồng)$"), "VND"),
    (re.compile(r"^(?:₹|rupees?)$"), "INR"), (re.compile(r"^(?:¥|yen)$"), "JPY"), (re.compile(r"^yuan$"), "CNY"),
    (re.compile(r"^(?:chf|francs?)$"), "CHF"), (re.compile(r"^pesos$"), "$"),
]

_CUR_POST = (
    r"\$|€|£|¥|₽|₫|₹|usd|eur|euros?|dollars?|bucks|gbp|quid|rub|rubles?|roubles?|dólar|"
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
# Words right after an amount that make it an added amount ("30 more", "20 euros de plus", "100 nghìn nữa").
_EXTRA_AFTER = (
    r"(?:more|extra|additional|left|remaining|on\s+top(?:\s+of\s+(?:that|it|this|what\s+I\s+have|(?:the|my)\s+[^\W\d_]+))?|de\s+plus|en\s+plus|suppl[ée]mentaires?|m[aá]s|adicionales?|"
    r"de\s+m[aá]s|mehr|zus[äa]tzlich|aufpreis|mehrpreis|extra|дополнительно|сверху|ещё|еще|nữa|thêm)"
)
_BARE_OK_AFTER = re.compile(
    rf"\s*(?:{_EXTRA_AFTER}\b\s*)?(?:$|[,.;:!?)]|(?:for|and|or|but|though|tho|please|pls|if|ish|total|in total|all in|or so|tops|"
    r"au\s+total|en\s+total|en\s+tout|insgesamt|всего|tổng|"
    r"max|is|would|then|that|which|with|including|incl|range|price|budget|at\s+most|to\s+spend)\b)",
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
    then: str | None = None  # must follow the amount in the same sentence ("mehr als 15 Euro … nicht")


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
        r"maybe|perhaps|probably|like|"
        r"under|around|about|max(?:imum)?|only|just|over|more\s+than|above|beyond|como\s+m[aá]ximo|hasta|"
        r"m[aá]s\s+de|menos\s+de|unos|höchstens|maximal|plus\s+de|moins\s+de|au\s+maximum|больше|более|"
        r"максимум|tối\s+đa|không\s+quá|quá|hơn|another|an\s+extra|an\s+additional|extra)\s+)*",
        strong=True,
    ),
    # "I can't add more than 20 on top", "add at most 15": a limit on what is added is money unless a unit follows
    # (the bare-number check), so it needs no currency.
    _Cue(
        r"\b(?:add|adding|put\s+in)\s+(?:(?:only|just)\s+)?(?:at\s+most|up\s+to|no\s+more\s+than|more\s+than|"
        r"max(?:imum)?)\s+",
        strong=False,
    ),
    # "I can add another $10", "I can add 30 euros": an amount to add, so it must name a currency
    # ("add 2 more" counts items).
    _Cue(
        r"\b(?:add|adding|put\s+in|put|putting|chip\s+in)\s+(?:(?:at\s+most|up\s+to|no\s+more\s+than|more\s+than|over|another|"
        r"an\s+extra|an\s+additional|only|just|max(?:imum)?|like|about|around|roughly|maybe|perhaps)\s+)*",
        strong=False,
        needs_currency=True,
    ),
    # "I can't go over $70", "don't want to exceed 60", "no puedo pasar de 90", "sans dépasser 50 €"
    _Cue(
        # Chat drops the apostrophe: "i cant go over $200".
        r"\b(?:(?:can'?t|cannot|can\s+not|won'?t|will\s+not|don'?t|do\s+not|wouldn'?t|would\s+rather\s+not|"
        r"rather\s+not|shouldn'?t|mustn'?t|not|never|no)\s+(?:want\s+to\s+|like\s+to\s+|(?:be\s+)?able\s+to\s+)?"
        r"(?:go|going|get|getting|be|go\s+much)\s+(?:over|above|past|beyond|higher\s+than)|"
        r"(?:can'?t|cannot|won'?t|don'?t\s+want\s+to|do\s+not\s+want\s+to|rather\s+not|not\s+to|without|never)\s+"
        r"exceed(?:ing)?|"
        r"(?:no\s+(?:puedo\s+|quiero\s+|debo\s+)?|sin\s+)(?:pasar(?:me)?|superar|exceder)\s+(?:de\s+|los\s+|las\s+)?|"
        r"(?:ne\s+(?:veux|peux|dois)\s+pas|sans|pas)\s+d[ée]passer\s+(?:les\s+)?|"
        r"nicht\s+(?:mehr\s+als|über)|"
        r"не\s+(?:выше|дороже\s+чем|больше\s+чем|превыша\w*)|"
        r"không\s+(?:vượt\s+quá|hơn))\s*",
        strong=True,
    ),
    # German and Russian put the negation last: "Mehr als 15 Dollar extra will ich nicht ausgeben", "больше 400
    # долларов я не потяну".
    _Cue(r"\b(?:mehr\s+als|über)\s+", strong=False, needs_currency=True, then=r"[^.!?]{0,60}\bnicht\b"),
    _Cue(r"\b(?:больше|более|свыше)\s+", strong=False, needs_currency=True, then=r"[^.!?,;]{0,40}\bне\b"),
    _Cue(r"\b(?:(?:spending\s+)?limit|cap|max(?:imum)?)\s+(?:is|of|would\s+be)\s+(?:(?:about|around|roughly)\s+)?", strong=True),
    _Cue(r"\bprice\s+range\s+(?:is\s+|of\s+)?(?:up\s+to\s+|under\s+|around\s+)?", strong=True),
    _Cue(
        r"\b(?:under|below|beneath|less\s+than|cheaper\s+than|no\s+more\s+than|not\s+more\s+than|no\s+higher\s+than|"
        r"not\s+over|nothing\s+over|nothing\s+above|at\s+most|at\s+the\s+most|max(?:imum)?(?:\s+of)?|a\s+max\s+of|"
        r"up\s+to|within|not\s+exceeding|between|"
        r"menos\s+de|como\s+m[aá]ximo|como\s+mucho|m[aá]ximo|no\s+m[aá]s\s+de|hasta|por\s+debajo\s+de|"
        r"maximal|höchstens|hoechstens|unter|weniger\s+als|nicht\s+mehr\s+als|bis\s+zu|"
        r"moins\s+de|au\s+maximum|pas\s+plus\s+de|jusqu'à|jusqu'a|sous\s+les|en\s+dessous\s+de|"
        r"не\s+больше|не\s+более|максимум|не\s+дороже|дешевле|в\s+пределах|меньше|"
        r"dưới|tối\s+đa|không\s+quá|trong\s+tầm)\s+",
        strong=False,
    ),
    _Cue(
        r"\b(?:around|about|roughly|bis|до|tầm|khoảng|unos|environ|etwa|около|примерно|"
        r"(?:I|we)(?:'ve\s+got|\s+(?:only\s+)?(?:have|'ve\s+got|got))\s+(?:(?:about|around|only|just|like)\s+)?)\s*",
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
        # "30 more max", "20 euros de plus maximum", "40 left to spend": an added-amount word may sit between.
        return re.compile(
            rf"(?<![\w.,])(?:{_AMOUNT})(?:\s*{_EXTRA_AFTER}(?![^\W\d_]))?(?P<cue>{cue.pattern})", re.IGNORECASE
        )
    return re.compile(rf"(?P<cue>{cue.pattern})(?:{_AMOUNT})", re.IGNORECASE)


_COMPILED = [(_compile(c), c, re.compile(c.then, re.IGNORECASE) if c.then else None) for c in _CUES]

# Scope: an amount right after "another"/"noch"/"encore"/"ещё"/"thêm" or an adding verb is an added amount; so is
# one followed by "more"/"extra"/"left" (_EXTRA_AFTER), or said with "on top"/"zusätzlich"/"сверху" in its clause.
_EXTRA_BEFORE = re.compile(
    r"(?:\b(?:another|an?\s+(?:extra|additional)|add|adding|noch|encore|ajouter|rajouter|otr[oa]s?|añadir|agregar|"
    r"dazu|добавить)\b|(?<!\w)(?:ещё|еще))(?:\s+\S+){0,2}?\s*$|"
    # Vietnamese words are written a syllable at a time: "thêm được tối đa 15 đô" has two words between.
    r"(?<!\w)thêm(?:\s+\S+){0,4}?\s*$",
    re.IGNORECASE,
)
_EXTRA_NEAR = re.compile(
    r"\b(?:on\s+top|in\s+addition|additionally|zus[äa]tzlich|obendrauf|drauflegen|draufzahlen|dazulegen|"
    r"dazuzahlen|dazugeben|en\s+plus|adem[aá]s|aparte)\b|(?<!\w)(?:дополнительно|сверху|доплат\w*|ngoài\s+ra)(?!\w)",
    re.IGNORECASE,
)
_EXTRA_RIGHT_AFTER = re.compile(rf"\s*(?:{_EXTRA_AFTER})(?![^\W\d_])", re.IGNORECASE)
# Said to be the whole order: wins over any added-amount word.
_TOTAL = re.compile(
    r"\b(?:total|in\s+total|overall|all\s+in|altogether|for\s+everything|all\s+together|en\s+total|en\s+tout|"
    r"au\s+total|insgesamt|gesamt|zusammen)\b|(?<!\w)(?:в\s+сумме|всего|итого|tổng(?:\s+cộng)?|tất\s+cả)(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BudgetHit:
    """A stated budget: where it is in the message, the amount, whether it bounds the total or what is added,
    and the currency the shopper named (ISO code, "$" for a bare dollar sign, None when unmarked)."""

    span: Span
    amount: float
    strong: bool
    scope: BudgetScope = "total"
    currency: str | None = None


def _amount(m: re.Match[str]) -> float | None:
    num = m.group("num")
    try:
        value = number_value(num) if num[0].isdigit() else words_value(num)
    except ValueError:
        return None
    if value is None:
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
    for pattern, cue, then in _COMPILED:
        for m in pattern.finditer(work):
            hit = _accept(work, m, cue, then)
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


def _accept(work: str, m: re.Match[str], cue: _Cue, then: re.Pattern[str] | None) -> BudgetHit | None:
    amount = _amount(m)
    if amount is None:
        return None
    has_currency = bool(m.group("pre") or m.group("post"))
    marked = has_currency or bool(m.group("mult"))
    amount_end = max(m.end(g) for g in ("num", "mult", "post") if m.group(g))
    if then is not None and not then.match(work, amount_end):
        return None
    if not marked:
        if cue.needs_currency:
            return None
        if not m.group("num")[0].isdigit() and amount < 10:
            return None  # "max one", "up to two": a count, not money
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
    span = Span(m.start(), end)
    currency = currency_code(m.group("pre") or m.group("post"))
    amount_start = m.start("pre") if m.group("pre") else m.start("num")
    return BudgetHit(span, amount, cue.strong or marked, _scope(work, span, amount_start, amount_end), currency)


def _scope(work: str, span: Span, amount_start: int, amount_end: int) -> BudgetScope:
    """``extra`` when the words around the amount say it is added to what the shopper has, else ``total``."""
    sent = next((s for s in sentences(work) if s.start <= span.start < s.end), Span(0, len(work)))
    around = work[sent.start : sent.end]
    if _TOTAL.search(around):
        return "total"
    if _EXTRA_RIGHT_AFTER.match(work, amount_end) or _EXTRA_RIGHT_AFTER.match(work, span.end):
        return "extra"
    # The words before the amount, its cue included ("I can't add more than $10", "spend another 20").
    if _EXTRA_BEFORE.search(work[max(sent.start, amount_start - 40) : amount_start]):
        return "extra"
    return "extra" if _EXTRA_NEAR.search(around) else "total"


def currency_code(word: str | None) -> str | None:
    """The currency a symbol or word names: "€"/"euros" -> "EUR", "$"/"bucks" -> "$" (some dollar); else None."""
    if not word:
        return None
    low = " ".join(word.lower().split())
    return next((code for rx, code in _CURRENCY_OF if rx.match(low)), None)


def currency_matches(stated: str | None, store: str) -> bool:
    """Whether an amount in ``stated`` may be compared with the store's prices as is: unmarked, the same currency,
    or two currencies of comparable unit size (a bare "$" counts as one of those); see the module docstring."""
    if stated is None:
        return True
    store = store.upper()
    if stated == store or (stated == "$" and store in ("HKD", "MXN", "TWD")):
        return True
    return stated in _COMPARABLE and store in _COMPARABLE


def budget_reading(message: str, span_text: str) -> tuple[BudgetScope, str | None]:
    """Scope and currency of the budget a span of ``message`` states (for budgets a model found): the parser's
    reading of the budget overlapping the span, else the span's own currency and scope ``total``."""
    _, work = normalise(message)
    at = work.find(normalise(span_text)[1])
    if at >= 0:
        where = Span(at, at + len(span_text))
        for hit in find_budgets(work):
            if hit.span.overlaps(where):
                return hit.scope, hit.currency
    m = _AMOUNT_RE.search(normalise(span_text)[1])
    return "total", currency_code(m.group("pre") or m.group("post")) if m else None


def budget_amounts(text: str) -> list[float]:
    """The amounts ``text`` states as budgets ("under $50", "my budget is 800"): what a reply may repeat back."""
    return [h.amount for h in find_budgets(normalise(text)[1])]
