"""Days a reply names (in en/es/de/fr/ru/vi) and whether they are a promotion's real end; the end as words.

Urgency wording ("ends 3 Dec", "until Friday", "last day") is honest only when it names the end of a promotion
an offer carries (``promo_ends_at``). A day is named as an ISO date, a day and a month in any of the six
languages ("3 Dec", "December 3rd", "3 de diciembre", "3. Dezember", "3 décembre", "3 декабря", "3 tháng 12"),
a numeric date ("3/12" either way round, German "3.12."), an English weekday, or "today"/"tomorrow" in the six
languages (read in the promotion's own timezone). A promotion ending exactly at midnight may be named by either
day it touches ("until 2 Dec" or "until 3 Dec" for ``2026-12-03T00:00``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from knowledge.promo_words import MONTH_NAMES, MONTHS_RX

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_TODAY = r"today|tonight|hoy|esta noche|heute|aujourd'hui|ce soir|сегодня|hôm nay|tối nay"
_TOMORROW = r"tomorrow|mañana|morgen|demain|завтра|ngày mai"

_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")
_DAY_MONTH = re.compile(
    rf"(?<![\d$€£.,])(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?P<mon>{MONTHS_RX})(?![^\W\d_])\.?"
    r"(?:,?\s+(?:de\s+)?(?P<y>\d{4}))?",
    re.I,
)
_MONTH_DAY = re.compile(
    rf"(?<![^\W\d_])(?P<mon>{MONTHS_RX})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>\d{{4}}))?", re.I
)
_VI = re.compile(r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?", re.I)
_SLASH = re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?(?![\d/])")
_DOTTED = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?(?!\d)")  # German 3.12.(2026)
_RELATIVE = re.compile(rf"(?<![^\W\d_])(?:(?P<today>{_TODAY})|(?P<tomorrow>{_TOMORROW})|(?P<wd>{'|'.join(_WEEKDAYS)}))"
                       r"(?![^\W\d_])", re.I)

#: A named day: (year or None, month, day); several readings for an ambiguous one ("3/12").
Readings = list[tuple[int | None, int, int]]


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        date(y or 2000, m, d)  # 2000: a leap year, so 29 Feb without a year is a day
    except ValueError:
        return False
    return True


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def named_days(text: str, today: date) -> list[tuple[int, Readings]]:
    """Each day ``text`` names (where it starts, its possible readings); relative words read against ``today``."""
    found: list[tuple[int, int, Readings]] = []

    def add(m: re.Match[str], readings: Readings) -> None:
        readings = [r for r in readings if _valid(*r)]
        if readings and not any(m.start() < e and s < m.end() for s, e, _ in found):
            found.append((m.start(), m.end(), readings))

    for m in _ISO.finditer(text):
        add(m, [(int(m["y"]), int(m["m"]), int(m["d"]))])
    for rx in (_DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(text):
            add(m, [(_year(m["y"]), MONTH_NAMES[m["mon"].lower()], int(m["d"]))])
    for rx in (_VI, _DOTTED):
        for m in rx.finditer(text):
            add(m, [(_year(m["y"]), int(m["m"]), int(m["d"]))])
    for m in _SLASH.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        add(m, [(y, b, a), (y, a, b)])
    for m in _RELATIVE.finditer(text):
        if m["today"]:
            day = today
        elif m["tomorrow"]:
            day = today + timedelta(days=1)
        else:
            day = today + timedelta(days=(_WEEKDAYS.index(m["wd"].lower()) - today.weekday()) % 7)
        add(m, [(day.year, day.month, day.day)])
    return [(s, r) for s, _, r in sorted(found)]


def end_days(ends_at: datetime) -> set[date]:
    """The days that name ``ends_at`` in its own timezone (two when it ends exactly at midnight)."""
    return {ends_at.date(), (ends_at - timedelta(microseconds=1)).date()}


def _matches(readings: Readings, days: set[date]) -> bool:
    return any((y is None or y == d.year) and m == d.month and dd == d.day for y, m, dd in readings for d in days)


def names_end(text: str, ends: Sequence[datetime], now: datetime | None, at: int = 0) -> bool:
    """Whether the day ``text`` names for the urgency wording at offset ``at`` is the real end of one of ``ends``.

    That day is the first one named after ``at`` ("ends 3 Dec"), else the last one before it ("3 Dec is the last
    day"); other days in the sentence ("for your trip on 5 Jan") are not about the promotion.
    """
    for end in ends:
        today = (now.astimezone(end.tzinfo) if now is not None else end).date()
        named = named_days(text, today)
        after = [r for s, r in named if s >= at]
        before = [r for s, r in named if s < at]
        meant = after[0] if after else (before[-1] if before else None)
        if meant is not None and _matches(meant, end_days(end)):
            return True
    return False


_RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
_SHORT_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def end_words(ends_at: datetime, now: datetime | None = None, lang: str | None = "en") -> str:
    """The last day a promotion covers, as a reply in ``lang`` names it: "3 Dec" in English, "3.12." in German,
    "3 tháng 12" in Vietnamese, "3 декабря" in Russian, "3/12" (day first) otherwise; the year is added when it is not now's."""
    last = (ends_at - timedelta(microseconds=1)).date()
    this_year = (now.astimezone(ends_at.tzinfo) if now is not None else ends_at).year
    year = last.year if last.year != this_year else None
    if lang == "de":
        return f"{last.day}.{last.month}.{year or ''}"
    if lang == "vi":
        return f"{last.day} tháng {last.month}" + (f" năm {year}" if year else "")
    if lang == "ru":
        return f"{last.day} {_RU_MONTHS[last.month - 1]}" + (f" {year}" if year else "")
    if lang in ("es", "fr"):
        return f"{last.day}/{last.month}" + (f"/{year}" if year else "")
    text = f"{last.day} {_SHORT_MONTHS[last.month - 1]}"
    return f"{text} {year}" if year else text
