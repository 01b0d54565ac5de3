"""Exact ranking over masked rows: the same top k as brute force, and vectors kept right across syncs."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from agent.settings import Settings
from knowledge.backends import open_chroma_client
from knowledge.embeddings import FakeEmbedder
from knowledge.exact_rank import BLOCK, top_k_in_mask, unit_rows
import knowledge.index as index_module
from knowledge.index import ProductIndex
from knowledge.models import Product, SearchFilters
from tests.knowledge.test_filtered_search import random_catalog


def brute_force(vectors: np.ndarray, q: np.ndarray, mask: np.ndarray, k: int) -> list[int]:
    rows = np.flatnonzero(mask)
    scores = vectors[rows] @ (q / np.linalg.norm(q))
    return [int(rows[i]) for i in sorted(range(len(rows)), key=lambda i: (-scores[i], rows[i]))[:k]]


@pytest.mark.parametrize("density", [0.0005, 0.02, 0.3, 0.95])
def test_top_k_matches_brute_force_for_sparse_and_dense_masks(density):
    rng = np.random.default_rng(int(density * 10_000))
    vectors = unit_rows(rng.normal(size=(3 * BLOCK + 77, 16)))
    for _ in range(10):
        q = rng.normal(size=16).astype(np.float32)
        mask = rng.random(len(vectors)) < density
        # A dense run and an empty block, as a price band gives.
        mask[BLOCK : BLOCK + BLOCK // 2] = density > 0.1
        k = int(rng.integers(1, 30))
        rows, scores = top_k_in_mask(vectors, q, mask, k)
        assert rows.tolist() == brute_force(vectors, q, mask, k)
        assert np.allclose(scores, vectors[rows] @ (q / np.linalg.norm(q)), atol=1e-5)


def test_equal_scores_keep_row_order_and_an_empty_mask_finds_nothing():
    vectors = unit_rows(np.ones((10, 4)))
    mask = np.ones(10, dtype=bool)
    mask[3] = False
    rows, _ = top_k_in_mask(vectors, np.ones(4), mask, 4)
    assert rows.tolist() == [0, 1, 2, 4]
    rows, scores = top_k_in_mask(vectors, np.ones(4), np.zeros(10, dtype=bool), 4)
    assert rows.size == 0 and scores.size == 0


def kept_vs_stored(index: ProductIndex) -> float:
    """The largest gap between the vectors the mirror keeps and the (unit) vectors Chroma stores."""
    mirror = index._mirror()
    assert mirror.vectors is not None and len(mirror.vectors) == index.count()
    got = index._collection.get(ids=list(mirror.skus), include=["embeddings"])
    stored = dict(zip(got["ids"], unit_rows(np.asarray(got["embeddings"]))))
    return float(max(np.abs(mirror.vectors[i] - stored[s]).max() for i, s in enumerate(mirror.skus)))


def test_incremental_sync_keeps_each_product_with_its_own_vector(tmp_path: Path, monkeypatch):
    settings = Settings(data_dir=tmp_path, _env_file=None)
    index = ProductIndex(open_chroma_client(settings.knowledge), "inc", FakeEmbedder())
    catalog = random_catalog(300, seed=3)
    index.sync(catalog)
    assert kept_vs_stored(index) < 1e-6
    rng = random.Random(4)
    changed = [p.model_copy(update={"description": p.description + " waterproof lantern"}) for p in catalog[:40]]
    added = [p.model_copy(update={"sku": f"NEW-{i}", "name": "lantern " + p.name}) for i, p in enumerate(catalog[:25])]
    kept = rng.sample(catalog[40:], 200)
    index.sync(changed + kept + added)
    assert kept_vs_stored(index) < 1e-6
    assert list(index._mirror().price) == sorted(index._mirror().price)  # rows stay in price order
    # A search the first page cannot answer is ranked from the kept vectors, and finds the new products.
    monkeypatch.setattr(index_module, "OVERFETCH_MIN", 1)
    monkeypatch.setattr(index_module, "OVERFETCH", 1)
    hits = index.search("lantern", k=5, filters=SearchFilters(max_price=60.0))
    assert index.plan_counts.steps["local exact"] > 0
    want = index.store.similarity_search_by_vector_with_relevance_scores(
        index.embedder.embed_query("lantern"), k=5, filter={"price": {"$lte": 60.0}}
    )
    assert [h.sku for h in hits] == [d.id for d, _ in want]


def test_an_index_without_local_vectors_keeps_none(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, _env_file=None)
    index = ProductIndex(open_chroma_client(settings.knowledge), "nov", FakeEmbedder(), local_vectors=False)
    index.sync([Product(sku="A", name="lamp", price=5.0, category="Home")])
    assert index._mirror().vectors is None
    assert [h.sku for h in index.search("lamp", k=1, filters=SearchFilters(max_price=9.0))] == ["A"]


def test_the_setting_reaches_both_indexes(tmp_path: Path, monkeypatch):
    from knowledge.store import KnowledgeStore

    monkeypatch.delenv("CARTWISE_INDEX_LOCAL_VECTORS", raising=False)
    assert Settings(data_dir=tmp_path, _env_file=None).knowledge.index_local_vectors is True
    monkeypatch.setenv("CARTWISE_INDEX_LOCAL_VECTORS", "false")
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("".join(p.model_dump_json() + "\n" for p in random_catalog(5, seed=1)))
    store = KnowledgeStore(Settings(data_dir=tmp_path, embedding_backend="fake", multilingual_backend="fake").knowledge)
    store.ingest(catalog)
    assert store.index.local_vectors is False
    assert store.multilingual_index is not None and store.multilingual_index.local_vectors is False
