"""Typed measures of a product: numbers with units, read from its attributes and its name/description text.

A :class:`Measure` is one quantity (``dimension``) with its value in the dimension's base unit (minutes, lumens,
mAh, Wh, GB, ml, g, mm, W, V, ...), where it came from and the ``slot`` it fills: the attribute key, or
``text:<dimension>`` for a figure found in the text. Products are compared slot by slot
(:func:`compare_measures`), which is what upgrades and cheaper versions are judged on.

Attribute keys carry their unit as a suffix (``battery_wh``, ``runtime_min``, ``weight_kg``, ``capacity_l``) or
are the unit (``lumens``, ``watts``); a few key words refine the quantity: a duration named for charging or
heating is a *wait* (shorter is better), a mass named as a limit (``max_load_kg``) is a *load*, not the
product's weight. Unit-less numbers are *levels* compared only with the same key (``spf``, ``heat_settings``);
booleans are *features*. Text figures are read only for dimensions no attribute covers (the attributes are the
merchant's structured data and win), and the largest one per dimension stands for the product ("from 0.5 to
10 mm" is a 10 mm capability). Numbers may be written 1,200.5 or 1.200,5 or 10 000.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from knowledge.models import Product
from knowledge.text import lang_of

Direction = Literal["up", "down"]

# unit word -> (dimension, factor to the dimension's base unit). Keys are lower-case.
UNITS: dict[str, tuple[str, float]] = {}


def _units(dimension: str, factor: float, *names: str) -> None:
    for n in names:
        UNITS[n] = (dimension, factor)


_units("duration", 1 / 60, "s", "sec", "secs", "second", "seconds", "sekunden", "secondes", "segundos", "сек")
_units("duration", 1, "min", "mins", "minute", "minutes", "minuten", "minutos", "минут", "мин", "phút")
_units("duration", 60, "h", "hr", "hrs", "hour", "hours", "stunden", "std", "heures", "horas", "часов", "часа", "ч", "giờ")
_units("duration", 1440, "day", "days", "tage", "jours", "días", "dias", "дней", "ngày")
_units("duration", 10080, "week", "weeks", "wochen", "semaines", "semanas", "недель")
_units("duration", 43800, "month", "months", "monate", "mois", "meses", "месяцев", "tháng")
_units("duration", 525600, "year", "years", "yr", "yrs", "jahre", "ans", "años", "лет", "năm")
_units("brightness", 1, "lm", "lumen", "lumens")
_units("illuminance", 1, "lux", "lx")
_units("charge", 1, "mah")
_units("charge", 1000, "ah")
_units("energy", 1, "wh")
_units("energy", 1000, "kwh")
_units("storage", 1 / 1024, "mb")
_units("storage", 1, "gb")
_units("storage", 1024, "tb")
_units("volume", 1, "ml", "millilitres", "milliliters")
_units("volume", 10, "cl")
_units("volume", 100, "dl")
_units("volume", 1000, "l", "litre", "litres", "liter", "liters", "литр", "литров", "lít")
_units("volume", 29.5735, "floz", "fl oz")
_units("volume", 3785.41, "gal", "gallon", "gallons")
_units("mass", 0.001, "mg")
_units("mass", 1, "g", "gram", "grams", "gramm", "grammes", "gramos", "грамм", "г")
_units("mass", 1000, "kg", "kilo", "kilos", "kilogram", "kilograms", "кг")
_units("mass", 453.592, "lb", "lbs", "pound", "pounds")
_units("mass", 28.3495, "oz", "ounce", "ounces")
_units("length", 1, "mm")
_units("length", 10, "cm")
_units("length", 1000, "m", "meter", "meters", "metre", "metres", "meter", "mètres", "metros", "метров", "м", "mét")
_units("length", 1_000_000, "km")
_units("length", 25.4, "in", "inch", "inches", '"', "″")
_units("length", 304.8, "ft", "foot", "feet")
_units("power", 0.001, "mw")
_units("power", 1, "w", "watt", "watts", "вт")
_units("power", 1000, "kw")
_units("voltage", 1, "v", "volt", "volts", "в")
_units("noise", 1, "db", "dba")
_units("torque", 1, "nm")
_units("temperature", 1, "c", "°c", "ºc")
_units("area", 1, "m2", "m²", "sqm")
_units("area", 0.092903, "ft2", "ft²", "sqft")
_units("resolution", 1, "mp", "megapixel", "megapixels")
_units("data_rate", 1, "mbs", "mbps")

# Key words that say a quantity is how many people or servings a product takes.
PEOPLE_WORDS = frozenset("people persons person seats users members licenses licences guests sleeps servings cups".split())
# Refinements by key words (the quantity named, not its unit).
_WAIT_WORDS = frozenset("charge charging recharge boil heat heating warmup dry drying ready".split())
_LOAD_WORDS = frozenset("load max capacity holds supports".split())
_SKIP_WORDS = frozenset("auto off delay timer resistant resistance".split())
_WARRANTY_WORDS = frozenset("warranty guarantee".split())

#: Which way is better, per dimension; dimensions not listed have no better side.
DIRECTION: dict[str, Direction] = {
    **dict.fromkeys(
        "duration brightness illuminance charge energy storage volume power people load torque resolution level "
        "feature area length warranty data_rate".split(),
        "up",
    ),
    "mass": "down",
    "noise": "down",
    "wait": "down",
}
#: Dimensions whose getting worse disqualifies an upgrade: a pricier sibling must not give less of them. Mass is
#: not one (bigger, better things often weigh more) and neither is losing a feature flag.
KEY_DIMENSIONS = frozenset(d for d, s in DIRECTION.items() if s == "up") - {"feature"}

#: How a value is shown in base units, and a larger display unit with the threshold to switch to it.
DISPLAY: dict[str, tuple[str, tuple[str, float] | None]] = {
    "duration": ("min", ("h", 60)),
    "wait": ("min", ("h", 60)),
    "brightness": ("lumens", None),
    "illuminance": ("lux", None),
    "charge": ("mAh", ("Ah", 1000)),
    "energy": ("Wh", ("kWh", 1000)),
    "storage": ("GB", ("TB", 1024)),
    "volume": ("ml", ("l", 1000)),
    "mass": ("g", ("kg", 1000)),
    "load": ("g", ("kg", 1000)),
    "length": ("mm", ("m", 1000)),
    "power": ("W", ("kW", 1000)),
    "voltage": ("V", None),
    "noise": ("dB", None),
    "torque": ("Nm", None),
    "temperature": ("°C", None),
    "area": ("m²", None),
    "resolution": ("MP", None),
    "people": ("", None),
    "warranty": ("min", ("years", 525600)),
}


class Measure(BaseModel):
    """One quantity of a product, in its dimension's base unit."""

    model_config = ConfigDict(frozen=True)

    dimension: str
    value: float
    slot: str
    source: Literal["attribute", "text"]
    label: str = ""

    @property
    def direction(self) -> Direction | None:
        """Which way is better for this quantity, if either."""
        return DIRECTION.get(self.dimension)


