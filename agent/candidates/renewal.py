"""Shoppers fed up with re-buying consumables: a product that is used up, or runs on what is, contradicts them.

"I hate that these things eat batteries", "I never had the right little coin battery in the house", "throwing away
a cartridge every week feels so wasteful": the shopper wants something that renews (rechargeable, mains-powered,
reusable, refillable). Single-use batteries are near that need by topic, and so is a device that runs on them; both
are the opposite of an answer.

The product side is read from the catalog: attributes (``rechargeable: false``, a ``power`` or ``battery`` value
naming a primary cell: AA, AAA, CR2032, a coin cell) and the name and description ("runs on two AAA batteries",
"single-use", "disposable", "alkaline"). A product that also says it recharges or is reused is not used up.

The shopper side is a sentence embedder's judgement (the store's encoder on the English words of each sentence,
and the multilingual encoder on the shopper's own words when they wrote in another language): near a few
descriptions of being fed up with re-buying, and clearly nearer them than descriptions of the same topic without
the complaint ("I need spare batteries", "my battery runs out too fast"), which are ordinary needs a spare battery
may well answer.
"""

from __future__ import annotations

import re

import numpy as np

from agent.candidates.dimensions import AXIS_VECTORS
from knowledge.embeddings import Embedder
from knowledge.lru import BoundedLRU
from knowledge.models import Product

FED_UP_DESCRIPTIONS: tuple[str, ...] = (
    "I'm tired of buying batteries all the time",
    "it eats through batteries, I keep replacing them",
    "I never have the right spare batteries at home",
    "I don't want anything that runs on disposable batteries",
    "throwing away single-use ones every week is wasteful",
    "I'm sick of having to keep buying refills",
)
#: The same topic without the complaint: a need near these is no refusal of consumables.
PLAIN_DESCRIPTIONS: tuple[str, ...] = (
    "my battery runs out too fast",
    "I need some spare batteries",
    "which batteries does it take",
    "I want a bigger battery",
    "does it come with batteries",
    "the battery doesn't last long enough",
)
#: How near the complaint a sentence must be, and by how much nearer than the plain topic, measured on sentences
#: written for the purpose, not on an eval suite. all-MiniLM-L6-v2: complaints 0.43-0.71 with margins 0.04-0.45,
#: plain battery needs up to 0.70 but never a positive margin. USE-multilingual: complaints in five languages
#: 0.40-0.73 with margins 0.04-0.45, plain needs at most -0.09; "the batteries always die at the worst moment"
#: (a runtime complaint as much as a re-buying one) 0.01.
MIN_SIMILARITY, MIN_MARGIN = 0.4, 0.03

# A primary (non-rechargeable) cell by its designation, or in words.
_CELL = r"(?:AAA|AA|CR\s?\d{3,4}|LR\s?\d{1,4}|9\s?V|coin(?:[- ]cell)?|button(?:[- ]cell)?)"
_RUNS_ON = re.compile(
    rf"\b(?:runs?|running|powered|works?|operates?)\b[^.;]{{0,40}}?\b(?:on|by|with)\b[^.;]{{0,20}}?\b{_CELL}\b"
    rf"|\b(?:\d+|one|two|three|four|six|eight)\s*(?:x|×)?\s*{_CELL}\s+batter",
    re.IGNORECASE,
)
_USED_UP = re.compile(r"\b(?:disposable|single[- ]use|throw[- ]?away|alkaline)\b", re.IGNORECASE)
_RENEWS = re.compile(
    r"\b(?:rechargeable|recharges?|reusable|refillable|washable|usb[- ]?c?\s+charg\w*|charges?\s+(?:by|over|via)\s+usb)\b",
    re.IGNORECASE,
)
_CELL_VALUE = re.compile(rf"^\s*(?:\d+\s*(?:x|×)\s*)?{_CELL}\b", re.IGNORECASE)
_POWER_KEYS = ("power", "battery", "batteries", "battery_type", "cell", "size")


def used_up(p: Product) -> bool:
    """Whether the product is single-use or runs on single-use cells (module docstring), by its catalog data."""
    attrs = {k.casefold(): v for k, v in p.attributes.items()}
    if attrs.get("rechargeable") is True or attrs.get("reusable") is True:
        return False
    text = f"{p.name}. {p.description or ''}"
    if _RENEWS.search(text) or any(isinstance(v, str) and _RENEWS.search(v) for v in attrs.values()):
        return False
    if attrs.get("rechargeable") is False or attrs.get("reusable") is False:
        return True
    if any(isinstance(attrs.get(k), str) and _CELL_VALUE.search(attrs[k]) for k in _POWER_KEYS):
        return True
    return bool(_USED_UP.search(text) or _RUNS_ON.search(text))


class _Vectors:
    """The two description sets' unit vectors per embedder (bounded: tests and reloads make many embedders)."""

    def __init__(self, maxsize: int = 8) -> None:
        self._cache: BoundedLRU[int, tuple[Embedder, np.ndarray, np.ndarray]] = BoundedLRU(maxsize)

    def get(self, embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
        """(fed-up vectors, plain vectors) by ``embedder``."""
        hit = self._cache.get_or_make(id(embedder), lambda _: self._embed(embedder))
        if hit[0] is not embedder:  # a new embedder at a dead one's address
            self._cache.discard(id(embedder))
            hit = self._cache.get_or_make(id(embedder), lambda _: self._embed(embedder))
        return hit[1], hit[2]

    @staticmethod
    def _embed(embedder: Embedder) -> tuple[Embedder, np.ndarray, np.ndarray]:
        def unit(texts: tuple[str, ...]) -> np.ndarray:
            vecs = np.asarray(embedder.embed_documents(list(texts)), dtype=np.float32)
            return vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)

        return embedder, unit(FED_UP_DESCRIPTIONS), unit(PLAIN_DESCRIPTIONS)


_VECTORS = _Vectors()


def fed_up(sentences_en: list[str], embedder: Embedder | None) -> bool:
    """Whether any sentence (in English words) says the shopper is fed up with re-buying consumables."""
    if embedder is None:
        return False
    fed, plain = _VECTORS.get(embedder)
    for text in sentences_en:
        if not text.strip():
            continue
        q = AXIS_VECTORS.query(embedder, text)
        near = float(np.max(fed @ q))
        if near >= MIN_SIMILARITY and near - float(np.max(plain @ q)) >= MIN_MARGIN:
            return True
    return False
