"""Co-purchase ("frequently bought together") rules mined from order lines, and a book to look them up."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel, ValidationError

from knowledge.models import CoPurchaseRule, OrderLine

# Orders with more distinct items than this are left out of mining. They are bulk/B2B or
# store-restock orders: one of 200 items yields ~20,000 pairs that say nothing about what a
# shopper buys together, swamps the real pairs and makes counting quadratic in basket size.
MAX_BASKET_SIZE = 50

RULEBOOK_FORMAT_VERSION = 1


def baskets_from_orders(
    lines: Iterable[OrderLine], known_skus: Container[str] | None = None
) -> list[frozenset[str]]:
    """One basket (set of skus) per ``order_id``, in order of first appearance; quantity is ignored.

    With ``known_skus`` (a set, or a ``Catalog``), skus not in it are dropped. Orders left with no
    known sku are dropped too: they say nothing about the catalog we sell from.
    """
    by_order: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        if known_skus is None or line.sku in known_skus:
            by_order[line.order_id].add(line.sku)
    return [frozenset(items) for items in by_order.values() if items]


def _check_thresholds(min_support: float, min_confidence: float, min_lift: float, min_count: int) -> None:
    if not 0 <= min_support <= 1:
        raise ValueError(f"min_support must be in 0..1, got {min_support!r}")
    if not 0 <= min_confidence <= 1:
        raise ValueError(f"min_confidence must be in 0..1, got {min_confidence!r}")
    if min_lift < 0:
        raise ValueError(f"min_lift must be >= 0, got {min_lift!r}")
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1, got {min_count!r}")


def mine_rules(
    baskets: Iterable[frozenset[str]],
    *,
    min_support: float,
    min_confidence: float,
    min_lift: float,
    min_count: int,
    max_basket_size: int = MAX_BASKET_SIZE,
) -> list[CoPurchaseRule]:
    """Pairwise association rules A -> B (each direction a separate rule), best lift then confidence first.

    ``support = n(A and B) / N``, ``confidence = n(A and B) / n(A)``, ``lift = confidence / (n(B) / N)``
    where N counts the baskets mined. Baskets with more than ``max_basket_size`` items are left out
    entirely (from N and from item counts too, so the three measures stay consistent with each other).
    A rule is kept when its pair count is at least ``min_count``, its support ``min_support``, its
    confidence ``min_confidence`` and its lift ``min_lift``.
    """
    _check_thresholds(min_support, min_confidence, min_lift, min_count)
    if max_basket_size < 2:
        raise ValueError(f"max_basket_size must be >= 2, got {max_basket_size!r}")

    kept = [b for b in baskets if len(b) <= max_basket_size]
    n = len(kept)
    if n == 0:
        return []
    item_counts: Counter[str] = Counter()
    for b in kept:
        item_counts.update(b)

    # A pair can occur at most as often as either of its items, so an item below the pair
    # threshold can never be part of a kept rule: drop it before the quadratic pair step.
    min_pair = max(min_count, math.ceil(min_support * n - 1e-9))
    frequent = {sku for sku, c in item_counts.items() if c >= min_pair}

    pair_counts: Counter[tuple[str, str]] = Counter()
    for b in kept:
        items = sorted(s for s in b if s in frequent)
        if len(items) > 1:
            pair_counts.update(combinations(items, 2))

    rules: list[CoPurchaseRule] = []
    for (a, b), c in pair_counts.items():
        if c < min_pair:
            continue
        support = c / n
        if support < min_support:
            continue
        for ante, cons in ((a, b), (b, a)):
            n_ante, n_cons = item_counts[ante], item_counts[cons]
            confidence = c / n_ante
            # Same value as confidence / (n(B) / N), written with integers so that A->B and
            # B->A get bit-identical lifts and sort the same way on every run.
            lift = (c * n) / (n_ante * n_cons)
            if confidence >= min_confidence and lift >= min_lift:
                rules.append(
                    CoPurchaseRule(
                        antecedent=ante, consequent=cons, count=c, support=support, confidence=confidence, lift=lift
                    )
                )
    # Ties broken by count and then the skus, so the same orders always give the same list.
    rules.sort(key=lambda r: (-r.lift, -r.confidence, -r.count, r.antecedent, r.consequent))
    return rules


class _RuleFile(BaseModel):
    """The persisted shape of a rule book."""

    version: int = RULEBOOK_FORMAT_VERSION
    rules: list[CoPurchaseRule]


def _by_strength(r: CoPurchaseRule) -> tuple[float, float, int, str]:
    return (-r.confidence, -r.lift, -r.count, r.consequent)


class RuleBook:
    """Co-purchase rules indexed by antecedent; immutable once built."""

    def __init__(self, rules: Iterable[CoPurchaseRule] = ()):
        self._rules = list(rules)
        index: dict[str, list[CoPurchaseRule]] = defaultdict(list)
        for r in self._rules:
            index[r.antecedent].append(r)
        # Per antecedent, most reliable first: confidence is "how often the add-on follows".
        self._by_antecedent = {k: sorted(v, key=_by_strength) for k, v in index.items()}

    def __len__(self) -> int:
        return len(self._rules)

    def __iter__(self) -> Iterator[CoPurchaseRule]:
        return iter(self._rules)

    @property
    def antecedents(self) -> list[str]:
        """Skus that have at least one rule, sorted."""
        return sorted(self._by_antecedent)

    def for_sku(self, sku: str) -> list[CoPurchaseRule]:
        """Rules whose antecedent is ``sku``, highest confidence first."""
        return list(self._by_antecedent.get(sku, ()))

    def for_basket(self, skus: Iterable[str]) -> list[CoPurchaseRule]:
        """Rules from every basket item, skipping consequents already in the basket; best confidence per consequent."""
        basket = set(skus)
        best: dict[str, CoPurchaseRule] = {}
        for sku in sorted(basket):
            for r in self._by_antecedent.get(sku, ()):
                if r.consequent in basket:
                    continue
                cur = best.get(r.consequent)
                if cur is None or _by_strength(r)[:3] < _by_strength(cur)[:3]:
                    best[r.consequent] = r
        return sorted(best.values(), key=lambda r: (*_by_strength(r), r.antecedent))

    # --- persistence --------------------------------------------------------------------------
    def to_json(self) -> str:
        """The rules as a JSON document (``{"version": 1, "rules": [...]}``)."""
        return _RuleFile(rules=self._rules).model_dump_json()

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str = "<rules>") -> "RuleBook":
        """Read a document written by :meth:`to_json`; ``source`` names the file in errors."""
        try:
            data = _RuleFile.model_validate_json(text)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "document"
            raise ValueError(f"{source}: invalid rule book at '{where}': {first['msg']}") from e
        if data.version != RULEBOOK_FORMAT_VERSION:
            raise ValueError(f"{source}: unsupported rule book version {data.version}")
        return cls(data.rules)

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename), as the catalog snapshot is."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(self.to_json(), encoding="utf-8")
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "RuleBook":
        """Read a file written by :meth:`save`."""
        return cls.from_json(path.read_text(encoding="utf-8"), source=str(path))
