"""Every knowledge cache is bounded: the LRU map and the index's query-vector cache hold at most their size."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.settings import Settings
from knowledge.backends import open_chroma_client
from knowledge.embeddings import FakeEmbedder
from knowledge.index import ProductIndex
from knowledge.lru import BoundedLRU
from knowledge.models import Product, SearchFilters


def test_lru_keeps_at_most_maxsize_and_drops_the_least_recently_used():
    lru: BoundedLRU[int, int] = BoundedLRU(3)
    made = []
    make = lambda k: made.append(k) or k * 10  # noqa: E731
    for k in (1, 2, 3):
        lru.get_or_make(k, make)
    assert lru.get_or_make(1, make) == 10  # 1 is now the most recent
    lru.get_or_make(4, make)  # drops 2, the least recently used
    assert len(lru) == 3
    lru.get_or_make(2, make)
    assert made == [1, 2, 3, 4, 2] and (lru.hits, lru.misses) == (1, 5)
    for k in range(100):
        lru.get_or_make(k, make)
    assert len(lru) == 3


def test_lru_of_size_zero_keeps_nothing_and_rejects_negative():
    lru: BoundedLRU[str, str] = BoundedLRU(0)
    assert lru.get_or_make("a", str.upper) == "A" and len(lru) == 0
    with pytest.raises(ValueError, match="maxsize must be >= 0"):
        BoundedLRU(-1)


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting query embeddings."""

    def __init__(self) -> None:
        super().__init__()
        self.queries = 0

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return super().embed_query(text)


def test_index_query_vectors_are_cached_and_bounded(tmp_path: Path):
    settings = Settings(data_dir=tmp_path, _env_file=None)
    embedder = CountingEmbedder()
    index = ProductIndex(open_chroma_client(settings.knowledge), "lru", embedder, query_cache_size=2)
    index.sync([Product(sku=f"P-{i}", name=f"power bank {i}", price=10 + i, category="Chargers") for i in range(5)])
    first = index.search("power bank", k=2, filters=SearchFilters())
    assert index.search("power bank", k=2, filters=SearchFilters()) == first
    assert embedder.queries == 1
    for q in ("a", "b", "c", "d"):
        index.search(q, k=1)
    assert len(index.query_vectors) == 2 and embedder.queries == 5
    with pytest.raises(ValueError, match="query_cache_size"):
        ProductIndex(open_chroma_client(settings.knowledge), "lru2", embedder, query_cache_size=-1)


def test_lru_discard_drops_one_key():
    lru: BoundedLRU[str, int] = BoundedLRU(4)
    lru.get_or_make("a", len)
    lru.get_or_make("bb", len)
    lru.discard("a")
    lru.discard("zz")
    assert len(lru) == 1 and lru.get_or_make("bb", lambda _: 99) == 2
