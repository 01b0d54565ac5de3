"""The knowledge section of the configuration: storage, catalog currency, embeddings, co-purchase mining.

A plain model: it reads no environment variables (``agent.settings.Settings`` does, and composes this).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class KnowledgeSettings(BaseModel):
    """Where the store's knowledge lives and how it is built: paths, currency, embedder, rule mining."""

    model_config = ConfigDict(extra="forbid")

    # --- storage -------------------------------------------------------------------------------
    data_dir: Path = Field(Path(".cartwise"), description="Embedded Chroma index and SQLite sessions live here.")
    chroma_url: str | None = Field(None, description="URL of a Chroma server (http://host:port); embedded when unset.")
    chroma_collection: str = "cartwise_products"
    database_url: str | None = Field(None, description="Sessions/events database; SQLite under data_dir when unset.")
    snapshot_check_ms: int = Field(
        250, ge=0, description="How often (ms) a running store looks for a catalog another process ingested."
    )
    ingest_lock_wait_s: float = Field(
        600.0, ge=0, description="How long `cartwise ingest` waits for another ingest into the data dir to end."
    )

    # --- catalog -------------------------------------------------------------------------------
    store_currency: str = Field("USD", min_length=3, max_length=3)

    # --- embeddings ----------------------------------------------------------------------------
    embedding_backend: Literal["minilm", "minilm-fast", "use", "openai", "fake"] = Field(
        "minilm",
        description="'minilm' (bundled, offline); 'minilm-fast' (the same model with int8 MatMuls, built once under "
        "data_dir/models: ingest 2.3x faster, offer precision within 2.8 points of it on the eval stores); 'use'; "
        "'openai'; 'fake' (tests).",
    )
    embedding_model: str = Field("text-embedding-3-small", description="Model name for the openai backend.")
    embedding_threads: int = Field(1, ge=1, description="onnxruntime intra-op threads (1 is fastest on 2 cores).")
    embedding_batch_size: int = Field(16, ge=1, description="Texts per ONNX run; small batches pad less (fastest here).")
    query_cache_size: int = Field(
        1024, ge=0, description="Search query vectors kept per index (LRU; 1.5 KB each with MiniLM; 0: none)."
    )
    index_local_vectors: bool = Field(
        True,
        description="Keep every product's vector in the process for exact filtered ranking (4 bytes per dimension "
        "per product: 1.5 KB with MiniLM, 1.5 GB at 1,000,000 products); off: Chroma ranks every filtered search.",
    )
    multilingual_backend: Literal["use", "fake", "none"] = Field(
        "use",
        description="Second index for non-English needs: 'use' (USE-multilingual, offline), 'fake' (tests), 'none'.",
    )
    multilingual_blend: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Share of the multilingual index's similarity in an English search's ranking (0: the main "
        "index alone); two encoders err apart, so the blend ranks answers above word-sharers more often.",
    )
    # The openai backend talks to the same OpenAI-compatible endpoint as the chat model; the root
    # Settings feeds both sections from the one OPENAI_API_KEY / CARTWISE_OPENAI_BASE_URL.
    openai_api_key: SecretStr | None = Field(None, description="API key for the openai embedding backend.")
    openai_base_url: str | None = Field(None, description="Base URL for the openai embedding backend.")

    # --- co-purchase mining --------------------------------------------------------------------
    rules_min_support: float = Field(0.001, ge=0, le=1)
    rules_min_confidence: float = Field(0.05, ge=0, le=1)
    rules_min_lift: float = Field(1.5, ge=0)
    rules_min_count: int = Field(3, ge=1)

    @property
    def sqlite_path(self) -> Path:
        """Default SQLite file for sessions and events."""
        return self.data_dir / "cartwise.sqlite3"

    @property
    def multilingual_collection(self) -> str:
        """The Chroma collection of the multilingual index (named after the main one, so stores never share it)."""
        return f"{self.chroma_collection}_multilingual"

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma index persists."""
        return self.data_dir / "chroma"

    @property
    def ingest_lock_path(self) -> Path:
        """The lock file that lets one ingest at a time write into the data dir (across processes)."""
        return self.data_dir / "ingest.lock"

    @property
    def catalog_path(self) -> Path:
        """The active catalog snapshot (the source of truth for products and prices)."""
        return self.data_dir / "catalog.json"


#: The section's defaults, for signatures that default to the configured value.
KNOWLEDGE_DEFAULTS = KnowledgeSettings()
