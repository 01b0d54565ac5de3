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

A group need ("we're adding two people to the crew", "all four of us ride on Sundays") is about the number of
people. When what the shopper holds measures people (a 2-person tent, a 4-seat table), or is shared and comes
bigger (a 0.9 l kettle whose family has a 1.2 l one, a blender jar, a roof box), a bigger one answers it; when
nothing held does (pruners, gloves, helmets, a bottle pack whose sizes differ only in count), it asks for more of
what they hold: the other sizes and versions of every held item are the add-ons (:func:`wants_more_for_people`).
"""

from __future__ import annotations

import re

import numpy as np

from agent.candidates.deps import CandidateDeps
from agent.candidates.dimensions import (
    AXES,
    AXIS_VECTORS,
    DESCRIPTIONS,
    MIN_MARGIN,
    MIN_SIMILARITY,
    axis_ranking,
    lexicon_axes,
    need_axes,
)
from agent.candidates.evidence import Anchors, Evidence, Found
from agent.schemas import Signal
from agent.signals.semantic import is_implicit
from agent.turn import TurnFacts
from knowledge.embeddings import Embedder
from knowledge.lru import BoundedLRU
from knowledge.models import Product

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
    if getattr(need, "wants", None) is not None or need.version:
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


PEOPLE = "people"


def wants_more_for_people(need: Signal, need_en: str, anchors: Anchors, deps: CandidateDeps) -> bool:
    """Whether a group need asks for more of what the shopper holds: it is about the number of people, and
    nothing they hold measures people (else a bigger one of it answers; module docstring)."""
    if getattr(need, "wants", None) is not None or not anchors.products or is_implicit(need):
        # An inferred worry ("the people downstairs will complain") is not a statement about who will use it.
        return False
    if not need.group:
        # Said as a count ("all four of us", "twins") it is a group need; otherwise the encoder must read it so.
        axes = need_axes([need_en, need.text], deps.embedder, deps.multilingual)
        if [a.name for a in axes] != ["more_people"]:
            return False
        if axes[0].by_words and not _closest_is_people(need, need_en, deps):
            # A word like "people" alone ("the people downstairs will complain") is not a group need.
            return False
    return not any(_grows_with_people(p, deps) for p in anchors.products)


def _grows_with_people(held: Product, deps: CandidateDeps) -> bool:
    """Whether a bigger one of ``held`` serves more people: it measures people (a 2-person tent, a 4-seat table),
    or it is shared and its family comes bigger (a 0.9 l kettle next to a 1.2 l one; not a bottle 2-pack whose
    sizes differ only in count)."""
    dims = AXES["more_people"].dimensions
    own = {m.dimension: m.value for m in deps.relations.measures(held.sku) if m.dimension in dims}
    if PEOPLE in own:
        return True
    if not own or not held.family:
        return False
    return any(
        m.dimension in own and m.value > own[m.dimension]
        for p in deps.catalog.family(held.family)
        if p.sku != held.sku
        for m in deps.relations.measures(p.sku)
    )


def _closest_is_people(need: Signal, need_en: str, deps: CandidateDeps) -> bool:
    """Whether the encoder, unsure as it may be, still reads the need as closest to the number of people."""
    reader, text = (deps.multilingual, need.text) if deps.multilingual is not None else (deps.embedder, need_en)
    if reader is None or not text.strip():
        return True  # nothing to ask: the word list decides, as it does for the axes
    try:
        return axis_ranking(text, reader)[0][0] == "more_people"
    except Exception:  # noqa: BLE001 - an encoder failure must not fail the turn
        return False


def add_other_sizes(
    found: Found, facts: TurnFacts, anchors: Anchors, deps: CandidateDeps, every_held: bool = False
) -> None:
    """The focus item's family members (with ``every_held``, every held item's) as add-ons, each answering an
    addition need (``Evidence.another``)."""
    bases = anchors.products if every_held else ((facts.focus,) if facts.focus is not None else ())
    for base in bases:
        if not base.family or base.price <= 0:
            continue
        for p in deps.catalog.family(base.family):
            if p.sku in anchors.skus or p.sku in found or not p.active or p.stock == 0:
                continue
            ev = Evidence(product=p, kind="cross_sell", another=True)
            ev.add_source("family")
            ev.relation = ADDITION_RELATION
            # A little something: the smaller (cheaper) size fits best next to the one they keep.
            ev.fit = max(0.0, 1.0 - p.price / base.price)
            found[p.sku] = ev
