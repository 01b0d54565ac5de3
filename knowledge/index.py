"""The product index: products embedded in a Chroma collection (through langchain-chroma), synced by content hash."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Literal

import chromadb
import chromadb.errors
import numpy as np
from langchain_chroma import Chroma
from pydantic import BaseModel

from knowledge.embeddings import Embedder

from knowledge.embedding_adapters import CartwiseEmbeddingFunction, LangChainEmbeddings
from knowledge.index_fields import (
    CATEGORY_LEVELS,
    Clause,
    build_where,
    category_key,
    category_levels,
    filter_clauses,
    index_text,
    matches,
    multilingual_text,
    product_metadata,
)
from knowledge.filtered_search import PlanCounts, PlanLimits, filtered_nearest
from knowledge.index_mirror import MetadataMirror
from knowledge.lru import BoundedLRU
from knowledge.models import Product, SearchFilters, SearchHit

__all__ = [  # the index's fields are part of its API (they live in knowledge.index_fields)
    "CATEGORY_LEVELS", "Clause", "IndexMismatchError", "IndexMissingError", "ProductIndex", "SyncStats",
    "build_where", "category_key", "category_levels", "filter_clauses", "index_text", "matches",
    "multilingual_text", "product_metadata",
]

#: Products embedded and written per Chroma upsert.
SYNC_BATCH = 256
#: Page size when reading the ids and hashes already in the collection.
READ_PAGE = 5000
#: Candidates fetched per search before filtering in Python: at least this many, or OVERFETCH * k.
OVERFETCH_MIN = 50
OVERFETCH = 5
#: When the first page has too few passing the filters and at most this many products pass them at all,
#: Chroma ranks exactly those ids (11 ms for 15,000 ids, whatever the catalog); more widen the unfiltered search
#: (knowledge.filtered_search), up to WIDEN_MAX neighbours, then ID_QUERY_HARD ids, then a ``where``.
ID_QUERY_MAX = 20_000
ID_QUERY_HARD = 100_000
#: An id list up to this long is ranked here, from its vectors: Chroma's HNSW with a small allow-list searches far
#: (on a server at 1,000,000 products 0.86 s for 5 ids, 0.2 s for 500), while fetching 2,000 vectors takes 34 ms.
EXACT_IDS_MAX = 2_000
WIDEN_MAX = 8_192
#: The id query is taken while (products passing)^2 <= ID_COST_RATIO * k * catalog size (measured crossover).
ID_COST_RATIO = 7.0



class SyncStats(BaseModel):
    """What one sync did to the index."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0


class IndexMismatchError(RuntimeError):
    """The collection was built with a different embedder than the one given."""


class IndexMissingError(RuntimeError):
    """The collection a catalog snapshot names does not exist (index dir deleted, or another Chroma)."""


