"""Labelled example phrasings (agent/data/signal_examples.yaml) and the lazily embedded index over them."""

from __future__ import annotations

import importlib.resources
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from agent.yaml_text import safe_load

if TYPE_CHECKING:
    from knowledge.embeddings import Embedder

#: Labels an example may carry: the signal types the semantic path knows, plus ``none`` (no signal).
EXAMPLE_LABELS = (
    "need", "request", "addons", "better", "cheaper", "implicit", "decline", "support", "purchase_intent", "accept",
    "question", "none",
)


class ExamplesError(ValueError):
    """The examples file is missing or malformed; the message names the file and the bad entry."""


def default_examples_path() -> Path:
    """The examples file shipped as package data of ``agent``."""
    return Path(str(importlib.resources.files("agent").joinpath("data/signal_examples.yaml")))


def load_examples(path: Path | str | None = None) -> dict[str, list[str]]:
    """Read ``{label: [phrasing, ...]}`` from YAML; raise ExamplesError naming the file and the bad entry."""
    path = Path(path) if path is not None else default_examples_path()
    try:
        raw = safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ExamplesError(f"{path}: file not found") from e
    except yaml.YAMLError as e:
        raise ExamplesError(f"{path}: invalid YAML: {e}") from e
    if not isinstance(raw, dict) or not isinstance(raw.get("examples"), dict):
        raise ExamplesError(f"{path}: expected a mapping with an 'examples' mapping of label -> list of phrasings")
    out: dict[str, list[str]] = {}
    for label, items in raw["examples"].items():
        if label not in EXAMPLE_LABELS:
            raise ExamplesError(f"{path}: examples.{label}: unknown label (expected one of {', '.join(EXAMPLE_LABELS)})")
        if not isinstance(items, list) or not items:
            raise ExamplesError(f"{path}: examples.{label}: expected a non-empty list of phrasings")
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise ExamplesError(f"{path}: examples.{label}[{i}]: expected a non-empty string, got {item!r}")
        out[label] = [s.strip() for s in items]
    if "none" not in out or len(out) < 2:
        raise ExamplesError(f"{path}: examples: needs a 'none' list and at least one signal label")
    return out


class ExampleIndex:
    """The examples embedded once (on first use) with one embedder; scores a query vector per label."""

    def __init__(self, embedder: Embedder, examples: dict[str, list[str]]):
        self.embedder = embedder
        self.examples = examples
        self._matrix: np.ndarray | None = None
        self._labels: np.ndarray | None = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[np.ndarray, np.ndarray]:
        # Double-checked so concurrent first requests embed the examples only once.
        if self._matrix is None:
            with self._lock:
                if self._matrix is None:
                    labels = [label for label, items in self.examples.items() for _ in items]
                    texts = [t for items in self.examples.values() for t in items]
                    m = np.asarray(self.embedder.embed_documents(texts), dtype=np.float32)
                    m /= np.clip(np.linalg.norm(m, axis=1, keepdims=True), 1e-12, None)
                    self._labels = np.asarray(labels)
                    self._matrix = m
        assert self._labels is not None
        return self._matrix, self._labels

    def load(self) -> None:
        """Embed the examples now instead of on the first message."""
        self._load()

    def scores(self, vector: list[float]) -> dict[str, float]:
        """Best cosine similarity of ``vector`` to each label's examples."""
        matrix, labels = self._load()
        q = np.asarray(vector, dtype=np.float32)
        q /= max(float(np.linalg.norm(q)), 1e-12)
        sims = matrix @ q
        return {label: float(sims[labels == label].max()) for label in self.examples}
