"""All of Cartwise's configuration: the only module that reads environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every configurable value, read from ``CARTWISE_*`` environment variables (or passed in)."""

    model_config = SettingsConfigDict(env_prefix="CARTWISE_", extra="ignore")

    # --- storage -------------------------------------------------------------------------------
    data_dir: Path = Field(Path(".cartwise"), description="Embedded Chroma index and SQLite sessions live here.")
    chroma_url: str | None = Field(None, description="URL of a Chroma server (http://host:port); embedded when unset.")
    chroma_collection: str = "cartwise_products"
    database_url: str | None = Field(None, description="Sessions/events database; SQLite under data_dir when unset.")

    # --- catalog -------------------------------------------------------------------------------
    store_currency: str = Field("USD", min_length=3, max_length=3)

    # --- embeddings ----------------------------------------------------------------------------
    embedding_backend: Literal["minilm", "use", "openai", "fake"] = "minilm"
    embedding_model: str = Field("text-embedding-3-small", description="Model name for the openai backend.")
    embedding_threads: int = Field(1, ge=1, description="onnxruntime intra-op threads (1 is fastest on 2 cores).")
    embedding_batch_size: int = Field(16, ge=1, description="Texts per ONNX run; small batches pad less (fastest here).")

    # --- co-purchase mining --------------------------------------------------------------------
    rules_min_support: float = Field(0.001, ge=0, le=1)
    rules_min_confidence: float = Field(0.05, ge=0, le=1)
    rules_min_lift: float = Field(1.5, ge=0)
    rules_min_count: int = Field(3, ge=1)

    # --- offer policy (CONTRACTS section 6) ----------------------------------------------------
    max_uplift: float = Field(0.30, ge=0, description="An upsell costs at most this share more than what it replaces.")
    addon_share_need: float = Field(1.0, ge=0, description="Need-driven cross-sell: at most this share of focus/cart.")
    addon_share_unprompted: float = Field(0.35, ge=0, description="Unprompted cart add-on: at most this share of cart.")
    offers_per_reply: int = Field(1, ge=0)
    offers_per_session: int = Field(3, ge=0)
    declines_before_silence: int = Field(2, ge=1)

    # --- chat model ----------------------------------------------------------------------------
    model_provider: Literal["offline", "openai", "scripted"] = "offline"
    openai_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("CARTWISE_OPENAI_API_KEY", "OPENAI_API_KEY", "openai_api_key")
    )
    openai_base_url: str | None = Field(
        None, validation_alias=AliasChoices("CARTWISE_OPENAI_BASE_URL", "OPENAI_BASE_URL", "openai_base_url")
    )
    model_name: str = "gpt-4o-mini"
    model_temperature: float = Field(0.3, ge=0, le=2)
    model_timeout: float = Field(20.0, gt=0, description="Seconds before a model call gives up (offline reply then).")
    model_max_retries: int = Field(1, ge=0)
    prompt_token_budget: int = Field(1500, ge=200)
    model_signals: bool = Field(True, description="With a model: detect signals by structured output too.")

    # --- eval judge (optional) -----------------------------------------------------------------
    judge_model_name: str | None = None
    judge_base_url: str | None = None
    judge_api_key: SecretStr | None = None

    # --- HTTP service --------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 8000
    admin_api_key: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    max_message_chars: int = Field(2000, ge=1)
    max_body_bytes: int = Field(64_000, ge=1024)
    max_upload_bytes: int = Field(50_000_000, ge=1024)
    rate_limit_per_session: int = Field(30, ge=1, description="Turns per minute per session.")
    rate_limit_per_client: int = Field(120, ge=1, description="Requests per minute per client address.")

    @property
    def sqlite_path(self) -> Path:
        """Default SQLite file for sessions and events."""
        return self.data_dir / "cartwise.sqlite3"

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma index persists."""
        return self.data_dir / "chroma"

    @property
    def catalog_path(self) -> Path:
        """The active catalog snapshot (the source of truth for products and prices)."""
        return self.data_dir / "catalog.json"
