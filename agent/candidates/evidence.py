"""What the steps of candidate generation share: the evidence found per product and what the shopper holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.candidates.competitors import top_category
from agent.schemas import Improvement, Signal
from agent.turn import TurnFacts
from knowledge.models import Product


@dataclass
class Evidence:
    """Everything found about one product before scoring; merged across sources."""

    product: Product
    kind: str
    replaces: Product | None = None
    sources: dict[str, None] = field(default_factory=dict)
    relation: float = 0.0
    fit: float = 0.0
    # Best semantic need score per need signal (index into this turn's needs).
    sem: dict[int, float] = field(default_factory=dict)
    need: float = 0.0
    need_signal: Signal | None = None
    hint: float = 0.0
    # A replacement cheaper than the item it replaces (see agent.candidates.upgrades.add_cheaper).
    cheaper: bool = False
    # A replacement judged on measures alone: another brand's take found by search (agent.candidates.search), or a
    # pricier family member that is no upgrade overall (agent.candidates.related). It replaces the item only when
    # it measurably improves what the need is about.
    rival: bool = False
    # Another size of the item in focus offered next to it, for a need asking for one more (agent.candidates.addition).
    another: bool = False
    # A replacement measurably no better on what a need of the turn is about (agent.candidates.upgrades).
    vetoed: bool = False
    # Its name or first sentence says what a need of the turn asks for (agent.candidates.search.WORD_ANSWER_STEMS
    # of the need's words): a direct answer even when linked to nothing held.
    worded: bool = False
    # It supplies a part an item held comes without ("battery and charger not included") and the cart lacks.
    required: bool = False
    # What a replacement improves for the need it answers best, when measured.
    improves: Improvement | None = None

    def add_source(self, source: str) -> None:
        """Record where it was found (kept in first-seen order)."""
        self.sources[source] = None

    def add_sem(self, i: int, score: float) -> None:
        """Keep the best semantic score for need ``i``."""
        if score > self.sem.get(i, 0.0):
            self.sem[i] = score

    def add_need(self, score: float, signal: Signal) -> None:
        """Keep the best-matched need."""
        if score > self.need:
            self.need, self.need_signal = score, signal


#: Evidence by sku, in the order products were found.
Found = dict[str, Evidence]


@dataclass(frozen=True)
class Anchors:
    """What the shopper holds (cart items, then the item in focus): what add-ons are measured against."""

    products: tuple[Product, ...]
    skus: frozenset[str]
    families: frozenset[str]
    tops: frozenset[str]

    @classmethod
    def of(cls, facts: TurnFacts) -> "Anchors":
        """The cart products and the focus item, without repeats."""
        products = facts.held
        return cls(
            products=products,
            skus=frozenset(p.sku for p in products),
            families=frozenset(p.family for p in products if p.family),
            tops=frozenset(top_category(p) for p in products),
        )
