"""Attribute matching: whether what changed between two products is what a need talks about.

Holds the aspect lexicon (what shoppers say about a shortcoming, and the attribute-name words that measure it)
and English number words ("we'll be ten").
"""

from __future__ import annotations

from agent.affinity import stem
from knowledge.measures import PEOPLE_WORDS, UNITS
from knowledge.models import Product
from knowledge.text import words as _words

# Attribute-name words too short or too ambiguous to match a need by themselves.
_NOT_DIRECT = frozenset("gb tb in l mp mah wh g screen display size color colour water resistance".split())

# What shoppers say about a shortcoming, and the attribute-name words that measure it.
# A need matches an attribute when one of its words is in the first set and the key's words meet the second.
ASPECTS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset("full space storage store room files apps gb tb memory capacity fill fills filled".split()),
        frozenset("storage gb tb capacity memory rom ssd disk".split()),
    ),
    (
        frozenset("battery charge charging charger dies died die lasts last lasted juice runtime unplugged".split()),
        frozenset("battery mah wh runtime life hours".split()),
    ),
    (
        frozenset("camera photo photos picture pictures zoom selfie selfies lens blurry night".split()),
        frozenset("camera mp megapixel megapixels zoom lens optical".split()),
    ),
    (
        # Size words only: "screen" alone is as often about cracks as about size.
        frozenset("small tiny bigger larger squint read reading".split()),
        frozenset("screen display inch inches in size diagonal".split()),
    ),
    (
        frozenset(
            "people users seats team staff hires hiring colleagues employees members grow growing girlfriend "
            "boyfriend partner wife husband friend friends kids children family together couple devices".split()
        ),
        frozenset("seats users members licenses licences people agents persons devices sleeps".split()),
    ),
    (
        frozenset("slow lag lags laggy fast faster speed performance games gaming freezes multitasking".split()),
        frozenset("ram cpu processor speed ghz chip cores".split()),
    ),
    (
        frozenset("noise noisy loud quiet commute plane cancel cancelling canceling".split()),
        frozenset("anc noise cancelling canceling".split()),
    ),
    (
        frozenset("back neck posture hurts hurt pain ache aches sore stiff".split()),
        frozenset("lumbar ergonomic headrest armrests adjustable support posture".split()),
    ),
    (
        frozenset("hot warm warmer cold colder temperature heat".split()),
        frozenset("thermal insulated temperature heat heated warm".split()),
    ),
    (
        frozenset("heavy weight weighs light lighter carry".split()),
        frozenset("weight grams kg lbs".split()),
    ),
    (
        frozenset("cups family bigger capacity volume liters litres".split()),
        frozenset("capacity cups volume liters litres l".split()),
    ),
)


_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100}


def words(text: str) -> set[str]:
    """The lower-cased words of a text."""
    return set(_words(text))


def key_words(key: str) -> set[str]:
    """The words of an attribute name (``battery_mah`` -> battery, mah)."""
    return set(_words(key))


def attribute_need_match(
    base: Product, upgrade: Product, need_text: str, topic: frozenset[str] = frozenset()
) -> bool | None:
    """Whether an attribute that differs between the two products is what the need talks about.

    The words of a changed attribute are its name and, for a text value, the new value ("carafe: thermal").
    Need words whose stem is in ``topic`` (what the shopper holds: "photos" next to a camera) are ignored.
    None when neither product has attributes (nothing to compare).
    """
    if not base.attributes and not upgrade.attributes:
        return None
    keys = set(base.attributes) | set(upgrade.attributes)
    changed = [k for k in keys if base.attributes.get(k) != upgrade.attributes.get(k)]
    need = {w for w in words(need_text) if stem(w) not in topic}
    for n, unit in _numbers(need_text):
        # "we'll be ten by summer", "it has to hold 11 kg": a changed figure that goes from below the number to at
        # least it, for an attribute that counts people or is measured in the unit said. A bare figure of something
        # else ("the kids are 4 and 5") says nothing about a ladder's steps.
        for key in changed:
            lo, hi = base.attributes.get(key), upgrade.attributes.get(key)
            if not (_is_num(lo) and _is_num(hi)):
                continue
            figure = n if key_words(key) & PEOPLE_WORDS else _in_key_unit(n, unit, key)
            if figure is not None and lo < figure <= hi:
                return True
    for key in changed:
        kw = key_words(key)
        value = upgrade.attributes.get(key)
        if isinstance(value, str):
            kw |= words(value)
        if need & (kw - _NOT_DIRECT):
            return True
        for said, measured in ASPECTS:
            if need & said and kw & measured:
                return True
    return False


def _in_key_unit(n: float, unit: str | None, key: str) -> float | None:
    """``n`` ``unit`` converted to the unit an attribute name ends in ("320 lbs" for ``capacity_lb``, "2 kg" for
    ``load_g``); None when either has no unit or they measure different things."""
    said = UNITS.get(unit or "")
    words = _words(key)
    own = UNITS.get(words[-1]) if words else None
    if said is None or own is None or said[0] != own[0]:
        return None
    return n * said[1] / own[1]


def _is_num(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _numbers(text: str) -> list[tuple[float, str | None]]:
    """Numbers a need states, in digits or (English) words, each with the word after it (its unit, if any)."""
    out: list[tuple[float, str | None]] = []
    said = list(_words(text))
    for i, w in enumerate(said):
        after = said[i + 1] if i + 1 < len(said) else None
        if w.isdigit():
            out.append((float(w), after))
        elif w in _NUMBER_WORDS:
            out.append((float(_NUMBER_WORDS[w]), after))
    return out
