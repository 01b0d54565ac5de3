"""The store's knowledge as one object: the active catalog snapshot, its relations and the vector index.

Import is atomic: a file is parsed and validated completely before anything is touched, so a refused file
changes nothing. Ingest is crash-safe: it builds a new generation of index collections (copying unchanged
vectors from the current one), then swaps the catalog snapshot, which names its generation, in one rename. A
kill at any moment leaves the old snapshot with its untouched collections, or the new one with complete ones.
One ingest at a time writes into a data dir (a file lock), and a running store notices a snapshot another
process wrote (checked at most every ``snapshot_check_ms``) and switches to it whole.

Two indexes hold the same products: the main one (MiniLM, English) and, unless ``multilingual_backend`` is
``none``, a multilingual one (USE) that serves needs written in the languages its embedder covers. Ingest syncs
both, in parallel, before the snapshot swap; a store whose multilingual index is missing or incomplete keeps
serving through the main one and says (``multilingual_status``) that a re-ingest builds it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path


import chromadb

from knowledge.catalog import Catalog
from knowledge.blend import blended_hits
from knowledge.backends import make_embedder, make_multilingual_embedder, open_chroma_client
from knowledge.embeddings import Embedder, embedder_languages, similarity_scale
from knowledge.generations import drop_stale, next_generation, refs_for
from knowledge.importers import detect_format, import_catalog
from knowledge.index import IndexMismatchError, IndexMissingError, ProductIndex, SyncStats, multilingual_text
from knowledge.ingest_build import IngestSummary, Progress, mine_order_rules, summarize, sync_indexes
from knowledge.ingest_lock import ingest_lock
from knowledge.models import CatalogFormat, Product, SearchFilters, SearchHit
from knowledge.promotions import Promotions, load_promotions
from knowledge.relations import Relations
from knowledge.settings import KnowledgeSettings
from knowledge.snapshot_file import (
    CorruptSnapshotError,
    IndexRefs,
    Snapshot,
    Stamp,
    file_stamp,
    read_snapshot,
    write_snapshot,
)

__all__ = ["CorruptSnapshotError", "IngestSummary", "KnowledgeStore", "NoCatalogError", "Snapshot"]

log = logging.getLogger(__name__)

#: BCP 47 code for a text whose language could not be told.
UNDETERMINED = "und"


class NoCatalogError(RuntimeError):
    """No catalog has been ingested into this data dir yet."""


def sample_store_dir() -> Path:
    """The bundled sample store (catalog.jsonl, orders.csv)."""
    from importlib.resources import files

    return Path(str(files("knowledge") / "sample_store"))


class _Active:
    """The served snapshot, the index collections holding it, and the stamp of the file it came from."""

    __slots__ = ("snapshot", "refs", "stamp")

    def __init__(self, snapshot: Snapshot, refs: IndexRefs, stamp: Stamp | None):
        self.snapshot, self.refs, self.stamp = snapshot, refs, stamp


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
        self._active: _Active | None = None
        self._lock = threading.RLock()
        self._switching = threading.Lock()  # one thread loads a newer snapshot; the others keep serving
        self._checked = 0.0
        self._indexes: dict[str, ProductIndex] = {}  # by collection name: this and the previous generation
        self._reload_problem: str | None = None
        self._warned: set[str] = set()
        self._failed_stamp: Stamp | None = None
        # Languages the multilingual index serves, decided once per snapshot (checked against the main index).
        self._languages: frozenset[str] | None = None

    # --- parts ---------------------------------------------------------------------------------
    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedder (built on first use)."""
        return self._embedder or make_embedder(self.settings)

    @cached_property
    def multilingual_embedder(self) -> Embedder | None:
        """The multilingual index's embedder (None when ``multilingual_backend`` is ``none``)."""
        return self._multilingual_embedder or make_multilingual_embedder(self.settings)

    @cached_property
    def client(self) -> chromadb.ClientAPI:
        """The Chroma client (embedded under the data dir, or the configured server)."""
        return open_chroma_client(self.settings)

    @property
    def index_refs(self) -> IndexRefs:
        """The index collections (and their generation) of the served snapshot."""
        return self._current().refs

    @property
    def index(self) -> ProductIndex:
        """The main index of the served snapshot. Raises IndexMissingError or IndexMismatchError when unusable."""
        return self._index_of(self._current().refs.main, multilingual=False)

    @property
    def multilingual_index(self) -> ProductIndex | None:
        """The multilingual index, or None when none is configured. Raises like ``index``."""
        if self.multilingual_embedder is None:
            return None
        name = self._current().refs.multilingual
        if name is None:
            raise IndexMissingError("none was built with this catalog: re-ingest the catalog (`cartwise ingest ...`)")
        return self._index_of(name, multilingual=True)

    def _index_of(self, name: str, multilingual: bool) -> ProductIndex:
        index = self._indexes.get(name)
        if index is None:
            with self._lock:
                index = self._indexes.get(name)
                if index is None:
                    index = self._indexes[name] = self._open_index(name, multilingual, "open")
        return index

    def _open_index(self, name: str, multilingual: bool, mode) -> ProductIndex:
        if multilingual:
            embedder = self.multilingual_embedder
            assert embedder is not None
            return ProductIndex(
                self.client, name, embedder, text=multilingual_text, mode=mode,
                query_cache_size=self.settings.query_cache_size, local_vectors=self.settings.index_local_vectors,
            )
        try:
            return ProductIndex(
                self.client, name, self.embedder, mode=mode, query_cache_size=self.settings.query_cache_size,
                local_vectors=self.settings.index_local_vectors,
            )
        except IndexMissingError as exc:
            if name not in self._warned:  # once per collection: readiness probes would repeat it every few seconds
                self._warned.add(name)
                log.warning("the catalog snapshot %s names an index that is missing: %s", self.snapshot_path, exc)
            raise

    def multilingual_status(self) -> str | None:
        """Why the multilingual index cannot serve and what to do (None when it serves or none is configured)."""
        if self.multilingual_embedder is None:
            return None
        active = self._current()
        try:
            index = self.multilingual_index
            have = index.count() if index is not None else 0
        except IndexMismatchError as exc:
            return f"multilingual index unusable ({exc})"
        except IndexMissingError:
            have = 0  # never built with this catalog (or its collection is gone)
        want = len(active.snapshot.catalog)
        if have != want:
            return (
                f"multilingual index holds {have} of {want} products: non-English needs are searched through the "
                "glossary until you re-ingest the catalog (`cartwise ingest ...`)"
            )
        return None

    @property
    def multilingual_languages(self) -> frozenset[str]:
        """Languages whose needs ``search(..., lang=...)`` sends to the multilingual index (empty: none serves)."""
        self._current()  # a newer snapshot resets the decision
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
        return self._active is not None or self.snapshot_path.exists()

    @property
    def snapshot(self) -> Snapshot:
        """The served snapshot: loaded from disk on first use, and switched when another process wrote a newer one."""
        return self._current().snapshot

    @property
    def catalog(self) -> Catalog:
        """The active catalog."""
        return self.snapshot.catalog

    @property
    def relations(self) -> Relations:
        """Relations of the active catalog."""
        return self.snapshot.relations

    def storage_problems(self) -> list[str]:
        """What is wrong with the files behind the served catalog (named, with what to do); empty when fine."""
        problems: list[str] = []
        if self._active is None:
            return problems
        if file_stamp(self.snapshot_path) is None:
            problems.append(
                f"catalog snapshot {self.snapshot_path} is missing (deleted while serving?): serving the copy in "
                "memory; re-ingest the catalog (`cartwise ingest CATALOG`) before a restart"
            )
        elif self._reload_problem:
            problems.append(self._reload_problem)
        if not self.settings.chroma_url and not self.settings.chroma_path.is_dir():
            problems.append(
                f"index directory {self.settings.chroma_path} is missing (deleted?): re-ingest the catalog "
                "(`cartwise ingest CATALOG`)"
            )
        return problems

    def search(
        self, query: str, filters: SearchFilters | None = None, k: int = 10, lang: str | None = None
    ) -> list[SearchHit]:
        """Semantic search, keeping only hits that exist in the active catalog.

        A query in a language of :attr:`multilingual_languages` (``lang``), or of undetermined language
        (``"und"``: the multilingual embedder knows English too), is searched as written in the multilingual
        index, its similarities put on the main embedder's scale; any other query (English, or already
        translated) in the main index, ranked together with the multilingual one when that index is whole
        (``multilingual_blend``, :mod:`knowledge.blend`). Catalog and index come from one snapshot, even across a
        switch.
        """
        active = self._current()
        catalog = active.snapshot.catalog
        served = self.multilingual_languages
        if lang is not None and active.refs.multilingual and (lang in served or (lang == UNDETERMINED and served)):
            index = self._index_of(active.refs.multilingual, multilingual=True)
            scale = similarity_scale(index.embedder)
            hits = index.search(query, k=k, filters=filters)
            if scale != 1.0:
                hits = [h.model_copy(update={"score": min(1.0, h.score * scale)}) for h in hits]
        else:
            main = self._index_of(active.refs.main, multilingual=False)
            hits = main.search(query, k=k, filters=filters)
            blend = self.settings.multilingual_blend
            if blend > 0 and active.refs.multilingual and served:  # served: the multilingual index is whole
                multi = self._index_of(active.refs.multilingual, multilingual=True)
                hits = blended_hits(query, hits, main, multi, k, filters, blend)
        return [h for h in hits if h.sku in catalog]

    # --- the served snapshot -------------------------------------------------------------------
    def _legacy_refs(self) -> IndexRefs:
        return refs_for(self.settings.chroma_collection, 0, self.multilingual_embedder is not None)

    def _current(self) -> _Active:
        active = self._active
        if active is None:
            with self._lock:
                if self._active is None:
                    self._active = self._load()
                    self._checked = time.monotonic()
                return self._active
        every = self.settings.snapshot_check_ms / 1000
        if time.monotonic() - self._checked >= every and self._switching.acquire(blocking=False):
            try:
                self._checked = time.monotonic()
                self._switch_if_newer(active)
            finally:
                self._switching.release()
        return self._active or active

    def _load(self) -> _Active:
        try:
            snap, refs, stamp = read_snapshot(self.snapshot_path, self._legacy_refs())
        except FileNotFoundError:
            raise NoCatalogError(
                f"No catalog in {self.settings.data_dir}. Ingest one with `cartwise ingest CATALOG [--orders FILE]`,"
                " or try the bundled sample store with `cartwise ingest --sample`."
            ) from None
        return _Active(snap, refs, stamp)

    def _switch_if_newer(self, active: _Active) -> None:
        """Serve the snapshot on disk when another process wrote a newer one (its indexes opened and warmed first)."""
        stamp = file_stamp(self.snapshot_path)
        if stamp is None or stamp == active.stamp or stamp == self._failed_stamp:
            return
        try:
            snap, refs, stamp = read_snapshot(self.snapshot_path, self._legacy_refs())
            main = self._open_index(refs.main, False, "open")
            main.skus()  # loads the metadata mirror before turns use it
            opened = {refs.main: main}
            if refs.multilingual and self.multilingual_embedder is not None:
                try:
                    opened[refs.multilingual] = self._open_index(refs.multilingual, True, "open")
                except (IndexMissingError, IndexMismatchError):
                    pass  # served through the main index; multilingual_status says so
        except Exception as exc:  # keep serving what we have, and say why in readiness
            self._failed_stamp = stamp
            self._reload_problem = f"a newer catalog snapshot could not be loaded, still serving the previous one: {exc}"
            log.warning("catalog snapshot %s changed but cannot be loaded (%s)", self.snapshot_path, type(exc).__name__)
            return
        self._activate(_Active(snap, refs, stamp), opened)
        log.info("switched to the catalog another process ingested (generation %d)", refs.generation)

    def _activate(self, active: _Active, opened: dict[str, ProductIndex]) -> None:
        with self._lock:
            old = self._active
            keep = {name for name in (old.refs.main, old.refs.multilingual) if name} if old else set()
            self._indexes = {n: ix for n, ix in self._indexes.items() if n in keep} | opened
            self._active = active
            self._checked = time.monotonic()
            self._languages = None
            self._reload_problem, self._failed_stamp = None, None

    # --- ingest --------------------------------------------------------------------------------
    def ingest(
        self,
        catalog_path: Path,
        orders_path: Path | None = None,
        format: CatalogFormat = "auto",
        progress: Progress | None = None,
        lock_wait_s: float | None = None,
        on_lock_wait: Callable[[], None] | None = None,
        promotions_path: Path | None = None,
    ) -> IngestSummary:
        """Validate, index and activate a catalog (optional orders, promotions). Raises CatalogError, changing nothing.

        Promotions are part of the snapshot: an ingest without ``promotions_path`` serves none (like orders).

        Waits up to ``lock_wait_s`` (default ``settings.ingest_lock_wait_s``) for another ingest into the data
        dir, then raises IngestBusyError.
        """
        started = time.perf_counter()
        catalog_path = Path(catalog_path)
        fmt = detect_format(catalog_path) if format == "auto" else format
        imported = import_catalog(catalog_path, format=fmt)
        products = imported.products
        catalog = Catalog(products, currency=self.settings.store_currency)
        n_orders, rules = mine_order_rules(orders_path, catalog, self.settings)
        promotions = load_promotions(promotions_path, catalog) if promotions_path is not None else Promotions()
        snapshot = Snapshot(catalog, rules, promotions)  # builds relations: fails here, before anything is written
        wait = self.settings.ingest_lock_wait_s if lock_wait_s is None else lock_wait_s
        with ingest_lock(self.settings.ingest_lock_path, wait, on_lock_wait):
            stats, ml_stats = self._build_and_switch(snapshot, products, progress)
        ml_name = self.multilingual_embedder.name if self.multilingual_embedder is not None else None
        summary = summarize(catalog_path, fmt, snapshot, n_orders, stats, ml_stats, ml_name, started)
        return summary.model_copy(update={"warnings": imported.warnings, "promotions": len(promotions)})

    def _build_and_switch(
        self, snapshot: Snapshot, products: Sequence[Product], progress: Progress | None
    ) -> tuple[SyncStats, SyncStats | None]:
        """Build the next index generation, swap the snapshot file to it, drop generations nobody serves."""
        try:  # what is on disk now: another process may have switched since this store loaded
            _, current, _ = read_snapshot(self.snapshot_path, self._legacy_refs())
        except (FileNotFoundError, CorruptSnapshotError):
            current = None
        base = self.settings.chroma_collection
        generation = next_generation(self.client, base, current.generation if current else 0)
        refs = refs_for(base, generation, self.multilingual_embedder is not None)
        main = self._open_index(refs.main, False, "fresh")
        multi = self._open_index(refs.multilingual, True, "fresh") if refs.multilingual else None
        seeds = (
            self._seed(current.main, False) if current else None,
            self._seed(current.multilingual, True) if current and current.multilingual and multi else None,
        )
        stats, ml_stats = sync_indexes(products, progress, main, multi, seeds)
        stamp = write_snapshot(self.snapshot_path, snapshot, refs)  # the switch
        opened = {refs.main: main} | ({refs.multilingual: multi} if refs.multilingual and multi else {})
        self._activate(_Active(snapshot, refs, stamp), opened)
        keep = {generation} | ({current.generation} if current else set())
        drop_stale(self.client, base, keep)
        return stats, ml_stats

    def _seed(self, name: str, multilingual: bool) -> ProductIndex | None:
        """The current generation's index to copy unchanged vectors from (None when missing or another embedder's)."""
        try:
            return self._indexes.get(name) or self._open_index(name, multilingual, "open")
        except (IndexMissingError, IndexMismatchError):
            return None

    def ingest_sample(self, progress: Progress | None = None) -> IngestSummary:
        """Ingest the bundled sample store."""
        d = sample_store_dir()
        return self.ingest(d / "catalog.jsonl", d / "orders.csv", progress=progress)
