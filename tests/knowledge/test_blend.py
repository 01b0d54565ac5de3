"""English searches ranked by both encoders (knowledge.blend): the formula, the fill-in, and the store's routing."""

from __future__ import annotations

import pytest

from knowledge.blend import blended_hits
from knowledge.models import SearchFilters, SearchHit
from knowledge.store import KnowledgeStore
from tests.knowledge.test_multilingual import PRODUCTS, write_jsonl


class _Scaled:
    similarity_scale = 2.0


class _Index:
    """A stand-in index with fixed similarities; ``search`` returns its top ``k`` passing the filters."""

    def __init__(self, sims: dict[str, float], scale: float = 1.0):
        self.sims = sims
        self.embedder = _Scaled() if scale != 1.0 else object()
        self.asked: list[list[str]] = []

    def search(self, query, k=10, filters=None):
        skip = set(filters.exclude_skus) if filters else set()
        ranked = sorted(((s, v) for s, v in self.sims.items() if s not in skip), key=lambda kv: -kv[1])[:k]
        return [SearchHit(sku=s, score=v) for s, v in ranked]

    def similarities(self, query, skus):
        self.asked.append(list(skus))
        return {s: self.sims[s] for s in skus if s in self.sims}


def test_blend_is_the_weighted_mean_with_exact_scores_for_what_one_index_missed():
    main = _Index({"A": 0.50, "B": 0.40, "C": 0.10, "D": 0.05})
    multi = _Index({"A": 0.10, "B": 0.20, "C": 0.45, "D": 0.02})
    out = blended_hits("q", main.search("q", k=2), main, multi, 2, None, 0.3)
    # Union of the two top-2 lists is A, B, C: C came only from the multilingual index, A only from the main one.
    assert main.asked == [["C"]] and multi.asked == [["A"]]
    expected = {"A": 0.7 * 0.50 + 0.3 * 0.10, "B": 0.7 * 0.40 + 0.3 * 0.20, "C": 0.7 * 0.10 + 0.3 * 0.45}
    best = sorted(expected, key=lambda s: -expected[s])[:2]
    assert [h.sku for h in out] == best
    assert [h.score for h in out] == pytest.approx([expected[s] for s in best])


def test_the_multilingual_side_is_put_on_the_main_scale_and_capped_at_one():
    main = _Index({"A": 0.4, "B": 0.3})
    multi = _Index({"A": 0.6, "B": 0.2}, scale=2.0)
    out = {h.sku: h.score for h in blended_hits("q", main.search("q"), main, multi, 5, None, 0.5)}
    assert out == pytest.approx({"A": 0.5 * 0.4 + 0.5 * 1.0, "B": 0.5 * 0.3 + 0.5 * 0.4})


def test_a_product_only_one_index_holds_is_left_out_and_filters_hold():
    main = _Index({"A": 0.9, "B": 0.3})
    multi = _Index({"B": 0.3, "X": 0.99})  # X: not in the main index (e.g. half-synced); A: not in this one
    no_b = SearchFilters(exclude_skus=["B"])
    out = blended_hits("q", main.search("q", filters=no_b), main, multi, 5, no_b, 0.3)
    assert [h.sku for h in out] == []  # A and X each lack the other index's score; B is filtered out
    out = blended_hits("q", main.search("q"), main, multi, 5, None, 0.3)
    assert [h.sku for h in out] == ["B"]


@pytest.fixture
def stores(settings, tmp_path):
    """The same catalog in a store that blends English searches and in one that does not."""
    path = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    out = []
    for blend in (0.0, 0.5):
        s = settings.updated(multilingual_backend="fake", multilingual_blend=blend, data_dir=tmp_path / f"d{blend}")
        store = KnowledgeStore(s.knowledge)
        store.ingest(path)
        out.append(store)
    return out


def test_store_blends_english_searches_only(stores):
    plain, blended = stores
    query = "my phone battery is always empty"
    main_only = plain.search(query, k=3)
    assert [h.score for h in main_only] == pytest.approx(
        [h.score for h in plain.index.search(query, k=3)]
    )
    main = {h.sku: h.score for h in blended.index.search(query, k=3)}
    multi = {h.sku: h.score for h in blended.multilingual_index.search(query, k=3)}
    got = {h.sku: h.score for h in blended.search(query, k=3)}
    assert got == pytest.approx({s: 0.5 * main[s] + 0.5 * min(1.0, multi[s]) for s in main})
    # A need in a language the multilingual index serves is searched there alone, as before.
    es = "la batería de mi móvil siempre está vacía"
    assert [h.sku for h in blended.search(es, k=3, lang="es")] == [h.sku for h in plain.search(es, k=3, lang="es")]
