"""Interface attributes: what an add-on and the item it is made for must agree on (a lens mount, a battery's voltage,
a filter's thread), learned from the merchant's own compatibility links, never from a list of attribute names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel, Field

from knowledge.measures import LOOK_KEYS
from knowledge.models import Product

# A key is an interface when the merchant's links agree on it this often and (almost) never disagree: one agreeing
# pair may be chance (two products both 50 ml); a disagreeing pair shows the key decides nothing about fit, unless
# it is one odd link among many (a lens sold with its mount adapter).
MIN_AGREEING_PAIRS = 2
AGREEING_PER_DISAGREEING = 10
# Links read per accessory: a category selector may pick thousands of products, and a few already show the rule.
PAIRS_PER_ACCESSORY = 50


class Misfit(BaseModel):
    """An add-on that states another value of an interface key than the item held."""

    key: str = Field(description="The attribute both state, e.g. ``mount``.")
    addon_value: str = Field(description="The add-on's value, e.g. ``EF``.")
    item_value: str = Field(description="The held item's value, e.g. ``LX``.")


def _value(v: object) -> str | float | None:
    """A comparable attribute value: text case-folded, numbers as floats; None for what cannot tell a fit (yes/no
    flags, lists, empty text)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str) and v.strip():
        return v.strip().casefold()
    return None


def interface_keys(pairs: Iterable[tuple[Product, Product]]) -> frozenset[str]:
    """The attributes the linked (add-on, item) pairs that state both agree on: at least ``MIN_AGREEING_PAIRS`` times
    and ``AGREEING_PER_DISAGREEING`` times per disagreement. How a product looks is never one: a black case is sold
    for a silver phone."""
    agree: Counter[str] = Counter()
    disagree: Counter[str] = Counter()
    for addon, item in pairs:
        for key in addon.attributes.keys() & item.attributes.keys():
            if key.lower() in LOOK_KEYS:
                continue
            a, b = _value(addon.attributes[key]), _value(item.attributes[key])
            if a is None or b is None:
                continue
            (agree if a == b else disagree)[key] += 1
    return frozenset(
        k for k, n in agree.items() if n >= MIN_AGREEING_PAIRS and disagree[k] * AGREEING_PER_DISAGREEING <= n
    )


def misfit(addon: Product, item: Product, keys: frozenset[str]) -> Misfit | None:
    """How ``addon`` fails to fit ``item`` on an interface key both state, or None."""
    for key in sorted(keys & addon.attributes.keys() & item.attributes.keys()):
        a, b = _value(addon.attributes[key]), _value(item.attributes[key])
        if a is not None and b is not None and a != b:
            return Misfit(key=key, addon_value=str(addon.attributes[key]), item_value=str(item.attributes[key]))
    return None
