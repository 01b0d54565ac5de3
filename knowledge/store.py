"""The store's knowledge as one object: the active catalog snapshot, its relations and the vector index.

Import is atomic: a file is parsed and validated completely before anything is touched, so a refused file
changes nothing. The catalog snapshot (products, prices, mined rules) is the source of truth and is swapped
in one rename; the vector index is a cache keyed by content hash whose hits are always resolved through the
active snapshot, so a half-synced index can never surface an unknown product or a stale price.

Two indexes hold the same products: the main one (MiniLM, English) and, unless ``multilingual_backend`` is
``none``, a multilingual one (USE) that serves needs written in the languages its embedder covers. Ingest syncs
both, in parallel, before the snapshot swap; a store whose multilingual index is missing or incomplete keeps
serving through the main one and says (``multilingual_status``) that a re-ingest builds it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, Field

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules
from knowledge.backends import make_embedder, make_multilingual_embedder, open_chroma_client
from knowledge.embeddings import Embedder, embedder_languages, similarity_scale
from knowledge.importers import CatalogWarning, detect_format, import_catalog
from knowledge.index import IndexMismatchError, ProductIndex, SyncStats, multilingual_text
from knowledge.models import CatalogFormat, Product, SearchFilters, SearchHit
from knowledge.orders import load_orders
from knowledge.relations import Relations
from knowledge.settings import KnowledgeSettings

Progress = Callable[[int, int], None]
#: BCP 47 code for a text whose language could not be told.
UNDETERMINED = "und"


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
    multilingual_embedder: str | None = None
    multilingual_embedded: int = 0
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

    def __init__(
        self,
        settings: KnowledgeSettings,
        embedder: Embedder | None = None,
        multilingual_embedder: Embedder | None = None,
    ):
        self.settings = settings
        self._embedder = embedder
        self._multilingual_embedder = multilingual_embedder
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        # Languages the multilingual index serves, decided once (it is checked against the main index).
        self._languages: frozenset[str] | None = None

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

    @cached_property
    def multilingual_embedder(self) -> Embedder | None:
        """The multilingual index's embedder (None when ``multilingual_backend`` is ``none``)."""
        return self._multilingual_embedder or make_multilingual_embedder(self.settings)

    @cached_property
    def multilingual_index(self) -> ProductIndex | None:
        """The multilingual index, or None when none is configured. Raises IndexMismatchError like ``index``."""
        embedder = self.multilingual_embedder
        if embedder is None:
            return None
        client = open_chroma_client(self.settings)
        return ProductIndex(client, self.settings.multilingual_collection, embedder, text=multilingual_text)

    def multilingual_status(self) -> str | None:
        """Why the multilingual index cannot serve and what to do (None when it serves or none is configured)."""
        if self.multilingual_embedder is None:
            return None
        try:
            index = self.multilingual_index
        except IndexMismatchError as exc:
            return f"multilingual index unusable ({exc})"
        assert index is not None
        have, want = index.count(), self.index.count()
        if have != want:
            return (
                f"multilingual index holds {have} of {want} products: non-English needs are searched through the "
                "glossary until you re-ingest the catalog (`cartwise ingest ...`)"
            )
        return None

    @property
    def multilingual_languages(self) -> frozenset[str]:
        """Languages whose needs ``search(..., lang=...)`` sends to the multilingual index (empty: none serves)."""
        langs = self._languages
        if langs is None:
            embedder = self.multilingual_embedder
            ok = embedder is not None and self.multilingual_status() is None
            langs = self._languages = embedder_languages(embedder) - {"en"} if ok and embedder else frozenset()
        return langs

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

    def search(
        self, query: str, filters: SearchFilters | None = None, k: int = 10, lang: str | None = None
    ) -> list[SearchHit]:
        """Semantic search, keeping only hits that exist in the active catalog.

        A query in a language of :attr:`multilingual_languages` (``lang``), or of undetermined language
        (``"und"``: the multilingual embedder knows English too), is searched as written in the multilingual
        index, its similarities put on the main embedder's scale; any other query (English, or already
        translated) in the main index.
        """
        catalog = self.catalog
        served = self.multilingual_languages
        if lang is not None and (lang in served or (lang == UNDETERMINED and served)):
            index = self.multilingual_index
            assert index is not None  # a language is only served when the index is
            scale = similarity_scale(index.embedder)
            hits = index.search(query, k=k, filters=filters)
            if scale != 1.0:
                hits = [h.model_copy(update={"score": min(1.0, h.score * scale)}) for h in hits]
        else:
            hits = self.index.search(query, k=k, filters=filters)
        return [h for h in hits if h.sku in catalog]

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
        stats, ml_stats = self._sync_indexes(products, progress)
        self._save_snapshot(snapshot)
        self._snapshot = snapshot  # one reference swap: readers see the old or the new store, never a mix
        self._languages = None  # both indexes now hold the catalog: decide again which languages are served
        rel = snapshot.relations.stats()
        ml_name = self.multilingual_embedder.name if self.multilingual_embedder is not None else None
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
            multilingual_embedder=ml_name if ml_stats is not None else None,
            multilingual_embedded=(ml_stats.added + ml_stats.updated) if ml_stats is not None else 0,
            warnings=imported.warnings,
        )

    def _sync_indexes(
        self, products: Sequence[Product], progress: Progress | None
    ) -> tuple[SyncStats, SyncStats | None]:
        """Sync the main and the multilingual index to ``products``, the two at once (one per core).

        Both embedders release the GIL in their matrix work (onnxruntime, numpy), so two threads keep two cores
        busy; each index then uses a single sync worker. A failure in either raises before the snapshot swap.
        """
        main = self._index_for_ingest()
        multi = self._multilingual_for_ingest()
        if multi is None:
            return main.sync(products, progress=progress), None
        done = [0, 0]
        lock = threading.Lock()

        def report(which: int) -> Callable[[int, int], None]:
            def update(n: int, total: int) -> None:
                with lock:
                    done[which] = n
                    if progress:
                        progress(min(done), total)  # a product counts once both indexes hold it

            return update

        workers = main.sync_workers, multi.sync_workers
        main.sync_workers = multi.sync_workers = 1
        try:
            with ThreadPoolExecutor(max_workers=2, thread_name_prefix="cartwise-ingest") as pool:
                futures = [pool.submit(ix.sync, products, report(i)) for i, ix in enumerate((main, multi))]
                return futures[0].result(), futures[1].result()
        finally:
            main.sync_workers, multi.sync_workers = workers

    def _index_for_ingest(self) -> ProductIndex:
        """The index, rebuilt from scratch when it was built with another embedder (its vectors are useless)."""
        try:
            return self.index
        except IndexMismatchError:
            client = open_chroma_client(self.settings)
            index = ProductIndex(client, self.settings.chroma_collection, self.embedder, reset_on_mismatch=True)
            self.__dict__["index"] = index  # replaces the cached_property value
            return index

    def _multilingual_for_ingest(self) -> ProductIndex | None:
        """The multilingual index (None when not configured), rebuilt when another embedder built it."""
        try:
            return self.multilingual_index
        except IndexMismatchError:
            embedder = self.multilingual_embedder
            assert embedder is not None
            client = open_chroma_client(self.settings)
            index = ProductIndex(
                client, self.settings.multilingual_collection, embedder, reset_on_mismatch=True, text=multilingual_text
            )
            self.__dict__["multilingual_index"] = index
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