class ProductIndex:
    """Products in one Chroma collection (cosine space) through langchain-chroma; ``text`` is what is embedded."""

    def __init__(
        self,
        client: chromadb.ClientAPI,
        collection_name: str,
        embedder: Embedder,
        reset_on_mismatch: bool = False,
        sync_workers: int = 2,
        text: Callable[[Product], str] = index_text,
        mode: Literal["open_or_create", "open", "fresh"] = "open_or_create",
        query_cache_size: int = 1024,
        local_vectors: bool = True,
    ):
        """``mode``: ``open`` raises IndexMissingError when the collection is missing; ``fresh`` starts it empty.

        ``query_cache_size``: query vectors kept (LRU; a shopper's need is searched again on later turns).
        ``local_vectors``: keep every product's vector in the process (4 bytes per dimension per product: 1.5 KB
        with MiniLM), so a filtered search that the first page of neighbours does not answer is ranked exactly
        here instead of by Chroma (at 1,000,000 products a widened server query took 23-96 ms, an id query
        190-370 ms).
        """
        if sync_workers < 1:
            raise ValueError(f"sync_workers must be >= 1, got {sync_workers}")
        if query_cache_size < 0:
            raise ValueError(f"query_cache_size must be >= 0, got {query_cache_size}")
        # float32 arrays: 1.5 KB per MiniLM query instead of 12 KB as a list of Python floats.
        self.query_vectors: BoundedLRU[str, np.ndarray] = BoundedLRU(query_cache_size)
        self.client = client
        self.collection_name = collection_name
        self.embedder = embedder
        self.sync_workers = sync_workers
        self.local_vectors = local_vectors
        self.text = text
        if mode == "fresh" and self.collection_name in {
            c if isinstance(c, str) else c.name for c in client.list_collections()
        }:
            client.delete_collection(self.collection_name)
        self._open(reset_on_mismatch, must_exist=mode == "open")

    def _open(self, reset_on_mismatch: bool, must_exist: bool = False) -> None:
        function = CartwiseEmbeddingFunction(self.embedder)
        if must_exist:
            try:
                collection = self.client.get_collection(self.collection_name, embedding_function=function)  # type: ignore[arg-type]
            except (chromadb.errors.NotFoundError, ValueError) as exc:
                raise IndexMissingError(
                    f"index collection {self.collection_name!r} is missing ({type(exc).__name__}): re-ingest the "
                    "catalog (`cartwise ingest CATALOG`)"
                ) from None
        else:
            collection = self.client.get_or_create_collection(
                self.collection_name,
                embedding_function=function,  # type: ignore[arg-type]
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedder": self.embedder.name},
            )
        built_with = (collection.metadata or {}).get("embedder")
        if built_with != self.embedder.name:
            if not reset_on_mismatch:
                raise IndexMismatchError(
                    f"collection {self.collection_name!r} was built with embedder {built_with!r}, not "
                    f"{self.embedder.name!r}: re-ingest the catalog (or reset the index)"
                )
            self.client.delete_collection(self.collection_name)
            return self._open(False)
        self._collection = collection
        # The metadata mirror: the only in-memory copy of every product's filter metadata (read once, kept
        # current by sync, re-read when a search meets a product another process added).
        self._meta: MetadataMirror | None = None
        #: How many searches each step of the filtered plan answered (a bench reads it).
        self.plan_counts = PlanCounts()
        # The collection exists now, so langchain-chroma only fetches it; it embeds with our adapter.
        self._store = Chroma(
            client=self.client,
            collection_name=self.collection_name,
            embedding_function=LangChainEmbeddings(self.embedder),
            create_collection_if_not_exists=False,
        )

    @property
    def store(self) -> Chroma:
        """The langchain-chroma vector store over the collection (e.g. for a retriever)."""
        return self._store

    def count(self) -> int:
        """Number of indexed products."""
        return self._collection.count()

    def skus(self) -> list[str]:
        """All indexed skus, sorted."""
        return sorted(self._existing_hashes())

    def reset(self) -> None:
        """Drop every product (and the collection), then start empty."""
        self.client.delete_collection(self.collection_name)
        self._open(False)

    def _read_rows(self) -> tuple[dict[str, dict[str, Any]], np.ndarray | None]:
        """Every product's metadata (and, with ``local_vectors``, its vector, in the same order), read in pages.

        Reading the vectors with the metadata costs little more (a Chroma server at 1,000,000 products: 0.56 s
        per 5,000 rows for both, 0.64 s for metadata alone); the matrix is filled in place, not stacked from pages.
        """
        found: dict[str, dict[str, Any]] = {}
        include = ["metadatas", "embeddings"] if self.local_vectors else ["metadatas"]
        vectors: np.ndarray | None = None
        offset = 0
        while True:
            page = self._collection.get(include=include, limit=READ_PAGE, offset=offset)  # type: ignore[arg-type]
            ids = page["ids"]
            for sku, meta in zip(ids, page["metadatas"] or [], strict=False):
                found[sku] = dict(meta or {})
            if self.local_vectors and ids:
                got = np.asarray(page["embeddings"], dtype=np.float32)
                if vectors is None:
                    vectors = np.empty((max(self._collection.count(), len(ids)), got.shape[1]), dtype=np.float32)
                if offset + len(ids) > len(vectors):  # written to since counted
                    vectors = np.concatenate([vectors, np.empty_like(vectors[: offset + len(ids) - len(vectors)])])
                vectors[offset : offset + len(ids)] = got
            if len(ids) < READ_PAGE:
                break
            offset += len(ids)
        if self.local_vectors:
            vectors = vectors[: len(found)] if vectors is not None else np.zeros((0, 0), dtype=np.float32)
        return found, vectors

    def _existing_hashes(self) -> dict[str, str]:
        mirror = self._mirror()
        return dict(zip(mirror.skus.tolist(), mirror.hashes, strict=True))

    def _mirror(self, refresh: bool = False) -> MetadataMirror:
        """The metadata mirror (read from Chroma on first use, or again with ``refresh``)."""
        mirror = self._meta
        if mirror is None or refresh:
            metadata, vectors = self._read_rows()
            mirror = self._meta = MetadataMirror(metadata, CATEGORY_LEVELS, vectors)
        return mirror

    def sync(
        self,
        products: Sequence[Product],
        progress: Callable[[int, int], None] | None = None,
        seed: ProductIndex | None = None,
    ) -> SyncStats:
        """Make the index hold exactly ``products``: embed new/changed ones, delete removed ones.

        With ``seed`` (the previous generation, same embedder and text), products unchanged there are copied
        with their vectors instead of embedded again, and the stats count changes against the seed.
        """
        started = time.perf_counter()
        seen: set[str] = set()
        for i, p in enumerate(products):
            if p.sku in seen:
                raise ValueError(f"products[{i}]: duplicate sku {p.sku!r}")
            seen.add(p.sku)
        self._meta = None  # re-read: another process may have written since
        existing = self._existing_hashes()
        if seed is not None and (seed.embedder.name != self.embedder.name or seed.text is not self.text):
            seed = None  # its vectors mean something else
        before = seed._existing_hashes() if seed is not None else existing
        stats = SyncStats()
        todo: list[tuple[Product, dict[str, Any]]] = []
        copy: list[str] = []
        for p in products:
            digest = p.content_hash()
            old = before.get(p.sku)
            if old == digest:
                stats.unchanged += 1
                if existing.get(p.sku) != digest:
                    copy.append(p.sku)
                continue
            if old is None:
                stats.added += 1
            else:
                stats.updated += 1
            todo.append((p, product_metadata(p, digest)))
        total = len(products)
        done = stats.unchanged - len(copy)
        if progress:
            progress(done, total)
        copied = self._copy_from(seed, copy, done, total, progress) if seed is not None and copy else {}
        done += len(copied)
        # Small syncs are split finer so every worker gets a share; large ones use SYNC_BATCH.
        size = max(1, min(SYNC_BATCH, max(32, -(-len(todo) // (2 * self.sync_workers)))))
        batches = [todo[i : i + size] for i in range(0, len(todo), size)]
        # Batches run on a small pool: onnxruntime and Chroma's Rust writer both release the GIL, so
        # with one onnxruntime thread per batch two batches keep two cores busy (embedding or writing).
        with ThreadPoolExecutor(max_workers=self.sync_workers, thread_name_prefix="cartwise-sync") as pool:
            pending: set[Future[int]] = set()
            for batch in batches:
                if len(pending) >= self.sync_workers * 2:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    done = self._report(finished, done, total, progress)
                pending.add(pool.submit(self._write_batch, batch))
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                done = self._report(finished, done, total, progress)
        removed = [sku for sku in existing if sku not in seen]
        for start in range(0, len(removed), READ_PAGE):
            self._store.delete(ids=removed[start : start + READ_PAGE])
        stats.removed = len([sku for sku in before if sku not in seen])
        old = self._mirror()
        merged = dict(old.metadata())
        merged.update(copied)
        merged.update((p.sku, meta) for p, meta in todo)
        for sku in removed:
            merged.pop(sku, None)
        vectors = self._merged_vectors(old, list(merged), set(copied) | {p.sku for p, _ in todo})
        # Concurrent searches see the old mirror or the new one, never a mix.
        self._meta = MetadataMirror(merged, CATEGORY_LEVELS, vectors)
        stats.seconds = time.perf_counter() - started
        return stats

    def _merged_vectors(self, old: MetadataMirror, skus: list[str], changed: set[str]) -> np.ndarray | None:
        """The vectors of ``skus`` in that order: from ``old`` where unchanged, read back from Chroma where written."""
        if not self.local_vectors:
            return None
        at = {sku: i for i, sku in enumerate(skus)}
        kept = [sku for sku in skus if sku not in changed]
        wanted = [sku for sku in skus if sku in changed]
        dim = old.vectors.shape[1] if old.vectors is not None and len(old) else 0
        vectors: np.ndarray | None = None if not dim else np.empty((len(skus), dim), dtype=np.float32)
        filled = 0
        for start in range(0, len(wanted), READ_PAGE):
            page = self._collection.get(ids=wanted[start : start + READ_PAGE], include=["embeddings"])
            got = np.asarray(page["embeddings"], dtype=np.float32)
            if vectors is None:
                vectors = np.empty((len(skus), got.shape[1]), dtype=np.float32)
            vectors[[at[sku] for sku in page["ids"]]] = got
            filled += len(page["ids"])
        if filled != len(wanted):
            raise RuntimeError(f"index {self.collection_name!r}: {len(wanted) - filled} written products not found")
        if vectors is None:
            return np.zeros((0, 0), dtype=np.float32)
        if kept:
            old_vectors = old.vectors_of(kept)
            assert old_vectors is not None  # local_vectors: the old mirror was read with them
            vectors[[at[sku] for sku in kept]] = old_vectors
        return vectors

    def _copy_from(
        self, seed: ProductIndex, skus: list[str], done: int, total: int, progress: Callable[[int, int], None] | None
    ) -> dict[str, dict[str, Any]]:
        """Copy ``skus`` with their vectors, documents and metadata from ``seed``; returns their metadata."""
        copied: dict[str, dict[str, Any]] = {}
        for start in range(0, len(skus), SYNC_BATCH * 4):
            page = seed._collection.get(
                ids=skus[start : start + SYNC_BATCH * 4], include=["embeddings", "metadatas", "documents"]
            )
            metas = [dict(m or {}) for m in page["metadatas"] or []]
            self._collection.upsert(
                ids=page["ids"], embeddings=page["embeddings"], metadatas=metas, documents=page["documents"]
            )
            copied.update(zip(page["ids"], metas, strict=True))
            if progress:
                progress(done + len(copied), total)
        if len(copied) != len(skus):
            raise RuntimeError(f"index {seed.collection_name!r} lost {len(skus) - len(copied)} products while copied")
        return copied

    def _write_batch(self, batch: list[tuple[Product, dict[str, Any]]]) -> int:
        # add_texts upserts, so changed products are overwritten in place.
        self._store.add_texts(
            [self.text(p) for p, _ in batch],
            metadatas=[m for _, m in batch],
            ids=[p.sku for p, _ in batch],
        )
        return len(batch)

    @staticmethod
    def _report(
        finished: set[Future[int]], done: int, total: int, progress: Callable[[int, int], None] | None
    ) -> int:
        for fut in finished:
            done += fut.result()  # re-raises a failed batch here
            if progress:
                progress(done, total)
        return done

    def search(self, query: str, k: int = 10, filters: SearchFilters | None = None) -> list[SearchHit]:
        """The ``k`` products closest to ``query`` among those passing ``filters`` (None: no filter).

        The same products, in the same order, as one Chroma query with the whole ``where``, without evaluating
        a ``where`` (its cost grows with the catalog): see :mod:`knowledge.filtered_search` for the plan.
        """
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        limits = PlanLimits(
            overfetch=OVERFETCH, overfetch_min=OVERFETCH_MIN, id_query_max=ID_QUERY_MAX,
            id_query_hard=ID_QUERY_HARD, widen_max=WIDEN_MAX, id_cost_ratio=ID_COST_RATIO,
        )
        vector = self.query_vectors.get_or_make(query, self._embed_query)
        where = build_where(filters)
        return filtered_nearest(
            vector, k, filters, self._mirror, self._nearest,
            lambda v, n: self._hits(self._query(v.tolist(), n, where)), limits, self.plan_counts,
        )

    def similarities(self, query: str, skus: Sequence[str]) -> dict[str, float]:
        """Cosine similarity of ``query`` to each of ``skus`` the index holds (absent skus are left out)."""
        if not skus:
            return {}
        vector = self.query_vectors.get_or_make(query, self._embed_query)
        mirror = self._mirror()
        held = [s for s in skus if s in mirror.row_of]
        vectors = mirror.vectors_of(held) if held else None
        if vectors is None:
            return {h.sku: h.score for h in self._rank_exactly(vector, len(held), held)} if held else {}
        q = vector / max(float(np.linalg.norm(vector)), 1e-12)
        return dict(zip(held, (vectors @ q).tolist(), strict=True))

    def _embed_query(self, query: str) -> np.ndarray:
        return np.asarray(self.embedder.embed_query(query), dtype=np.float32)

    def _nearest(self, vector: np.ndarray, n: int, ids: list[str] | None = None) -> list[SearchHit]:
        """The ``n`` nearest products (optionally among ``ids``) as ids and cosine similarities only."""
        if n < 1:
            return []
        if ids is not None and len(ids) <= EXACT_IDS_MAX:
            return self._rank_exactly(vector, n, ids)
        res = self._collection.query(query_embeddings=[vector], ids=ids, n_results=n, include=["distances"])
        # Chroma's cosine distance is 1 - cosine similarity.
        return [SearchHit(sku=s, score=1.0 - float(d)) for s, d in zip(res["ids"][0], res["distances"][0])]

    def _rank_exactly(self, vector: np.ndarray, n: int, ids: list[str]) -> list[SearchHit]:
        """The ``n`` of ``ids`` nearest ``vector`` by exact cosine similarity over their stored vectors."""
        got = self._collection.get(ids=ids, include=["embeddings"])
        if not got["ids"]:
            return []
        vecs = np.asarray(got["embeddings"], dtype=np.float32)
        q = np.asarray(vector, dtype=np.float32)
        sims = (vecs @ q) / np.clip(np.linalg.norm(vecs, axis=1) * float(np.linalg.norm(q)), 1e-12, None)
        order = np.argsort(-sims, kind="stable")[:n]
        return [SearchHit(sku=got["ids"][i], score=float(sims[i])) for i in order]

    def _query(self, vector: list[float], n: int, where: dict[str, Any] | None) -> list[tuple[Any, float]]:
        return self._store.similarity_search_by_vector_with_relevance_scores(vector, k=n, filter=where)

    @staticmethod
    def _hits(found: list[tuple[Any, float]]) -> list[SearchHit]:
        # Chroma's cosine distance is 1 - cosine similarity.
        return [SearchHit(sku=doc.id or str(doc.metadata.get("sku")), score=1.0 - float(d)) for doc, d in found]

    def search_many(
        self, queries: Sequence[str], k: int = 10, filters: SearchFilters | None = None
    ) -> list[list[SearchHit]]:
        """:meth:`search` for each query, with the same ``k`` and filters."""
        return [self.search(q, k=k, filters=filters) for q in queries]
