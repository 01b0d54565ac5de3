"""An immutable, validated snapshot of the store's products with lookups the agent needs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from knowledge.models import Product


class Catalog:
    """Products by sku, by family and by category; built once per import, never mutated."""

    def __init__(self, products: Iterable[Product], currency: str = "USD"):
        self.currency = currency
        self._by_sku: dict[str, Product] = {}
        for p in products:
            self._by_sku[p.sku] = p
        fam: dict[str, list[Product]] = defaultdict(list)
        cat: dict[str, list[Product]] = defaultdict(list)
        for p in self._by_sku.values():
            if p.family:
                fam[p.family].append(p)
            cat[p.category].append(p)
        # Family members ordered by tier then price: "higher = better" for upgrade search.
        self._by_family = {
            k: sorted(v, key=lambda p: (p.tier if p.tier is not None else 0, p.price, p.sku)) for k, v in fam.items()
        }
        self._by_category = dict(cat)

    def __len__(self) -> int:
        return len(self._by_sku)

    def __contains__(self, sku: object) -> bool:
        return sku in self._by_sku

    def __iter__(self) -> Iterator[Product]:
        return iter(self._by_sku.values())

    def get(self, sku: str | None) -> Product | None:
        """The product with this sku, or None."""
        return self._by_sku.get(sku) if sku else None

    def price_of(self, sku: str) -> float:
        """Catalog price of a sku (KeyError when unknown)."""
        return self._by_sku[sku].price

    def currency_of(self, p: Product) -> str:
        """The product's currency, or the store's."""
        return p.currency or self.currency

    def family(self, name: str) -> list[Product]:
        """Members of a family, lowest tier first."""
        return list(self._by_family.get(name, []))

    @property
    def families(self) -> dict[str, list[Product]]:
        """All families."""
        return dict(self._by_family)

    def in_category(self, category: str) -> list[Product]:
        """Products whose category equals ``category`` or lies below it in the path."""
        out: list[Product] = []
        for cat, items in self._by_category.items():
            if cat == category or cat.startswith(category + " >") or cat.split(">")[-1].strip() == category:
                out.extend(items)
        return out

    @property
    def categories(self) -> list[str]:
        """Distinct categories."""
        return sorted(self._by_category)
