"""Numbers as shoppers write them: digits with thousands separators or decimal commas, and common number words.

Used by the budget parser (agent/signals/budget.py): "1,200" "1.200,50" "1 200", "fifty", "two hundred fifty",
"cincuenta", "fünfzig", "cinquante", "пятьдесят". English number words compose; in the other languages only
round numbers are read, which covers how budgets are said without a parser per language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIGITS = r"\d{1,3}(?:[ ,.']\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?"

# Number words, where cheap: English compounds ("two hundred fifty"), round numbers in the other languages.
_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate("- - twenty thirty forty fifty sixty seventy eighty ninety".split(), 0) if i > 1}
_ROUND_WORDS = {
    # es
    "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
    "noventa": 90, "cien": 100, "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    # de
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90, "hundert": 100, "einhundert": 100, "zweihundert": 200, "dreihundert": 300, "fünfhundert": 500,
    "tausend": 1000, "eintausend": 1000,
    # fr
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
    # ru
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "пятьсот": 500, "тысячу": 1000,
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_EN_SMALL = rf"(?:(?:{_alt(_EN_TENS)})(?:[-\s](?:{_alt(list(_EN_UNITS)[1:10])}))?|{_alt(_EN_UNITS)})"
_EN_NUMBER = (
    rf"(?:(?:a|{_EN_SMALL})\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_EN_SMALL}\s+hundred|{_EN_SMALL}))*"
    rf"|{_EN_SMALL})"
)
_WORD_NUM = rf"(?<![^\W\d_])(?:{_EN_NUMBER}|{_alt(_ROUND_WORDS)})(?![^\W\d_])"
#: A number in digits or in words, as a regex fragment (no groups).
NUMBER = rf"{_DIGITS}|{_WORD_NUM}"


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


def words_value(text: str) -> float | None:
    """A number written in words: "two hundred fifty" -> 250, "a hundred" -> 100, "cincuenta" -> 50; else None."""
    low = text.lower().strip()
    if low in _ROUND_WORDS:
        return float(_ROUND_WORDS[low])
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", low):
        if w in ("a", "and"):
            current = current or (1 if w == "a" else 0)
        elif w in _EN_UNITS:
            current += _EN_UNITS[w]
        elif w in _EN_TENS:
            current += _EN_TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None
