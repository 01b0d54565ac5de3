"""Filtered nearest-neighbour search whose cost follows k and the filter's pass count, not the catalog's size.

Chroma evaluates a metadata ``where`` in SQLite over every row it touches: 56-85 ms at 20,000 products and growing
with the catalog (the tail of issue 13). The plan here never asks Chroma for a ``where``:

1. the nearest ``max(OVERFETCH * k, OVERFETCH_MIN)`` products, unfiltered, as ids and distances, filtered on the
   metadata mirror's rows; when ``k`` pass, they are exactly the first ``k`` a ``where`` would give;
2. else, when the mirror keeps every product's vector, the passing products are ranked exactly in the process
   (:mod:`knowledge.exact_rank`: cost follows ``P``, the products that pass, or the length of their price band);
3. else (no vectors kept) of the ``P`` of ``N`` products that pass by the mirror's mask: when few pass (``P <= ID_QUERY_MAX`` and
   ``P^2 <= ID_COST_RATIO * k * N``) Chroma ranks exactly those ids (cost grows with ``P``, not ``N``: on a
   Chroma server at 100,000 products 9 ms for 2,000 ids, 24 ms for 20,000);
4. else the filter is broad (a share ``P / N`` passes) and the unfiltered search is widened to the depth where
   about ``SAFETY * k`` passing products are expected, then by ``WIDEN`` times, up to ``WIDEN_MAX`` (4 ms for
   500 neighbours, 9 ms for 2,000, 26 ms for 8,192 on the same server);
5. a broad filter that the query's neighbourhood still fails (a filter anti-correlated with the query) gets the
   id-restricted query over all passing ids when at most ``ID_QUERY_HARD`` pass, else Chroma's ``where``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from knowledge.exact_rank import top_k_in_mask
from knowledge.index_fields import category_levels, filter_clauses
from knowledge.index_mirror import MetadataMirror
from knowledge.models import SearchFilters, SearchHit

#: (vector, n, ids or None) -> the n nearest (among ids) as hits, best first.
Nearest = Callable[[np.ndarray, int, "list[str] | None"], list[SearchHit]]
#: (vector, n) -> the n nearest passing the filters by Chroma's own ``where`` (the last resort).
WhereQuery = Callable[[np.ndarray, int], list[SearchHit]]


@dataclass(frozen=True)
class PlanLimits:
    """The plan's thresholds (see the module docstring); the index passes its module constants."""

    overfetch: int = 5
    overfetch_min: int = 50
    id_query_max: int = 20_000
    id_query_hard: int = 100_000
    widen_max: int = 8_192
    widen: int = 4
    safety: float = 2.0
    id_cost_ratio: float = 7.0


@dataclass
class PlanCounts:
    """How many searches each step answered (a fixed set of keys: bounded)."""

    steps: Counter[str] = field(default_factory=Counter)


def filtered_nearest(
    vector: np.ndarray,
    k: int,
    filters: SearchFilters | None,
    mirror: Callable[[bool], MetadataMirror],
    nearest: Nearest,
    where_query: WhereQuery,
    limits: PlanLimits = PlanLimits(),
    counts: PlanCounts | None = None,
) -> list[SearchHit]:
    """The ``k`` products nearest ``vector`` among those passing ``filters`` (the same as a full ``where``).

    ``mirror(refresh)`` returns the metadata mirror; with ``refresh`` it re-reads it first (asked after a hit it
    does not know: another process wrote to a shared Chroma server since it was read).
    """
    selective, broad = filter_clauses(filters)
    if not selective and not broad or filters is None:
        _count(counts, "unfiltered")
        return nearest(vector, k, None)
    n = max(limits.overfetch * k, limits.overfetch_min)
    found = nearest(vector, n, None)
    kept = _passing(found, filters, mirror)
    if len(kept) >= k or len(found) < n:
        _count(counts, "first page")
        return kept[:k]
    m = mirror(False)
    mask = m.mask(filters, category_levels)
    passing, total = int(mask.sum()), len(m)
    if passing == 0:
        _count(counts, "none pass")
        return []
    if m.vectors is not None:
        _count(counts, "local exact")
        rows, scores = top_k_in_mask(m.vectors, vector, mask, k)
        return [SearchHit(sku=str(m.skus[r]), score=float(s)) for r, s in zip(rows.tolist(), scores.tolist())]
    # Ranking P ids costs ~0.8 us per id, widening ~2.7 us per neighbour to a depth of ~safety * k * N / P
    # (Chroma server, 100,000 products): the id query wins while P^2 <= id_cost_ratio * k * N.
    if passing <= limits.id_query_max and passing * passing <= limits.id_cost_ratio * k * total:
        _count(counts, "id query")
        return nearest(vector, min(k, passing), list(m.skus[mask]))
    share = passing / max(total, 1)
    while n < min(total, limits.widen_max):
        n = min(total, limits.widen_max, max(n * limits.widen, math.ceil(limits.safety * k / share)))
        found = nearest(vector, n, None)
        kept = _passing(found, filters, mirror)
        if len(kept) >= k or len(found) < n or n >= total:
            _count(counts, "widened")
            return kept[:k]
    if passing <= limits.id_query_hard:
        _count(counts, "id query (hard)")
        return nearest(vector, min(k, passing), list(m.skus[mask]))
    _count(counts, "where")
    return where_query(vector, k)


def _passing(
    found: list[SearchHit], filters: SearchFilters, mirror: Callable[[bool], MetadataMirror]
) -> list[SearchHit]:
    """The hits that pass ``filters`` by the mirror, in order (the mirror is re-read once for unknown skus)."""
    if not found:
        return []
    m = mirror(False)
    rows = m.rows(h.sku for h in found)
    if (rows < 0).any():
        m = mirror(True)
        rows = m.rows(h.sku for h in found)
    ok = m.mask_rows(filters, category_levels, rows)
    return [h for h, good in zip(found, ok, strict=True) if good]


def _count(counts: PlanCounts | None, step: str) -> None:
    if counts is not None:
        counts.steps[step] += 1
