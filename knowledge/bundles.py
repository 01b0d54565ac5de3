"""Bundles (CONTRACTS section 7): merchant bundles from ``bundle_of`` and "frequently bought together" sets.

A merchant bundle is a catalog product with ``bundle_of``, sold at its own price; its savings are the sum of its
components' catalog prices minus that price. When the merchant has no bundle for what the shopper wants, a
"frequently bought together" (FBT) set may stand in: products the order history shows are bought together,
each at its catalog price, so its price is their sum and its savings are 0 (never an invented discount).

An FBT set is not a catalog product; it is represented as one so that offers, guardrails and grounding treat it
like a bundle: sku ``FBT:<sku>+<sku>`` (components sorted, so one set has one sku), kind ``bundle``,
``bundle_of`` = the components, price = their sum, margin derived from theirs. :func:`offer_product` resolves
either kind of sku against a catalog, which is how the eval guardrails and the grounding check verify it.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook
from knowledge.models import Product

FBT_PREFIX = "FBT:"
_FBT_JOIN = "+"


def fbt_sku(components: list[str]) -> str:
    """The sku of the FBT set of these components: ``FBT:A+B`` (sorted, so the order they were found in is moot)."""
    return FBT_PREFIX + _FBT_JOIN.join(sorted(components))


def fbt_components(sku: str) -> list[str] | None:
    """The component skus an FBT sku names, or None when it is not one."""
    if not sku.startswith(FBT_PREFIX):
        return None
    parts = [p for p in sku[len(FBT_PREFIX) :].split(_FBT_JOIN) if p]
    return parts if len(parts) >= 2 else None


def parts_of(bundle: Product, catalog: Catalog) -> list[Product] | None:
    """A bundle's component products, repeats kept; None when it is no bundle or a component is unknown."""
    if not bundle.bundle_of:
        return None
    parts = [catalog.get(s) for s in bundle.bundle_of]
    return None if any(p is None for p in parts) else parts  # type: ignore[return-value]


def savings(bundle: Product, parts: list[Product]) -> float:
    """What the bundle saves against buying its components at their catalog prices (negative: it costs more)."""
    return round(sum(p.price for p in parts) - bundle.price, 2)


def derived_margin(price: float, parts: list[Product]) -> float | None:
    """The gross margin of selling ``parts`` together at ``price``, from their own margins (None if one is unknown).

    Each component costs ``price_i * (1 - margin_i)``; a bundle sold below the components' sum keeps less.
    """
    if price <= 0 or not parts or any(p.margin is None for p in parts):
        return None
    cost = sum(p.price * (1 - (p.margin or 0.0)) for p in parts)
    return round(min(1.0, max(0.0, (price - cost) / price)), 4)


def bundle_margin(bundle: Product, parts: list[Product]) -> float | None:
    """The bundle's catalog margin, else the one its components' margins give."""
    return bundle.margin if bundle.margin is not None else derived_margin(bundle.price, parts)


def fbt_product(parts: list[Product]) -> Product:
    """The FBT set of these (distinct, catalog) products as a bundle product: price = their sum, savings 0."""
    ordered = sorted(parts, key=lambda p: p.sku)
    price = round(sum(p.price for p in ordered), 2)
    currencies = {p.currency for p in ordered}
    return Product(
        sku=fbt_sku([p.sku for p in ordered]),
        name="Frequently bought together: " + " + ".join(p.name for p in ordered),
        price=price,
        currency=currencies.pop() if len(currencies) == 1 else None,
        category=ordered[0].category,
        description="",
        bundle_of=[p.sku for p in ordered],
        active=all(p.active for p in ordered),
        stock=0 if any(p.stock == 0 for p in ordered) else None,
        margin=derived_margin(price, ordered),
    )


def offer_product(sku: str | None, catalog: Catalog) -> Product | None:
    """The product an offer's sku stands for: a catalog product, or an FBT set of catalog products; else None."""
    if not sku:
        return None
    found = catalog.get(sku)
    if found is not None:
        return found
    skus = fbt_components(sku)
    if skus is None or len(set(skus)) != len(skus):
        return None
    parts = [catalog.get(s) for s in skus]
    if any(p is None for p in parts):
        return None
    return fbt_product(parts)  # type: ignore[arg-type]


def bought_together(rules: RuleBook, a: str, b: str) -> bool:
    """Whether the order history links two products directly (a co-purchase rule either way)."""
    return any(r.consequent == b for r in rules.for_sku(a)) or any(r.consequent == a for r in rules.for_sku(b))


class _BundleIndex:
    """Merchant bundles by component sku, built once per catalog object (a pure memo keyed by identity)."""

    def __init__(self) -> None:
        self._by_catalog: weakref.WeakKeyDictionary[Catalog, dict[str, list[Product]]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, catalog: Catalog) -> dict[str, list[Product]]:
        with self._lock:
            index = self._by_catalog.get(catalog)
            if index is None:
                built: dict[str, list[Product]] = defaultdict(list)
                for p in catalog:
                    for sku in dict.fromkeys(p.bundle_of):
                        built[sku].append(p)
                index = self._by_catalog[catalog] = dict(built)
            return index


_INDEX = _BundleIndex()


def bundles_containing(catalog: Catalog, sku: str) -> list[Product]:
    """The merchant bundles that list ``sku`` as a component."""
    return list(_INDEX.get(catalog).get(sku, ()))


def has_bundles(catalog: Catalog) -> bool:
    """Whether the merchant sells any bundle."""
    return bool(_INDEX.get(catalog))
