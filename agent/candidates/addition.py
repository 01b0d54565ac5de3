"""Needs for one more of the item (gifts, one for someone else, a second one to keep elsewhere): an add-on, not a
replacement.

"A little something for each of my bridesmaids, they love this scent" or "I'd like to keep some in my handbag too"
asks for more of what the shopper holds, next to it: the family's other sizes are add-ons (kind ``cross_sell``),
the smaller the better for a little something, and a bigger version replacing the item answers nothing. A need
that names a measured quantity ("a bigger bottle for my girlfriend", "it runs out twice as fast") is about the
item itself and stays with the replacements (agent.candidates.dimensions).

Decided like the measure axes: the store's sentence embedder compares the need with a few descriptions (and with
the axes' descriptions, which must be clearly behind), with a short stem lexicon in the six shop languages as
the backstop.
"""

from __future__ import annotations

import re

import numpy as np

from agent.candidates.deps import CandidateDeps
from agent.candidates.dimensions import DESCRIPTIONS, MIN_MARGIN, MIN_SIMILARITY, lexicon_axes, AXIS_VECTORS
from agent.candidates.evidence import Anchors, Evidence, Found
from agent.schemas import Signal
from agent.turn import TurnFacts
from knowledge.embeddings import Embedder
from knowledge.lru import BoundedLRU

ADDITION_DESCRIPTIONS: tuple[str, ...] = (
    "a gift for a friend",
    "small presents for everyone in my family",
    "something for each of my friends too",
    "I also want one for my sister",
    "a second one to keep in my bag",
    "a spare one to keep in the car",
)
# Stems at a word start: gifts and "one more" in English, Spanish, German, French, Russian, Vietnamese.
_LEXICON = ("gift", "present for", "presents", "for each of", "second one", "regalo", "geschenk", "cadeau", "подар",
            "quà")
# Need score of another size of the item for an addition need, and its link (a family member).
ADDITION_SCORE, ADDITION_RELATION = 0.6, 0.8


class _AdditionVectors:
    """The addition descriptions' vectors per embedder, next to the axes' (agent.candidates.dimensions)."""

    def __init__(self, maxsize: int = 8) -> None:
        # Bounded: a process that builds many stores (tests, reloads) makes many embedders.
        self._cache: BoundedLRU[int, tuple[Embedder, np.ndarray]] = BoundedLRU(maxsize)

    def get(self, embedder: Embedder) -> np.ndarray:
        """The addition descriptions' unit vectors by ``embedder`` (computed once per embedder while kept)."""
        hit = self._cache.get_or_make(id(embedder), lambda _: self._embed(embedder))
        if hit[0] is not embedder:  # a new embedder at a dead one's address
            self._cache.discard(id(embedder))
            hit = self._cache.get_or_make(id(embedder), lambda _: self._embed(embedder))
        return hit[1]

    def __len__(self) -> int:
        return len(self._cache)

    @staticmethod
    def _embed(embedder: Embedder) -> tuple[Embedder, np.ndarray]:
        vecs = np.asarray(embedder.embed_documents(list(ADDITION_DESCRIPTIONS)), dtype=np.float32)
        vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
        return embedder, vecs


_ADDITION = _AdditionVectors()


def _embedded(text: str, embedder: Embedder) -> bool | None:
    """True/False when the embedder is sure either way, None when it is not."""
    q = AXIS_VECTORS.query(embedder, text)
    own = float(np.max(_ADDITION.get(embedder) @ q))
    _, axis_vecs = AXIS_VECTORS.get(embedder)
    axes = float(np.max(axis_vecs @ q)) if len(DESCRIPTIONS) else -1.0
    if own >= MIN_SIMILARITY and own - axes >= MIN_MARGIN:
        return True
    if axes >= MIN_SIMILARITY and axes - own >= MIN_MARGIN:
        return False
    return None


def wants_another(need: Signal, need_en: str, embedder: Embedder | None) -> bool:
    """Whether the need asks for one more of the item, to give away or keep elsewhere (module docstring)."""
    if getattr(need, "wants", None) is not None:
        return False
    texts = [t for t in (need_en, need.text) if t and t.strip()]
    if not texts or any(lexicon_axes(t) for t in texts):
        # It names a quantity of the item ("bigger", "always full"): a question about the item itself.
        return False
    if embedder is not None and need_en.strip():
        try:
            sure = _embedded(need_en, embedder)
        except Exception:  # noqa: BLE001 - an embedder failure must not fail the turn; the lexicon still answers
            sure = None
        if sure is not None:
            return sure
    return any(
        re.search(rf"(?<![^\W\d_]){re.escape(s)}", f" {t.lower()} ") for t in texts for s in _LEXICON
    )


def add_other_sizes(found: Found, facts: TurnFacts, anchors: Anchors, deps: CandidateDeps) -> None:
    """The focus item's family members as add-ons, each answering an addition need (``Evidence.another``)."""
    focus = facts.focus
    if focus is None or not focus.family or focus.price <= 0:
        return
    for p in deps.catalog.family(focus.family):
        if p.sku in anchors.skus or p.sku in found or not p.active or p.stock == 0:
            continue
        ev = Evidence(product=p, kind="cross_sell", another=True)
        ev.add_source("family")
        ev.relation = ADDITION_RELATION
        # A little something: the smaller (cheaper) size fits best next to the one they keep.
        ev.fit = max(0.0, 1.0 - p.price / focus.price)
        found[p.sku] = ev
