"""The backends the knowledge settings name: the embedder and the Chroma client."""

from __future__ import annotations

from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from knowledge.embeddings import Embedder, FakeEmbedder, MiniLMEmbedder, OpenAIEmbedder
from knowledge.embeddings_use import USE_LANGUAGES, USEEmbedder
from knowledge.settings import KnowledgeSettings


def make_embedder(settings: KnowledgeSettings) -> Embedder:
    """The embedder named by ``settings.embedding_backend``."""
    backend = settings.embedding_backend
    if backend in ("minilm", "minilm-fast"):
        cache = settings.data_dir / "models" if backend == "minilm-fast" else None
        return MiniLMEmbedder(
            threads=settings.embedding_threads, batch_size=settings.embedding_batch_size, int8_cache=cache
        )
    if backend == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return OpenAIEmbedder(
            model=settings.embedding_model,
            api_key=key,
            base_url=settings.openai_base_url,
            batch_size=settings.embedding_batch_size,
        )
    if backend == "use":
        return USEEmbedder(threads=settings.embedding_threads, batch_size=settings.embedding_batch_size)
    if backend == "fake":
        return FakeEmbedder()
    raise ValueError(
        f"embedding_backend: unknown backend {backend!r} (expected minilm, minilm-fast, use, openai or fake)"
    )


def make_multilingual_embedder(settings: KnowledgeSettings) -> Embedder | None:
    """The embedder of the multilingual index named by ``settings.multilingual_backend`` (None: no such index)."""
    backend = settings.multilingual_backend
    if backend == "use":
        return USEEmbedder(threads=settings.embedding_threads, batch_size=settings.embedding_batch_size)
    if backend == "fake":
        return FakeEmbedder(languages=USE_LANGUAGES)
    if backend == "none":
        return None
    raise ValueError(f"multilingual_backend: unknown backend {backend!r} (expected use, fake or none)")


def open_chroma_client(settings: KnowledgeSettings) -> chromadb.ClientAPI:
    """An HTTP client when ``settings.chroma_url`` is set, else a persistent client under ``chroma_path``."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"chroma_url: expected http(s)://host[:port], got {settings.chroma_url!r}")
        ssl = url.scheme == "https"
        port = url.port or (443 if ssl else 8000)
        return chromadb.HttpClient(host=url.hostname, port=port, ssl=ssl, settings=chroma_settings)
    path = settings.chroma_path
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
