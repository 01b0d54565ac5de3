"""Adapters that carry a Cartwise embedder into Chroma (registered, so a persisted collection reopens) and LangChain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaEmbeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LCEmbeddings

from knowledge.embeddings import Embedder, FakeEmbedder, MiniLMEmbedder, OpenAIEmbedder
from knowledge.embeddings_use import USEEmbedder


def embedder_config(embedder: Embedder) -> dict[str, Any]:
    """A JSON-able description of an embedder, enough to rebuild it (never holds secrets)."""
    if isinstance(embedder, MiniLMEmbedder):
        config: dict[str, Any] = {
            "backend": "minilm",
            "threads": embedder.threads,
            "batch_size": embedder.batch_size,
            "max_tokens": embedder.max_tokens,
        }
        if embedder.int8_cache is not None:
            config["int8_cache"] = str(embedder.int8_cache)
        return config
    if isinstance(embedder, USEEmbedder):
        return {"backend": "use", "threads": embedder.threads, "batch_size": embedder.batch_size}
    if isinstance(embedder, FakeEmbedder):
        if embedder.languages:
            return {"backend": "fake", "dim": embedder.dim, "languages": sorted(embedder.languages)}
        return {"backend": "fake", "dim": embedder.dim}
    if isinstance(embedder, OpenAIEmbedder):
        return {"backend": "openai", "model": embedder.model, "base_url": embedder.base_url, "dim": embedder._dim}
    raise ValueError(f"embedder: cannot describe {type(embedder).__name__} for a persisted Chroma collection")


def embedder_from_config(config: dict[str, Any]) -> Embedder:
    """Rebuild an embedder from :func:`embedder_config` output."""
    backend = config.get("backend")
    if backend == "minilm":
        return MiniLMEmbedder(
            threads=int(config.get("threads", 1)),
            batch_size=int(config.get("batch_size", 64)),
            max_tokens=int(config.get("max_tokens", 128)),
            int8_cache=Path(config["int8_cache"]) if config.get("int8_cache") else None,
        )
    if backend == "use":
        return USEEmbedder(threads=int(config.get("threads", 1)), batch_size=int(config.get("batch_size", 16)))
    if backend == "fake":
        return FakeEmbedder(dim=int(config.get("dim", 64)), languages=frozenset(config.get("languages", ())))
    if backend == "openai":
        # The API key is not persisted; the OpenAI client falls back to its own OPENAI_API_KEY lookup.
        return OpenAIEmbedder(model=str(config["model"]), base_url=config.get("base_url"), dim=config.get("dim"))
    raise ValueError(f"embedding function config: unknown backend {backend!r}")


@register_embedding_function
class CartwiseEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over an Embedder; registered so persisted collections reopen offline."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def __call__(self, input: Documents) -> ChromaEmbeddings:
        return [np.asarray(v, dtype=np.float32) for v in self.embedder.embed_documents(list(input))]

    def embed_query(self, input: Documents) -> ChromaEmbeddings:
        """Embed query texts with the embedder's query path."""
        return [np.asarray(self.embedder.embed_query(t), dtype=np.float32) for t in input]

    @staticmethod
    def name() -> str:
        """The name Chroma stores in the collection configuration."""
        return "cartwise"

    def default_space(self) -> str:  # type: ignore[override]
        """Vectors are unit length, so cosine is the natural space."""
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        """Spaces that make sense for normalised vectors."""
        return ["cosine", "ip", "l2"]

    def get_config(self) -> dict[str, Any]:
        """Serializable config (no secrets) from which :meth:`build_from_config` rebuilds the embedder."""
        return embedder_config(self.embedder)

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> CartwiseEmbeddingFunction:
        """Rebuild from a persisted collection's configuration (model loads lazily)."""
        return CartwiseEmbeddingFunction(embedder_from_config(config))


class LangChainEmbeddings(LCEmbeddings):
    """LangChain ``Embeddings`` over an Embedder, for ``langchain_chroma.Chroma``."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed documents with the wrapped embedder."""
        return self.embedder.embed_documents(list(texts))

    def embed_query(self, text: str) -> list[float]:
        """Embed a query with the wrapped embedder."""
        return self.embedder.embed_query(text)
