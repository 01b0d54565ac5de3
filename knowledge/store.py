"""The store's knowledge as one object: the active catalog snapshot, its relations and the vector index.

Import is atomic: a file is parsed and validated completely before anything is touched, so a refused file
changes nothing. The catalog snapshot (products, prices, mined rules) is the source of truth and is swapped
in one rename; the vector index is a cache keyed by content hash whose hits are always resolved through the
active snapshot, so a half-synced index can never surface an unknown product or a stale price.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, Field

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules
from knowledge.backends import make_embedder, open_chroma_client
from knowledge.embeddings import Embedder
from knowledge.importers import CatalogWarning, detect_format, import_catalog
from knowledge.index import IndexMismatchError, ProductIndex
from knowledge.models import CatalogFormat, Product, SearchFilters, SearchHit
from knowledge.orders import load_orders
from knowledge.relations import Relations
from knowledge.settings import KnowledgeSettings

Progress = Callable[[int, int], None]


class IngestSummary(BaseModel):
    """What an ingest did, printed by ``cartwise ingest``."""

    catalog: str
    format: str
    products: int
    active: int
    out_of_stock: int
    categories: int
    families: int
    curated_links: int
    compatibility_links: int
    orders: int
    rules: int
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    warnings: list[CatalogWarning] = Field(
        default_factory=list, description="Rows imported with pressure or discount wording in their text."
    )


class Snapshot:
    """One consistent view of the store: catalog, co-purchase rules and the relations built from them."""

    def __init__(self, catalog: Catalog, rules: RuleBook):
        self.catalog = catalog
        self.rules = rules
        self.relations = Relations.build(catalog, rules)


class NoCatalogError(RuntimeError):
    """No catalog has been ingested into this data dir yet."""


def sample_store_dir() -> Path:
    """The bundled sample store (catalog.jsonl, orders.csv)."""
    from importlib.resources import files

    return Path(str(files("knowledge") / "sample_store"))


class KnowledgeStore:
    """Catalog snapshot + relations + vector index under one data dir (or a Chroma server)."""

    def __init__(self, settings: KnowledgeSettings, embedder: Embedder | None = None):
        self.settings = settings
        self._embedder = embedder
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    # --- parts ---------------------------------------------------------------------------------
    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedder (built on first use)."""
        return self._embedder or make_embedder(self.settings)

    @cached_property
    def index(self) -> ProductIndex:
        """The vector index (embedded Chroma under the data dir, or the configured server)."""
        client = open_chroma_client(self.settings)
        return ProductIndex(client, self.settings.chroma_collection, self.embedder)

    @property
    def snapshot_path(self) -> Path:
        """Where the active snapshot is persisted."""
        return self.settings.catalog_path

    def has_catalog(self) -> bool:
        """True when a catalog was ingested (in memory or on disk)."""
        return self._snapshot is not None or self.snapshot_path.exists()

    @property
    def snapshot(self) -> Snapshot:
        """The active snapshot; loaded from disk on first use."""
        snap = self._snapshot
        if snap is None:
            with self._lock:
                if self._snapshot is None:
                    self._snapshot = self._load_snapshot()
                snap = self._snapshot
        return snap

    @property
    def catalog(self) -> Catalog:
        """The active catalog."""
        return self.snapshot.catalog

    @property
    def relations(self) -> Relations:
        """Relations of the active catalog."""
        return self.snapshot.relations

    def search(self, query: str, filters: SearchFilters | None = None, k: int = 10) -> list[SearchHit]:
        """Semantic search, keeping only hits that exist in the active catalog."""
        catalog = self.catalog
        return [h for h in self.index.search(query, k=k, filters=filters) if h.sku in catalog]

    # --- ingest --------------------------------------------------------------------------------
    def ingest(
        self,
        catalog_path: Path,
        orders_path: Path | None = None,
        format: CatalogFormat = "auto",
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Validate, index and activate a catalog (and optional orders). Raises CatalogError, changing nothing."""
        started = time.perf_counter()
        catalog_path = Path(catalog_path)
        fmt = detect_format(catalog_path) if format == "auto" else format
        imported = import_catalog(catalog_path, format=fmt)
        products = imported.products
        catalog = Catalog(products, currency=self.settings.store_currency)
        n_orders = 0
        rules = RuleBook([])
        if orders_path is not None:
            lines = load_orders(Path(orders_path))
            baskets = baskets_from_orders(lines, known_skus=catalog)
            n_orders = len(baskets)
            s = self.settings
            rules = RuleBook(
                mine_rules(
                    baskets,
                    min_support=s.rules_min_support,
                    min_confidence=s.rules_min_confidence,
                    min_lift=s.rules_min_lift,
                    min_count=s.rules_min_count,
                )
            )
        snapshot = Snapshot(catalog, rules)  # builds relations: fails here, before anything is written
        stats = self._index_for_ingest().sync(products, progress=progress)
        self._save_snapshot(snapshot)
        self._snapshot = snapshot  # one reference swap: readers see the old or the new store, never a mix
        rel = snapshot.relations.stats()
        return IngestSummary(
            catalog=str(catalog_path),
            format=fmt,
            products=len(catalog),
            active=sum(1 for p in catalog if p.active),
            out_of_stock=sum(1 for p in catalog if p.stock == 0),
            categories=len(catalog.categories),
            families=rel.families,
            curated_links=rel.curated_links,
            compatibility_links=rel.compatibility_links,
            orders=n_orders,
            rules=len(rules),
            added=stats.added,
            updated=stats.updated,
            removed=stats.removed,
            unchanged=stats.unchanged,
            seconds=round(time.perf_counter() - started, 2),
            warnings=imported.warnings,
        )

    def _index_for_ingest(self) -> ProductIndex:
        """The index, rebuilt from scratch when it was built with another embedder (its vectors are useless)."""
        try:
            return self.index
        except IndexMismatchError:
            client = open_chroma_client(self.settings)
            index = ProductIndex(client, self.settings.chroma_collection, self.embedder, reset_on_mismatch=True)
            self.__dict__["index"] = index  # replaces the cached_property value
            return index

    def ingest_sample(self, progress: Progress | None = None) -> IngestSummary:
        """Ingest the bundled sample store."""
        d = sample_store_dir()
        return self.ingest(d / "catalog.jsonl", d / "orders.csv", progress=progress)

    # --- persistence ---------------------------------------------------------------------------
    def _save_snapshot(self, snap: Snapshot) -> None:
        path = self.snapshot_path
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        data = {
            "currency": snap.catalog.currency,
            "products": [p.model_dump(mode="json", exclude_defaults=True) for p in snap.catalog],
            "rules": json.loads(snap.rules.to_json()),
        }
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def _load_snapshot(self) -> Snapshot:
        path = self.snapshot_path
        if not path.exists():
            raise NoCatalogError(
                f"No catalog in {self.settings.data_dir}. Ingest one with `cartwise ingest CATALOG [--orders FILE]`,"
                " or try the bundled sample store with `cartwise ingest --sample`."
            )
        data = json.loads(path.read_text(encoding="utf-8"))
        catalog = Catalog((Product.model_validate(p) for p in data["products"]), currency=data.get("currency", "USD"))
        return Snapshot(catalog, RuleBook.from_json(json.dumps(data.get("rules", []))))