# --- numbers -----------------------------------------------------------------------------------
_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
_COMMA_DECIMAL_LANGS = frozenset("de fr es it pt ru vi nl pl tr".split())


def parse_number(raw: str, locale: str | None = None) -> float | None:
    """A written number as a float: "1,200.5", "1.200,5", "10 000", "1,5" (comma decimal) -> value."""
    s = re.sub(r"[ \u00a0\u202f]", "", raw.strip())
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit():
        return None
    comma, dot = s.rfind(","), s.rfind(".")
    if comma >= 0 and dot >= 0:
        dec = max(comma, dot)
        whole, frac = s[:dec], s[dec + 1 :]
    elif comma >= 0 or dot >= 0:
        sep = "," if comma >= 0 else "."
        parts = s.split(sep)
        grouped = len(parts) > 2 or (len(parts[-1]) == 3 and len(parts[0]) <= 3)
        lang = lang_of(locale) or "en"
        if grouped and (len(parts) > 2 or sep == "," or lang in _COMMA_DECIMAL_LANGS):
            # "10,000" / "1.200.000" / "1.200" in a comma-decimal language: thousands.
            whole, frac = "".join(parts), ""
        else:
            whole, frac = "".join(parts[:-1]), parts[-1]
    else:
        whole, frac = s, ""
    whole = whole.replace(",", "").replace(".", "")
    try:
        return float(f"{whole or 0}.{frac or 0}")
    except ValueError:
        return None


