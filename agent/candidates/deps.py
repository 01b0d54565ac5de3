"""What candidate generation needs besides the turn: the catalog, relations, search, limits and its tuning."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from agent.types import PolicyLimits
from knowledge.catalog import Catalog
from knowledge.embeddings import Embedder
from knowledge.interfaces import Misfit
from knowledge.measures import Change, Measure
from knowledge.models import Product, Relation, SearchFilters, SearchHit

SearchFn = Callable[[str, SearchFilters, int], list[SearchHit]]


class RelationsLike(Protocol):
    """The part of :class:`knowledge.relations.Relations` candidate generation uses."""

    def upgrades(self, sku: str) -> list[Relation]:
        """Pricier versions of a sku."""
        ...

    def complements_for_cart(self, skus: list[str]) -> list[Relation]:
        """Add-ons for a set of skus."""
        ...

    def fits(self, accessory_sku: str) -> list[str]:
        """What an accessory is compatible with."""
        ...

    def measures(self, sku: str) -> tuple[Measure, ...]:
        """A product's measures."""
        ...

    def changes(self, base_sku: str, other_sku: str) -> list[Change]:
        """How another product's measures differ from a base product's."""
        ...

    def side_grades(self, sku: str) -> list[Relation]:
        """Pricier versions of a sku that are no upgrade overall."""
        ...

    def cheaper_versions(self, sku: str) -> list[Product]:
        """Cheaper versions of a sku, nearest in price first."""
        ...

    def versions(self, sku: str) -> list[Product]:
        """Every other version of a sku at any price, cheapest first."""
        ...

    def misfit(self, addon_sku: str, item: Product) -> Misfit | None:
        """How an add-on fails to fit an item held, or None."""
        ...


@dataclass(frozen=True)
class CandidateTuning:
    """Search depth and relevance thresholds (explained in the :mod:`agent.candidates` docstring).

    The top ``k`` hits per need signal may become candidates of their own; the top ``deep_k`` also score items
    already related to the cart/focus. At most ``max_candidates`` are returned.
    """

    k: int = 8
    deep_k: int = 40
    min_need_score: float = 0.35
    # An add-on linked to nothing the shopper holds, found by search alone, answers a need only this clearly: the
    # top search hit always scores at least 0.5 (need_match's relative half), so a loose topic neighbour passed
    # 0.35. At 0.7, nine wrong or unwanted offers on the four unseen stores and one on the sample store went, and no
    # acceptable one (the suitcase bottles "for shampoo and conditioner", sunscreen for "I burn very fast" stay).
    min_unlinked_need_score: float = 0.7
    min_similarity: float = 0.15
    direct_answer_score: float = 0.45
    max_candidates: int = 50

    def __post_init__(self) -> None:
        if self.k < 1:
            raise ValueError(f"k must be >= 1, got {self.k}")
        if self.deep_k < self.k:
            raise ValueError(f"deep_k must be >= k ({self.k}), got {self.deep_k}")


def _same_text(text: str) -> str:
    return text


@dataclass(frozen=True)
class CandidateDeps:
    """The knowledge and settings candidate generation reads.

    ``search(need_text, filters, k)`` is the semantic product search on a need as the shopper wrote it, routed
    by its language (cosine similarity 0..1, on the English embedder's scale). ``translate`` turns a need into
    English words for word affinity (the affinity table is English); it returns "" when it cannot tell, so the
    need is judged on semantic evidence alone. The Signal itself keeps the shopper's words. ``embedder``, when given, tells
    which measured quantity a need is about (agent.candidates.dimensions), and ``multilingual`` (the multilingual
    index's encoder) reads it in the shopper's own language; without them a short lexicon does.
    """

    catalog: Catalog
    relations: RelationsLike
    search: SearchFn
    limits: PolicyLimits = field(default_factory=PolicyLimits)
    translate: Callable[[str], str] = _same_text
    tuning: CandidateTuning = field(default_factory=CandidateTuning)
    embedder: Embedder | None = None
    multilingual: Embedder | None = None
