"""ProductIndex: Chroma through langchain-chroma, incremental sync, filters inside `where`, reopening."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from agent.settings import Settings
from knowledge import index as index_module
from knowledge.backends import open_chroma_client
from knowledge.embeddings import FakeEmbedder, MiniLMEmbedder
from knowledge.index import (
    IndexMismatchError,
    ProductIndex,
    SyncStats,
    build_where,
    category_levels,
    index_text,
    matches,
    product_metadata,
)
from knowledge.models import Product, SearchFilters

REPO = Path(__file__).resolve().parents[2]


class CountingEmbedder(FakeEmbedder):
    """The fake embedder, counting the document texts it was asked to embed."""

    def __init__(self, dim: int = 64):
        super().__init__(dim)
        self.embedded = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded += len(texts)
        return super().embed_documents(texts)


def P(sku: str, name: str, price: float, category: str, **kw) -> Product:  # noqa: N802 - reads like a table
    return Product(sku=sku, name=name, price=price, category=category, **kw)


CATALOG = [
    P("PB-10K", "Power bank 10000 mAh", 25, "Electronics > Phones > Chargers", family="pb", stock=5,
      description="Pocket battery pack. Charges a phone twice."),
    P("PB-20K", "Power bank 20000 mAh", 39, "Electronics > Phones > Chargers", family="pb", stock=None),
    P("PB-30K", "Power bank 30000 mAh", 59, "Electronics > Phones > Chargers", family="pb", stock=0),
    P("PB-OLD", "Power bank 5000 mAh", 15, "Electronics > Phones > Chargers", active=False),
    P("CASE-1", "Phone case silicone", 19, "Electronics > Phones > Cases", stock=40),
    P("PX8-128", "Pixel phone 128 GB", 699, "Electronics > Phones", family="px8", tier=1, stock=3),
    P("LAP-13", "Laptop 13 inch", 999, "Electronics > Computers > Laptops", stock=2),
    P("GRIND-1", "Burr coffee grinder", 89, "Home > Kitchen > Coffee", stock=7),
    P("KETTLE", "Gooseneck kettle for coffee", 49, "Home > Kitchen", stock=9),
]


@pytest.fixture
def index(settings: Settings) -> ProductIndex:
    """An empty index with the fake embedder in a throwaway persistent Chroma."""
    return ProductIndex(open_chroma_client(settings.knowledge), settings.knowledge.chroma_collection, FakeEmbedder())


@pytest.fixture
def filled(index: ProductIndex) -> ProductIndex:
    """The index holding CATALOG."""
    index.sync(CATALOG)
    return index


def skus(hits) -> list[str]:
    return [h.sku for h in hits]


# --- pure helpers --------------------------------------------------------------------------------------


def test_metadata_of_a_product():
    meta = product_metadata(CATALOG[0])
    assert meta == {
        "sku": "PB-10K",
        "category": "Electronics > Phones > Chargers",
        "category_key": "electronics > phones > chargers",
        "price": 25.0,
        "stock": 5,
        "in_stock": True,
        "active": True,
        "family": "pb",
        "content_hash": CATALOG[0].content_hash(),
        "cat0": "electronics",
        "cat1": "electronics > phones",
        "cat2": "electronics > phones > chargers",
    }
    unknown = product_metadata(CATALOG[1])
    assert (unknown["stock"], unknown["in_stock"]) == (-1, True)
    gone = product_metadata(CATALOG[2])
    assert (gone["stock"], gone["in_stock"]) == (0, False)
    assert product_metadata(CATALOG[4])["family"] == ""
    assert category_levels(" Home>Kitchen ") == ["home", "home > kitchen"]


def test_build_where():
    assert build_where(None) is None
    assert build_where(SearchFilters(in_stock_only=False, active_only=False)) is None
    assert build_where(SearchFilters(active_only=False)) == {"in_stock": True}
    where = build_where(SearchFilters(min_price=10, max_price=50, category="Home > KITCHEN", exclude_skus=["A", "A"]))
    assert where == {
        "$and": [
            {"cat1": "home > kitchen"},
            {"price": {"$gte": 10.0}},
            {"price": {"$lte": 50.0}},
            {"in_stock": True},
            {"active": True},
            {"sku": {"$nin": ["A"]}},
        ]
    }
    assert build_where(SearchFilters(category="a>b>c>d>e>f", in_stock_only=False, active_only=False)) == {
        "category_key": "a > b > c > d > e > f"
    }
    with pytest.raises(ValueError, match="filters.category"):
        build_where(SearchFilters(category=" > "))


def test_index_text_is_compact():
    p = P("X", "Trail shoe", 80, "Sports > Shoes", brand="Acme", attributes={"size_eu": 42},
          description="Light and grippy.  Made for mud! Third sentence is dropped. Fourth too.")
    assert index_text(p) == "Trail shoe. Sports > Shoes. Light and grippy. Made for mud! size eu: 42. by Acme."
    named = P("Y", "Acme Road shoe", 80, "Sports", brand="acme", attributes=dict(a=1, b=2, c=3, d=4, e=5))
    assert index_text(named) == "Acme Road shoe. Sports. a: 1, b: 2, c: 3, d: 4."


# --- sync ------------------------------------------------------------------------------------------------


def test_sync_is_incremental(settings: Settings):
    counting = CountingEmbedder()
    idx = ProductIndex(open_chroma_client(settings.knowledge), "incremental", counting)
    first = idx.sync(CATALOG)
    assert (first.added, first.updated, first.removed, first.unchanged) == (len(CATALOG), 0, 0, 0)
    assert counting.embedded == len(CATALOG) and idx.count() == len(CATALOG)

    counting.embedded = 0
    again = idx.sync(CATALOG)
    assert isinstance(again, SyncStats)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, len(CATALOG))
    assert counting.embedded == 0

    changed = [p.model_copy(update={"price": 29.0}) if p.sku == "PB-10K" else p for p in CATALOG if p.sku != "LAP-13"]
    changed.append(P("MUG", "Coffee mug", 12, "Home > Kitchen"))
    third = idx.sync(changed)
    assert (third.added, third.updated, third.removed, third.unchanged) == (1, 1, 1, len(CATALOG) - 2)
    assert counting.embedded == 2
    assert idx.skus() == sorted(p.sku for p in changed)
    # The updated metadata is live: PB-10K now costs 29.
    cheap = idx.search("power bank", k=5, filters=SearchFilters(max_price=27, active_only=False))
    assert "PB-10K" not in skus(cheap)
    assert "PB-10K" in skus(idx.search("power bank", k=5, filters=SearchFilters(min_price=28, max_price=30)))


def test_sync_reads_existing_hashes_in_pages(index: ProductIndex, monkeypatch):
    monkeypatch.setattr(index_module, "READ_PAGE", 2)
    monkeypatch.setattr(index_module, "SYNC_BATCH", 4)
    calls: list[tuple[int, int]] = []
    index.sync(CATALOG, progress=lambda done, total: calls.append((done, total)))
    # Batches of 4, 4 and 1 finish in any order on the worker pool; progress only grows.
    assert calls[0] == (0, 9) and calls[-1] == (9, 9) and len(calls) == 4
    assert [d for d, _ in calls] == sorted({d for d, _ in calls})
    assert index.skus() == sorted(p.sku for p in CATALOG)
    calls.clear()
    stats = index.sync(CATALOG[:-1], progress=lambda done, total: calls.append((done, total)))
    assert (stats.unchanged, stats.removed, stats.added) == (8, 1, 0)
    assert calls == [(8, 8)]


def test_duplicate_skus_are_refused(index: ProductIndex):
    with pytest.raises(ValueError, match=r"products\[2\]: duplicate sku 'PB-10K'"):
        index.sync([CATALOG[0], CATALOG[1], CATALOG[0]])
    assert index.count() == 0


def test_reset_and_empty_search(filled: ProductIndex):
    filled.reset()
    assert filled.count() == 0 and filled.skus() == []
    assert filled.search("power bank") == []
    filled.sync(CATALOG[:2])
    assert filled.count() == 2


def test_embedder_mismatch_is_detected(settings: Settings):
    client = open_chroma_client(settings.knowledge)
    ProductIndex(client, "mixed", FakeEmbedder()).sync(CATALOG[:3])

    class Other(FakeEmbedder):
        name = "other-embedder"

    with pytest.raises(IndexMismatchError, match="built with embedder 'fake-hashed-64', not 'other-embedder'"):
        ProductIndex(client, "mixed", Other())
    fresh = ProductIndex(client, "mixed", Other(), reset_on_mismatch=True)
    assert fresh.count() == 0


# --- search and filters ----------------------------------------------------------------------------------


def test_score_is_cosine_similarity(filled: ProductIndex):
    top = filled.search(index_text(CATALOG[7]), k=3)
    assert top[0].sku == "GRIND-1" and top[0].score == pytest.approx(1.0, abs=1e-4)
    assert all(0 <= h.score <= top[0].score for h in top)
    assert [h.score for h in top] == sorted((h.score for h in top), reverse=True)


def test_no_filters_returns_everything_ranked(filled: ProductIndex):
    hits = filled.search("power bank mAh", k=20)
    assert len(hits) == len(CATALOG)
    assert set(skus(hits)[:4]) == {"PB-10K", "PB-20K", "PB-30K", "PB-OLD"}


def test_stock_and_active_filters(filled: ProductIndex):
    hits = skus(filled.search("power bank", k=4, filters=SearchFilters()))
    # Out of stock and inactive ones are filtered inside Chroma, so k results still come back.
    assert len(hits) == 4
    assert {"PB-10K", "PB-20K"} <= set(hits) and "PB-30K" not in hits and "PB-OLD" not in hits
    with_out_of_stock = skus(filled.search("power bank", k=4, filters=SearchFilters(in_stock_only=False)))
    assert "PB-30K" in with_out_of_stock and "PB-OLD" not in with_out_of_stock
    with_inactive = skus(filled.search("power bank", k=4, filters=SearchFilters(active_only=False)))
    assert "PB-OLD" in with_inactive and "PB-30K" not in with_inactive


def test_price_filter(filled: ProductIndex):
    hits = filled.search("power bank", k=10, filters=SearchFilters(min_price=20, max_price=40))
    # CASE-1 (19) is just below the range, PB-30K (59) above it.
    assert set(skus(hits)) == {"PB-10K", "PB-20K"}
    edges = filled.search("power bank", k=10, filters=SearchFilters(min_price=19, max_price=25))
    assert set(skus(edges)) == {"PB-10K", "CASE-1"}


def test_category_filter_exact_and_prefix(filled: ProductIndex):
    chargers = filled.search("anything", k=10, filters=SearchFilters(category="Electronics > Phones > Chargers"))
    assert set(skus(chargers)) == {"PB-10K", "PB-20K"}
    phones = filled.search("anything", k=10, filters=SearchFilters(category="electronics>phones"))
    assert set(skus(phones)) == {"PB-10K", "PB-20K", "CASE-1", "PX8-128"}
    electronics = filled.search("anything", k=10, filters=SearchFilters(category="Electronics", in_stock_only=False))
    assert set(skus(electronics)) == {"PB-10K", "PB-20K", "PB-30K", "CASE-1", "PX8-128", "LAP-13"}
    # A prefix must end at a level boundary: "Elec" is not "Electronics".
    assert filled.search("anything", k=10, filters=SearchFilters(category="Elec")) == []


def test_family_and_excluded_skus(filled: ProductIndex):
    fam = filled.search("power bank", k=10, filters=SearchFilters(family="pb", in_stock_only=False, active_only=False))
    assert set(skus(fam)) == {"PB-10K", "PB-20K", "PB-30K"}
    excluded = filled.search("power bank", k=10, filters=SearchFilters(family="pb", exclude_skus=["PB-20K"]))
    assert skus(excluded) == ["PB-10K"]


@pytest.mark.parametrize("overfetch_min", [50, 3])
def test_filtered_search_returns_k_after_filtering(index: ProductIndex, monkeypatch, overfetch_min: int):
    # 30 near-identical out-of-stock items crowd the top. With a small over-fetch the Python filter keeps
    # nothing, so the search must fall back to Chroma's where and still return k.
    monkeypatch.setattr(index_module, "OVERFETCH_MIN", overfetch_min)
    monkeypatch.setattr(index_module, "OVERFETCH", 1)
    crowd = [P(f"OUT-{i}", f"power bank {i}", 20, "Chargers", stock=0) for i in range(30)]
    good = [P(f"IN-{i}", f"charger cable {i}", 20, "Chargers", stock=1) for i in range(5)]
    index.sync(crowd + good)
    hits = index.search("power bank", k=3, filters=SearchFilters())
    assert len(hits) == 3 and all(h.sku.startswith("IN-") for h in hits)


def test_metadata_mirror_follows_sync(index: ProductIndex, monkeypatch):
    # Force the deep path, which filters on the mirror rather than on Chroma's metadata.
    monkeypatch.setattr(index_module, "OVERFETCH_MIN", 1)
    monkeypatch.setattr(index_module, "OVERFETCH", 1)
    items = [P(f"X-{i}", f"power bank {i}", 20, "Chargers", stock=1) for i in range(6)]
    index.sync(items)
    assert len(index.search("power bank", k=6, filters=SearchFilters())) == 6
    index.sync([*items[:4], items[4].model_copy(update={"stock": 0})])  # one out of stock, one removed
    hits = skus(index.search("power bank", k=6, filters=SearchFilters()))
    assert sorted(hits) == ["X-0", "X-1", "X-2", "X-3"]


FILTER_CASES = [
    SearchFilters(),
    SearchFilters(min_price=20, max_price=60, in_stock_only=False),
    SearchFilters(category="electronics > phones", exclude_skus=["PB-20K"]),
    SearchFilters(family="pb", active_only=False),
    SearchFilters(category="Home", max_price=60),
    SearchFilters(in_stock_only=False, active_only=False, exclude_skus=["GRIND-1", "KETTLE"]),
]


@pytest.mark.parametrize("filters", FILTER_CASES)
def test_python_filter_twin_agrees_with_chroma_where(filled: ProductIndex, filters: SearchFilters):
    by_where = set(filled._collection.get(where=build_where(filters))["ids"]) if build_where(filters) else set(filled.skus())
    by_python = {p.sku for p in CATALOG if matches(product_metadata(p), filters)}
    assert by_where == by_python


@pytest.mark.parametrize("filters", FILTER_CASES)
@pytest.mark.parametrize("overfetch_min,id_query_max", [(50, 5000), (1, 5000), (1, 0)])
def test_search_plan_equals_a_full_where_query(filled: ProductIndex, filters, overfetch_min, id_query_max, monkeypatch):
    # (50, _): the first page answers; (1, 5000): the id-restricted query on the metadata mirror answers;
    # (1, 0): no id query, so the widened search (up to the whole catalog) does.
    monkeypatch.setattr(index_module, "OVERFETCH_MIN", overfetch_min)
    monkeypatch.setattr(index_module, "OVERFETCH", 1)
    monkeypatch.setattr(index_module, "ID_QUERY_MAX", id_query_max)
    monkeypatch.setattr(index_module, "ID_COST_RATIO", 1e9)  # the id query whenever few enough pass
    vector = FakeEmbedder().embed_query("power bank for my phone")
    expected = filled.store.similarity_search_by_vector_with_relevance_scores(vector, k=3, filter=build_where(filters))
    got = filled.search("power bank for my phone", k=3, filters=filters)
    assert skus(got) == [d.id for d, _ in expected]
    assert [h.score for h in got] == pytest.approx([1 - dist for _, dist in expected], abs=1e-6)


def test_search_many_and_bad_k(filled: ProductIndex):
    many = filled.search_many(["power bank", "coffee grinder"], k=2, filters=SearchFilters())
    assert [len(h) for h in many] == [2, 2] and many[1][0].sku == "GRIND-1"
    with pytest.raises(ValueError, match="k must be >= 1"):
        filled.search("x", k=0)


def test_langchain_store_is_exposed(filled: ProductIndex):
    docs = filled.store.similarity_search("coffee grinder", k=1)
    assert docs[0].id == "GRIND-1" and docs[0].metadata["sku"] == "GRIND-1"


def test_open_chroma_client_rejects_bad_url(tmp_path: Path):
    with pytest.raises(ValueError, match="chroma_url"):
        open_chroma_client(Settings(data_dir=tmp_path, chroma_url="localhost:8000", _env_file=None).knowledge)


# --- persistence -----------------------------------------------------------------------------------------

_REOPEN = textwrap.dedent(
    """
    import sys, chromadb
    from chromadb.config import Settings
    client = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))
    try:
        client.get_collection(sys.argv[2]).query(query_texts=["grinder"], n_results=1)
    except Exception as exc:
        print("WITHOUT-IMPORT:", exc)
    import knowledge.embedding_adapters  # registers the "cartwise" embedding function
    col = client.get_collection(sys.argv[2])
    print("QUERY:", col.query(query_texts=["burr coffee grinder"], n_results=1)["ids"][0][0])
    from knowledge.index import ProductIndex
    from knowledge.embeddings import FakeEmbedder
    print("COUNT:", ProductIndex(client, sys.argv[2], FakeEmbedder()).count())
    """
)


def test_collection_reopens_in_a_new_process_with_its_embedding_function(filled: ProductIndex, settings: Settings):
    proc = subprocess.run(
        [sys.executable, "-c", _REOPEN, str(settings.knowledge.chroma_path), settings.knowledge.chroma_collection],
        capture_output=True, text=True, timeout=60, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    # Chroma cannot embed for this collection until the module registering the function is imported.
    assert "WITHOUT-IMPORT: Embedding function cartwise not found" in proc.stdout
    assert "QUERY: GRIND-1" in proc.stdout
    assert f"COUNT: {len(CATALOG)}" in proc.stdout


# --- real model ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_need_statement_finds_the_power_bank_with_minilm(settings: Settings):
    idx = ProductIndex(open_chroma_client(settings.knowledge), "minilm-sanity", MiniLMEmbedder())
    idx.sync(CATALOG)
    hits = idx.search("my battery dies by noon", k=2, filters=SearchFilters())
    assert hits[0].sku in {"PB-10K", "PB-20K"}
    coffee = idx.search("I want better espresso at home", k=2, filters=SearchFilters(category="Home"))
    assert coffee[0].sku in {"GRIND-1", "KETTLE"}


def test_mirror_refreshes_when_another_writer_added_products(settings: Settings):
    client = open_chroma_client(settings.knowledge)
    reader = ProductIndex(client, "shared", FakeEmbedder())
    writer = ProductIndex(client, "shared", FakeEmbedder())
    writer.sync(CATALOG[:2])
    assert skus(reader.search("power bank", k=5, filters=SearchFilters(in_stock_only=False)))
    writer.sync([*CATALOG[:2], P("PB-NEW", "Power bank solar", 30, "Electronics > Phones > Chargers", stock=3)])
    assert "PB-NEW" in skus(reader.search("power bank solar", k=5, filters=SearchFilters()))