_TEXT_UNITS = sorted((u for u in UNITS if u not in ("in", "c", "s", "ч", "м", "в", "г", "v", "m", "g", "h", "l", "w")), key=len, reverse=True)
# One-letter units are read only straight after the number ("5 m", "20 h", "9V"), never as words.
_SHORT_UNITS = ("v", "m", "g", "h", "l", "w", "ч", "м", "в", "г")
_FIGURE = re.compile(
    rf"(?<![\w.,/])(?P<num>{_NUM})\s?(?:-\s?)?(?P<unit>{'|'.join(re.escape(u) for u in _TEXT_UNITS)}|"
    rf"{'|'.join(_SHORT_UNITS)})(?![\w²])",
    re.I,
)
# "in about 40 minutes", "charges in 2 h": a duration after "in" is how long something takes, not how long it runs.
_WAIT_BEFORE = re.compile(r"\b(?:in|within|takes?|under|en|in\s+about|in\s+around|in\s+roughly|in\s+just)\s*(?:about|around|roughly|just|only|under)?\s*$", re.I)
_PEOPLE_TEXT = re.compile(
    rf"(?<![\w.,])(?P<num>\d{{1,3}})\s+(?P<unit>{'|'.join(sorted(PEOPLE_WORDS))})\b|\b(?:sleeps|seats|serves)\s+(?P<num2>\d{{1,3}})\b",
    re.I,
)


def text_figures(text: str, locale: str | None = None) -> list[tuple[str, float, str]]:
    """Every figure with a unit in a text, as (dimension, value in base unit, the text as written)."""
    out: list[tuple[str, float, str]] = []
    for m in _FIGURE.finditer(text):
        unit = m.group("unit").lower()
        if unit not in UNITS:
            continue
        value = parse_number(m.group("num"), locale)
        if value is None:
            continue
        dim, factor = UNITS[unit]
        if dim == "duration" and _WAIT_BEFORE.search(text[max(0, m.start() - 24) : m.start()]):
            dim = "wait"
        out.append((dim, value * factor, m.group(0)))
    for m in _PEOPLE_TEXT.finditer(text):
        n = m.group("num") or m.group("num2")
        out.append(("people", float(n), m.group(0)))
    return out


