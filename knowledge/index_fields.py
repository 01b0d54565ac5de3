"""What the index stores per product and how search filters read it: metadata, embedded text, filter clauses."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from knowledge.models import Product, SearchFilters

#: Category path levels stored as ``cat0``..``cat4`` metadata (prefix filters work down to this depth).
CATEGORY_LEVELS = 5

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def category_key(category: str) -> str:
    """Normalised category path for matching: lowercased parts joined by `` > ``."""
    return " > ".join(p.strip().lower() for p in category.split(">") if p.strip())


def category_levels(category: str) -> list[str]:
    """Cumulative path prefixes: ``A > B > C`` -> ``["a", "a > b", "a > b > c"]`` (normalised)."""
    parts = category_key(category).split(" > ") if category_key(category) else []
    return [" > ".join(parts[: i + 1]) for i in range(len(parts))]


def product_metadata(product: Product, content_hash: str | None = None) -> dict[str, Any]:
    """Chroma metadata of one product: everything search filters on, plus the content hash for sync.

    Category prefixes are stored as ``cat0``..``cat4``: ``cat{d-1}`` holds the normalised path of depth
    ``d`` (levels deeper than the path are left out, which keeps sync reads small); ``category_key`` holds
    the whole normalised path. ``stock`` is -1 when unknown.
    """
    meta: dict[str, Any] = {
        "sku": product.sku,
        "category": product.category,
        "category_key": category_key(product.category),
        "price": float(product.price),
        "stock": -1 if product.stock is None else int(product.stock),
        "in_stock": product.stock is None or product.stock > 0,
        "active": bool(product.active),
        "family": product.family or "",
        "content_hash": content_hash or product.content_hash(),
    }
    for i, level in enumerate(category_levels(product.category)[:CATEGORY_LEVELS]):
        meta[f"cat{i}"] = level
    return meta


def index_text(product: Product, max_sentences: int = 2, max_attributes: int = 4) -> str:
    """The compact text embedded for a product: name, category, first sentences, a few attributes.

    Kept short on purpose: embedding time grows with every token (about 0.3 ms per token on one core),
    the model weighs the start of a text most, and need statements match descriptions better than
    long attribute lists. The description comes before attributes so truncation drops attributes first.
    """
    parts = [product.name, product.category]
    if product.description:
        sentences = _SENTENCE_END.split(" ".join(product.description.split()))
        parts.append(" ".join(sentences[:max_sentences]))
    attrs = list(product.attributes.items())[:max_attributes]
    if attrs:
        parts.append(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in attrs))
    if product.brand and product.brand.lower() not in product.name.lower():
        parts.append(f"by {product.brand}")
    return " ".join(part if part[-1] in ".!?" else part + "." for part in (x.strip() for x in parts) if part)


def multilingual_text(product: Product) -> str:
    """The multilingual index's text: name, category, first sentence, brand; attribute lists (English keys, bare
    numbers) blur a cross-lingual encoder. USE on bench/data needs, non-English hit@3: sample .80 -> .91, beauty
    .80 -> .90, with a third fewer tokens (66 -> 44)."""
    return index_text(product, max_sentences=1, max_attributes=0)


Clause = tuple[dict[str, Any], Callable[[dict[str, Any]], bool]]


def filter_clauses(filters: SearchFilters | None) -> tuple[list[Clause], list[Clause]]:
    """SearchFilters as (selective, broad) clauses, each a Chroma ``where`` part and its Python twin.

    Selective clauses (category, family, price range) may keep few products; broad ones (in stock,
    active, excluded skus) keep most. The split drives the search plan in :meth:`ProductIndex.search`.
    """
    selective: list[Clause] = []
    broad: list[Clause] = []
    if filters is None:
        return selective, broad
    if filters.category:
        levels = category_levels(filters.category)
        if not levels:
            raise ValueError(f"filters.category: empty category path {filters.category!r}")
        # Deeper than the stored levels, only an exact match on the whole path is possible.
        key = f"cat{len(levels) - 1}" if len(levels) <= CATEGORY_LEVELS else "category_key"
        want = levels[-1]
        selective.append(({key: want}, lambda m, key=key, want=want: m.get(key) == want))
    if filters.family:
        fam = filters.family
        selective.append(({"family": fam}, lambda m: m.get("family") == fam))
    if filters.min_price is not None:
        lo = float(filters.min_price)
        selective.append(({"price": {"$gte": lo}}, lambda m: m.get("price", -1.0) >= lo))
    if filters.max_price is not None:
        hi = float(filters.max_price)
        selective.append(({"price": {"$lte": hi}}, lambda m: m.get("price", float("inf")) <= hi))
    if filters.in_stock_only:
        broad.append(({"in_stock": True}, lambda m: m.get("in_stock") is True))
    if filters.active_only:
        broad.append(({"active": True}, lambda m: m.get("active") is True))
    if filters.exclude_skus:
        excluded = list(dict.fromkeys(filters.exclude_skus))
        gone = set(excluded)
        broad.append(({"sku": {"$nin": excluded}}, lambda m: m.get("sku") not in gone))
    return selective, broad


def _where(clauses: list[Clause]) -> dict[str, Any] | None:
    parts = [w for w, _ in clauses]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"$and": parts}


def build_where(filters: SearchFilters | None) -> dict[str, Any] | None:
    """Translate SearchFilters into one Chroma ``where`` clause (None when nothing filters)."""
    selective, broad = filter_clauses(filters)
    return _where(selective + broad)


def matches(metadata: dict[str, Any], filters: SearchFilters | None) -> bool:
    """Whether a product's index metadata passes ``filters`` (the same test as :func:`build_where`)."""
    selective, broad = filter_clauses(filters)
    return all(test(metadata) for _, test in selective + broad)
