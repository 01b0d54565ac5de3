"""A columnar copy of the index's filter metadata, so filters are evaluated in numpy instead of Chroma's SQLite.

Strings (category levels, family) are held as int32 codes, so a filter is a few vector comparisons: at 1,000,000
products a mask costs ~1-3 ms, where object-array string comparisons cost ~10 ms per column. What it keeps per
product (about 150 bytes with the sku and its row entry) is the only per-product copy of the metadata in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import numpy as np

from knowledge.exact_rank import unit_rows
from knowledge.models import SearchFilters


def _codes(values: Iterable[str]) -> tuple[np.ndarray, dict[str, int]]:
    """Values as int32 codes and the code of each distinct value ("" is a value like any other)."""
    table: dict[str, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32)
    return codes, table


class MetadataMirror:
    """sku, price, stock flags, family, category levels and content hash of every indexed product, as columns.

    Rows are in price order, so a price filter passes a contiguous run of them. With ``vectors`` (one row per
    product, in the order of ``metadata``) the mirror also keeps every product's unit vector, for exact filtered
    ranking in the process (:mod:`knowledge.exact_rank`).
    """

    def __init__(
        self, metadata: Mapping[str, Mapping[str, Any]], levels: int, vectors: np.ndarray | None = None
    ):
        self.levels = levels
        unordered = list(metadata.items())
        by_price = sorted(range(len(unordered)), key=lambda i: float(unordered[i][1].get("price", 0.0)))
        items = [unordered[i] for i in by_price]
        if vectors is not None and len(vectors) != len(unordered):
            raise ValueError(f"{len(vectors)} vectors for {len(unordered)} products")
        #: Unit float32 vectors in row order (None: the index ranks through Chroma).
        self.vectors: np.ndarray | None = (
            None if vectors is None
            # Indexing by the price order makes the mirror's own copy: normalised in place, not copied again.
            else unit_rows(np.asarray(vectors, dtype=np.float32)[np.asarray(by_price, dtype=np.int64)], in_place=True)
        )
        self.skus = np.array([sku for sku, _ in items], dtype=object)
        self.row_of: dict[str, int] = {sku: i for i, (sku, _) in enumerate(items)}
        self.hashes: list[str] = [str(m.get("content_hash", "")) for _, m in items]
        self.price = np.array([float(m.get("price", 0.0)) for _, m in items], dtype=np.float64)
        self.stock = np.array([int(m.get("stock", -1)) for _, m in items], dtype=np.int64)
        self.in_stock = np.array([m.get("in_stock") is True for _, m in items], dtype=bool)
        self.active = np.array([m.get("active") is True for _, m in items], dtype=bool)
        self.family, self._family = _codes(str(m.get("family", "")) for _, m in items)
        self.category_key, self._category_key = _codes(str(m.get("category_key", "")) for _, m in items)
        self.category, self._category = _codes(str(m.get("category", "")) for _, m in items)
        cats = [_codes(str(m.get(f"cat{i}", "")) for _, m in items) for i in range(levels)]
        self.cats = [c for c, _ in cats]
        self._cats = [t for _, t in cats]

    def __len__(self) -> int:
        return len(self.skus)

    def __contains__(self, sku: object) -> bool:
        return sku in self.row_of

    def vectors_of(self, skus: Iterable[str]) -> np.ndarray | None:
        """The unit vectors of ``skus`` (all held by the mirror), or None when the mirror keeps no vectors."""
        if self.vectors is None:
            return None
        return self.vectors[self.rows(skus)]

    def rows(self, skus: Iterable[str]) -> np.ndarray:
        """Row numbers of ``skus`` (-1 for a sku the mirror does not hold)."""
        get = self.row_of.get
        return np.fromiter((get(s, -1) for s in skus), dtype=np.int64)

    def mask(self, filters: SearchFilters, category_levels: Callable[[str], list[str]]) -> np.ndarray:
        """A boolean row mask of the products that pass ``filters`` (same rules as ``filter_clauses``)."""
        return self._evaluate(filters, category_levels, slice(None), len(self.skus))

    def mask_rows(
        self, filters: SearchFilters, category_levels: Callable[[str], list[str]], rows: np.ndarray
    ) -> np.ndarray:
        """Whether each of ``rows`` passes ``filters`` (a row of -1, a product not held, never passes)."""
        known = rows >= 0
        ok = self._evaluate(filters, category_levels, np.where(known, rows, 0), len(rows))
        return ok & known

    def _evaluate(self, filters: SearchFilters, category_levels: Callable[[str], list[str]], at, size: int):
        mask = np.ones(size, dtype=bool)
        if filters.category:
            path = category_levels(filters.category)
            if len(path) <= self.levels:
                column, table = self.cats[len(path) - 1], self._cats[len(path) - 1]
            else:
                column, table = self.category_key, self._category_key
            code = table.get(path[-1])
            if code is None:
                return np.zeros(size, dtype=bool)
            mask &= column[at] == code
        if filters.family:
            code = self._family.get(filters.family)
            if code is None:
                return np.zeros(size, dtype=bool)
            mask &= self.family[at] == code
        if filters.min_price is not None:
            mask &= self.price[at] >= float(filters.min_price)
        if filters.max_price is not None:
            mask &= self.price[at] <= float(filters.max_price)
        if filters.in_stock_only:
            mask &= self.in_stock[at]
        if filters.active_only:
            mask &= self.active[at]
        if filters.exclude_skus:
            gone = self.rows(filters.exclude_skus)
            gone = gone[gone >= 0]
            if isinstance(at, slice):
                mask[gone] = False
            else:
                mask &= ~np.isin(at, gone)
        return mask

    def passing(self, filters: SearchFilters, category_levels: Callable[[str], list[str]]) -> np.ndarray:
        """The skus that pass ``filters``."""
        return self.skus[self.mask(filters, category_levels)]

    def metadata(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every product's filter metadata rebuilt from the columns (what a sync merges its changes into)."""
        family = {c: v for v, c in self._family.items()}
        key = {c: v for v, c in self._category_key.items()}
        category = {c: v for v, c in self._category.items()}
        cats = [{c: v for v, c in t.items()} for t in self._cats]
        for i, sku in enumerate(self.skus):
            meta: dict[str, Any] = {
                "sku": sku, "category": category[int(self.category[i])], "category_key": key[int(self.category_key[i])],
                "price": float(self.price[i]), "stock": int(self.stock[i]), "in_stock": bool(self.in_stock[i]),
                "active": bool(self.active[i]), "family": family[int(self.family[i])],
                "content_hash": self.hashes[i],
            }
            for level in range(self.levels):
                value = cats[level][int(self.cats[level][i])]
                if value:
                    meta[f"cat{level}"] = value
            yield sku, meta
