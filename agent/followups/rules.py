"""The follow-up rules as pure functions: what counts as an upgrade, what may be offered, when a message goes."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime, timedelta

from knowledge.models import Product, Relation
from knowledge.relations import Relations, category_key

# Curated links first (the merchant said so), then what fits, then what others bought: the brief's order.
SOURCE_ORDER = {"curated": 0, "compatible": 1, "copurchase": 2, "family": 3}


def is_upgrade_of(candidate: Product, bought: Product, relations: Relations) -> bool:
    """Whether ``candidate`` is a version of ``bought`` rather than a complement: never a follow-up cross-sell.

    A member of its family (a pricier one is an upgrade, any other a variant), one of its curated upsells or
    upgrades, or a pricier product of the same kind (same leaf category) that is not an accessory of it.
    """
    if candidate.sku == bought.sku:
        return True
    if bought.family is not None and candidate.family == bought.family:
        return True
    if candidate.sku in bought.upsells or any(r.sku == candidate.sku for r in relations.upgrades(bought.sku)):
        return True
    same_kind = category_key(candidate.category) == category_key(bought.category)
    return same_kind and candidate.price > bought.price and not relations.is_compatible(candidate.sku, bought.sku)


def offerable(
    candidate: Product,
    bought_now: Iterable[Product],
    bought_ever: Collection[str],
    declined: Collection[str],
    relations: Relations,
    max_price: float,
) -> bool:
    """Whether a cross-sell follow-up may propose ``candidate`` for an order of ``bought_now``.

    Never unavailable, never something the customer ever bought or declined, never an upgrade of an item of the
    order, never dearer than ``max_price`` (the order's value times the need-driven add-on share).
    """
    if not candidate.available or candidate.sku in bought_ever or candidate.sku in declined:
        return False
    if candidate.price > max_price:
        return False
    return not any(is_upgrade_of(candidate, b, relations) for b in bought_now)


def ranked_complements(skus: list[str], relations: Relations) -> list[Relation]:
    """The order's complements from the relations: curated, then compatible, then co-purchase; strongest first.

    Curated links keep the merchant's order (their place in the bought items' ``cross_sells``).
    """
    place: dict[str, int] = {}
    for sku in skus:
        p = relations.catalog.get(sku)
        for i, target in enumerate(p.cross_sells if p else ()):
            place[target] = min(place.get(target, i), i)
    found = relations.complements_for_cart(skus)
    return sorted(found, key=lambda r: (SOURCE_ORDER.get(r.source, 9), -r.strength, place.get(r.sku, 0), r.sku))


def replenish_due(ordered_at: datetime, replenish_days: int, quantity: int, lead_days: float) -> datetime:
    """When to remind: the order time plus ``replenish_days`` per unit bought, ``lead_days`` before it runs out.

    Never earlier than a day after the order (a consumable that lasts less than the lead time still gets a day).
    """
    lasts = timedelta(days=replenish_days * max(quantity, 1))
    return max(ordered_at + lasts - timedelta(days=lead_days), ordered_at + timedelta(days=1))


def bought_since(sku: str, ordered_at: datetime, later_orders: Iterable[tuple[datetime, Collection[str]]]) -> bool:
    """Whether a later order (time, skus) of the same customer holds ``sku``."""
    return any(at > ordered_at and sku in skus for at, skus in later_orders)
