"""A columnar copy of the index's filter metadata, so filters are evaluated in numpy instead of Chroma's SQLite."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from knowledge.models import SearchFilters


class MetadataMirror:
    """sku, price, stock flags, family and category levels of every indexed product, as numpy columns."""

    def __init__(self, metadata: Mapping[str, Mapping[str, Any]], levels: int):
        self.levels = levels
        items = list(metadata.items())
        self.skus = np.array([sku for sku, _ in items], dtype=object)
        self.price = np.array([float(m.get("price", 0.0)) for _, m in items], dtype=np.float64)
        self.in_stock = np.array([m.get("in_stock") is True for _, m in items], dtype=bool)
        self.active = np.array([m.get("active") is True for _, m in items], dtype=bool)
        self.family = np.array([m.get("family", "") for _, m in items], dtype=object)
        self.category_key = np.array([m.get("category_key", "") for _, m in items], dtype=object)
        self.cats = [np.array([m.get(f"cat{i}", "") for _, m in items], dtype=object) for i in range(levels)]

    def __len__(self) -> int:
        return len(self.skus)

    def passing(self, filters: SearchFilters, category_levels) -> np.ndarray:
        """The skus that pass ``filters`` (same rules as :func:`knowledge.index.filter_clauses`)."""
        mask = np.ones(len(self.skus), dtype=bool)
        if filters.category:
            path = category_levels(filters.category)
            column = self.cats[len(path) - 1] if len(path) <= self.levels else self.category_key
            mask &= column == path[-1]
        if filters.family:
            mask &= self.family == filters.family
        if filters.min_price is not None:
            mask &= self.price >= float(filters.min_price)
        if filters.max_price is not None:
            mask &= self.price <= float(filters.max_price)
        if filters.in_stock_only:
            mask &= self.in_stock
        if filters.active_only:
            mask &= self.active
        if filters.exclude_skus:
            mask &= ~np.isin(self.skus, list(filters.exclude_skus))
        return self.skus[mask]
