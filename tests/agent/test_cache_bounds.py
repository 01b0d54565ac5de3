"""The candidate step's caches are bounded."""

from __future__ import annotations

from agent.candidates.addition import _AdditionVectors
from knowledge.embeddings import FakeEmbedder


def test_the_addition_vector_cache_is_bounded():
    cache = _AdditionVectors(maxsize=3)
    embedders = [FakeEmbedder(dim=8 + i) for i in range(10)]
    for e in embedders:
        assert cache.get(e).shape[1] == e.dim
    assert len(cache) == 3
    assert cache.get(embedders[-1]) is cache.get(embedders[-1])  # kept while among the most recent