# --- attributes --------------------------------------------------------------------------------
def _key_words(key: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", key.lower()) if w]


def _refine(dimension: str, words: set[str]) -> str | None:
    """The quantity a key names within its unit's dimension; None when it is a setting, not a capability."""
    if words & _WARRANTY_WORDS:
        return "warranty"
    if dimension == "duration":
        if words & _WAIT_WORDS or ("time" in words and "run" not in words and "runtime" not in words):
            return "wait"
        if words & _SKIP_WORDS:
            return None
    if dimension == "mass" and words & _LOAD_WORDS:
        return "load"
    if dimension == "mass" and words & {"min"}:
        return None
    return dimension


def _rate(words: list[str], value: float) -> tuple[str, float] | None:
    """A key naming an amount per time ("write_mb_s", "flow_l_per_min", "speed_km_h"): the rate's dimension (the
    amount's, with ``_rate``) and its value as stated (members of a line name a rate the same way); None when it is
    no rate. Read as its last unit, a write speed in MB/s would be a duration of seconds."""
    body = [w for w in words[:-1] if w != "per"]
    if len(body) < 2 or body[-1] not in UNITS:
        return None
    amount_dim = UNITS[body[-1]][0]
    if amount_dim == "duration":
        return None
    return f"{amount_dim}_rate", float(value)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def attribute_measure(key: str, value: Any) -> Measure | None:
    """The measure an attribute holds, if any (``weight_kg: 1.2`` -> mass 1200 g; ``battery: "20 h"``)."""
    words = _key_words(key)
    if "at" in words[1:]:
        words = words[: words.index("at")]  # "lux_at_1m", "range_km_at_25kmh": the condition is no unit
    if not words or value is None:
        return None
    label = " ".join(words)
    if isinstance(value, bool):
        return Measure(dimension="feature", value=1.0 if value else 0.0, slot=key, source="attribute", label=label)
    if _is_number(value):
        unit = words[-1] if words[-1] in UNITS and len(words) > 1 else None
        if unit is None and len(words) == 1 and words[0] in UNITS and len(words[0]) > 2:
            unit = words[0]  # "lumens", "watts", "litres": the key is the unit
        if unit is not None:
            dim, factor = UNITS[unit]
            rate = _rate(words, value) if dim == "duration" else None
            if rate is not None:
                return Measure(dimension=rate[0], value=rate[1], slot=key, source="attribute", label=label)
            refined = _refine(dim, set(words[:-1]) if len(words) > 1 else set())
            if refined is None:
                return None
            return Measure(dimension=refined, value=float(value) * factor, slot=key, source="attribute", label=label)
        if set(words) & PEOPLE_WORDS:
            return Measure(dimension="people", value=float(value), slot=key, source="attribute", label=label)
        if set(words) & {"usd", "eur", "gbp", "price", "deductible"}:
            return None
        return Measure(dimension="level", value=float(value), slot=key, source="attribute", label=label)
    if isinstance(value, str):
        figures = text_figures(value)
        if len(figures) >= 1:
            # "110-240 V" or "20 h": the largest figure is the capability.
            dim, v, _ = max(figures, key=lambda f: f[1])
            refined = _refine(dim, set(words)) if dim in ("duration", "mass") else dim
            if refined is not None:
                return Measure(dimension=refined, value=v, slot=key, source="attribute", label=label)
    return None


def product_measures(p: Product) -> tuple[Measure, ...]:
    """The product's measures: its attributes first, then text figures for dimensions no attribute covers."""
    out: list[Measure] = []
    covered: set[str] = set()
    for key, value in p.attributes.items():
        m = attribute_measure(key, value)
        if m is not None:
            out.append(m)
            covered.add(m.dimension)
        elif (words := _key_words(key)) and words[-1] in UNITS:
            # A setting in that unit ("auto_off_min"): its figure in the text is no capability either.
            covered.add(UNITS[words[-1]][0])
    best: dict[str, tuple[float, str]] = {}
    for dim, value, written in text_figures(f"{p.name}. {p.description}"):
        if dim in covered:
            continue
        if dim not in best or value > best[dim][0]:
            best[dim] = (value, written)
    out.extend(
        Measure(dimension=dim, value=v, slot=f"text:{dim}", source="text", label=written) for dim, (v, written) in best.items()
    )
    return tuple(out)


#: Attributes that say how a product looks: what a colour variant differs in, never what it fits or does.
LOOK_KEYS = frozenset("color colour colors colours finish pattern shade print".split())


def text_attributes(p: Product) -> dict[str, str]:
    """Attributes that are words, not measures (colour, finish, material): what a mere variant differs in."""
    return {k: str(v) for k, v in p.attributes.items() if isinstance(v, str) and attribute_measure(k, v) is None}


# --- comparing ---------------------------------------------------------------------------------
class Change(BaseModel):
    """How one quantity differs from a base product to another: the values and whether that is better."""

    model_config = ConfigDict(frozen=True)

    dimension: str
    slot: str
    label: str
    old: float
    new: float

    @property
    def better(self) -> bool:
        """Whether the change goes the better way for its dimension."""
        d = DIRECTION.get(self.dimension)
        return (d == "up" and self.new > self.old) or (d == "down" and self.new < self.old)

    @property
    def worse(self) -> bool:
        """Whether the change goes the worse way for its dimension."""
        d = DIRECTION.get(self.dimension)
        return (d == "up" and self.new < self.old) or (d == "down" and self.new > self.old)


def compare_measures(base: tuple[Measure, ...], other: tuple[Measure, ...]) -> list[Change]:
    """Quantities both products state that differ, slot by slot.

    A text figure pairs with the other product's attribute of the same dimension when that side has no text
    figure for it (one product states "30 m" in its name, its sibling ``length_m: 25``): the largest such value.
    """
    a = {m.slot: m for m in base}
    b = {m.slot: m for m in other}
    out: list[Change] = []
    for slot in a.keys() & b.keys():
        x, y = a[slot], b[slot]
        if x.dimension == y.dimension and abs(x.value - y.value) > 1e-9:
            out.append(Change(dimension=x.dimension, slot=slot, label=y.label or x.label, old=x.value, new=y.value))
    for one, two, flip in ((a, b, False), (b, a, True)):
        for slot, m in one.items():
            if m.source != "text" or slot in two:
                continue
            peers = [n for n in two.values() if n.dimension == m.dimension and n.source == "attribute"]
            if not peers:
                continue
            peer = max(peers, key=lambda n: n.value)
            if abs(peer.value - m.value) <= 1e-9:
                continue
            old, new = (peer.value, m.value) if flip else (m.value, peer.value)
            out.append(Change(dimension=m.dimension, slot=peer.slot, label=peer.label, old=old, new=new))
    return out


def same_measures(base: tuple[Measure, ...], other: tuple[Measure, ...]) -> bool:
    """Whether two products state the same quantities with the same values (a colour or finish variant)."""
    return {(m.slot, round(m.value, 6)) for m in base} == {(m.slot, round(m.value, 6)) for m in other}


#: Key words that make an attribute a limit of what the product serves ("max_tank_l", "max_load_kg",
#: "max_laptop_in"), not a quantity of its own.
LIMIT_WORDS = frozenset({"max", "maximum"})
#: How far over a limit a stated figure may be and still be about what the limit rates.
LIMIT_SCALE = 10.0


def _served(dimension: str) -> str:
    # A load limit is met by the weight of what is put on it.
    return "mass" if dimension == "load" else dimension


def is_limit(m: Measure) -> bool:
    """Whether a measure is a limit of what the product serves (``max_user_kg``), from the catalog's attributes."""
    return m.source == "attribute" and bool(set(m.label.split()) & LIMIT_WORDS)


def limits_over(figures: list[tuple[str, float, str]], measures: tuple[Measure, ...]) -> list[tuple[Measure, float]]:
    """The product's limits a stated figure goes over, each with that figure: "I'm 135 kilos" against
    ``max_user_kg: 120``, "my tank is 60 litres" against ``max_tank_l: 40``."""
    out = []
    for limit in measures:
        if not is_limit(limit):
            continue
        # Far over it, the figure measures something else of that dimension (a 1200 km trip, not a 10" screen).
        over = [
            v for dim, v, _ in figures
            if dim == _served(limit.dimension) and limit.value * 1.0001 < v <= limit.value * LIMIT_SCALE
        ]
        if over:
            out.append((limit, max(over)))
    return out


def limit_exceeded(addon: tuple[Measure, ...], held: list[tuple[Measure, ...]]) -> tuple[Measure, Measure] | None:
    """The add-on's limit and the held measure over it, when the add-on is rated below what it would serve: a
    filter "max_tank_l: 40" for an 80 l tank, a monitor arm "max_load_kg: 8" for an 11 kg screen.

    Only catalog attributes count on both sides. The add-on is judged against the held items measured in the
    limit's dimension, and is over its limit only when it is over for every one of them (it may be for the
    smaller tank of two).
    """
    for limit in addon:
        if not is_limit(limit):
            continue
        dim = _served(limit.dimension)
        sizes = [
            m for ms in held for m in ms if m.source == "attribute" and m.dimension == dim and not is_limit(m)
        ]
        if sizes and all(m.value > limit.value * 1.0001 for m in sizes):
            return limit, min(sizes, key=lambda m: m.value)
    return None


def format_value(dimension: str, value: float) -> str:
    """A base-unit value in words with its unit: 90 min -> "90 min", 150 min -> "2.5 h", 1100 g -> "1.1 kg"."""
    unit, bigger = DISPLAY.get(dimension, ("", None))
    # Minutes read better up to two hours ("90 min"), whole hours past that.
    switch = bigger[1] * 2 if bigger is not None and dimension in ("duration", "wait") else (bigger[1] if bigger else 0)
    if bigger is not None and abs(value) >= switch:
        unit, value = bigger[0], value / bigger[1]
    number = f"{value:,.1f}".rstrip("0").rstrip(".") if abs(value - round(value)) > 1e-9 else f"{round(value):,}"
    return f"{number} {unit}".strip()
