"""The semantic side of signal detection: a shared multilingual encoder, what text it reads, scores per label.

A message is compared with labelled example phrasings (agent/data/signal_examples.yaml). With a multilingual
encoder (USE-multilingual v3) one set of examples serves en/es/de/fr/ru and the languages USE was trained on;
USE never saw Vietnamese, so a Vietnamese message is first turned into English words by the glossary
(agent.glossary), which is what measured best for Vietnamese retrieval too. An English-only encoder
(all-MiniLM-L6-v2) only scores English messages. With several encoders, each label's score is the mean over
the encoders that can read the message.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.schemas import Signal
from agent.signals.examples import ExampleIndex

if TYPE_CHECKING:
    from knowledge.embeddings import Embedder

#: A need heard only from a statement about usage or circumstances ("we walk the dog three times a day"): the
#: candidate step keeps it only when a product related to what the shopper holds answers it strongly.
IMPLICIT_CONFIDENCE = 0.3
#: Needs below this confidence are implicit; every stated need is at or above it.
STATED_NEED_FLOOR = 0.5

# Letters only Vietnamese uses among the supported languages (horn and breve vowels, đ, dot-below tones).
_VIETNAMESE = re.compile(r"[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)

_shared: Embedder | None = None
_shared_lock = threading.Lock()


def is_implicit(signal: Signal) -> bool:
    """Whether a need signal was only inferred from circumstances (see IMPLICIT_CONFIDENCE)."""
    return signal.type == "need" and signal.confidence < STATED_NEED_FLOOR


def shared_encoder() -> Embedder:
    """The process-wide multilingual encoder for signal examples (USE-multilingual v3, weights read on first use)."""
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                from knowledge.embeddings_use import USEEmbedder

                _shared = USEEmbedder()
    return _shared


def is_multilingual(embedder: Embedder) -> bool:
    """Whether an encoder reads other languages than English (by its model name)."""
    return "multilingual" in str(getattr(embedder, "name", "")).lower()


def is_vietnamese(text: str) -> bool:
    """Whether a message is written in Vietnamese (by its letters)."""
    return bool(_VIETNAMESE.search(text))


class SemanticScorer:
    """Scores one message against the labelled examples with one or more encoders (one query per encoder)."""

    def __init__(self, embedders: Sequence[Embedder], examples: dict[str, list[str]]):
        self.indexes = [(e, ExampleIndex(e, examples), is_multilingual(e)) for e in embedders]

    def load(self) -> None:
        """Embed the examples now rather than on the first message."""
        for _, index, _ in self.indexes:
            index.load()

    def scores(self, text: str, *, english: bool) -> dict[str, float]:
        """Mean best-cosine per label over the encoders that read this message; ``{}`` when none does."""
        return self.scores_many([text], english=english)[0]

    def scores_many(self, texts: Sequence[str], *, english: bool) -> list[dict[str, float]]:
        """:meth:`scores` for several texts (a message's sentences), one batch per encoder."""
        readers = [(e, index) for e, index, multi in self.indexes if multi or english]
        if not readers or not texts:
            return [{} for _ in texts]
        texts = list(texts)
        if any(is_vietnamese(t) for t in texts):
            from agent.glossary import to_english

            texts = [to_english(t, "vi") if is_vietnamese(t) else t for t in texts]
        keep = [i for i, t in enumerate(texts) if t.strip()]
        out: list[dict[str, float]] = [{} for _ in texts]
        if not keep:
            return out
        for embedder, index in readers:
            batch = [texts[i] for i in keep]
            vectors = [embedder.embed_query(batch[0])] if len(batch) == 1 else embedder.embed_documents(batch)
            for i, vector in zip(keep, vectors):
                for label, value in index.scores(vector).items():
                    out[i][label] = out[i].get(label, 0.0) + value / len(readers)
        return out
