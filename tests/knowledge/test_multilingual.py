"""The multilingual index beside the main one: synced together, reopened, optional, and searched by language."""

from __future__ import annotations

import json

import pytest

from agent.retrieval import NeedSearch
from knowledge.embeddings import FakeEmbedder
from knowledge.embedding_adapters import CartwiseEmbeddingFunction, embedder_config
from knowledge.embeddings_use import USE_LANGUAGES
from knowledge.index import index_text, multilingual_text
from knowledge.models import Product, SearchFilters
from knowledge.store import KnowledgeStore

PRODUCTS = [
    {"sku": "PB-10K", "name": "Power bank 10,000 mAh", "price": 39, "category": "Electronics > Power",
     "description": "A pocket battery pack that charges your phone twice when you are away from a socket.",
     "attributes": {"capacity_mah": 10000}},
    {"sku": "ESP-1", "name": "Espresso machine", "price": 299, "category": "Home > Coffee",
     "description": "Pull cafe-style espresso shots and steam milk for lattes at home."},
    {"sku": "PITCHER", "name": "Water filter pitcher", "price": 35, "category": "Home > Kitchen",
     "description": "Removes chlorine taste and odour from tap water."},
    {"sku": "SHARP-1", "name": "Knife sharpener", "price": 25, "category": "Home > Kitchen",
     "description": "Brings dull, blunt kitchen knives back to a sharp edge in a few strokes."},
    {"sku": "ANC-1", "name": "Noise cancelling headphones", "price": 199, "category": "Electronics > Audio",
     "description": "Over-ear headphones that block office chatter and loud noise."},
    {"sku": "TENT-2", "name": "Two-person tent", "price": 149, "category": "Outdoor > Camping",
     "description": "A light tent for hiking and camping trips."},
    {"sku": "MAT-6", "name": "Yoga mat 6 mm", "price": 29, "category": "Sport > Yoga",
     "description": "Thick cushioned mat for yoga and floor exercise."},
]


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def fake_ml(settings):
    """Settings with a fake multilingual index (fast; it stands in for USE where only syncing matters)."""
    return settings.updated(multilingual_backend="fake")


def _hashes(index) -> dict[str, str]:
    return {sku: m["content_hash"] for sku, m in index._read_rows()[0].items()}


# --- syncing the two indexes ---------------------------------------------------------------------------


def test_ingest_fills_both_indexes_with_the_same_products(fake_ml, tmp_path):
    store = KnowledgeStore(fake_ml.knowledge)
    seen: list[tuple[int, int]] = []
    summary = store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS), progress=lambda d, t: seen.append((d, t)))
    assert summary.multilingual_embedder == "fake-hashed-64" and summary.multilingual_embedded == len(PRODUCTS)
    assert store.multilingual_index.count() == store.index.count() == len(PRODUCTS)
    assert _hashes(store.multilingual_index) == _hashes(store.index)
    assert seen[-1] == (len(PRODUCTS), len(PRODUCTS))  # progress ends when both indexes hold everything
    assert store.multilingual_status() is None
    assert store.multilingual_languages == USE_LANGUAGES - {"en"}


def test_reingest_keeps_the_indexes_consistent_on_change_and_removal(fake_ml, tmp_path):
    store = KnowledgeStore(fake_ml.knowledge)
    store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    changed = [dict(p) for p in PRODUCTS if p["sku"] != "TENT-2"]
    changed[0]["description"] = "A bigger battery pack for the whole weekend."
    s = store.ingest(write_jsonl(tmp_path / "c2.jsonl", changed))
    assert (s.added, s.updated, s.removed, s.unchanged) == (0, 1, 1, len(PRODUCTS) - 2)
    assert s.multilingual_embedded == 1  # only the changed product is embedded again, in both indexes
    assert "TENT-2" not in _hashes(store.multilingual_index)
    assert _hashes(store.multilingual_index) == _hashes(store.index)
    hits = store.search("tent camping hiking", k=10, lang="es")
    assert hits and all(h.sku != "TENT-2" for h in hits)


def test_a_failed_multilingual_sync_leaves_the_previous_catalog_active(fake_ml, tmp_path):
    store = KnowledgeStore(fake_ml.knowledge)
    store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))

    class Broken(FakeEmbedder):
        def embed_documents(self, texts):
            raise RuntimeError("encoder crashed")

    broken = KnowledgeStore(fake_ml.knowledge, multilingual_embedder=Broken())
    changed = [dict(p, price=p["price"] + 1) for p in PRODUCTS]
    with pytest.raises(RuntimeError, match="encoder crashed"):
        broken.ingest(write_jsonl(tmp_path / "c2.jsonl", changed))
    assert KnowledgeStore(fake_ml.knowledge).catalog.get("PB-10K").price == 39


def test_the_multilingual_index_reopens_after_a_restart(fake_ml, tmp_path):
    KnowledgeStore(fake_ml.knowledge).ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    again = KnowledgeStore(fake_ml.knowledge)  # a new process over the same data dir
    assert again.multilingual_status() is None
    assert "de" in again.multilingual_languages
    assert again.search("water filter chlorine", k=1, lang="de")[0].sku == "PITCHER"
    # The collection's configuration rebuilds the same embedder (Chroma reopens it without our code's help).
    config = embedder_config(again.multilingual_embedder)
    rebuilt = CartwiseEmbeddingFunction.build_from_config(config).embedder
    assert rebuilt.name == again.multilingual_embedder.name and rebuilt.languages == USE_LANGUAGES


def test_an_index_built_without_the_multilingual_one_serves_and_asks_for_a_reingest(settings, tmp_path):
    cat = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    KnowledgeStore(settings.knowledge).ingest(cat)  # multilingual_backend="none": main index only
    store = KnowledgeStore(settings.updated(multilingual_backend="fake").knowledge)
    status = store.multilingual_status()
    assert status is not None and "re-ingest" in status and f"0 of {len(PRODUCTS)}" in status
    assert store.multilingual_languages == frozenset()
    # Still serves: a Spanish need goes through the glossary to the English index.
    route = NeedSearch(store).route("Necesito un afilador para mis cuchillos")
    assert route[1] is None and "knife" in route[0]
    assert store.search(route[0], k=1, lang=route[1])[0].sku == "SHARP-1"
    summary = store.ingest(cat)
    assert (summary.unchanged, summary.multilingual_embedded) == (len(PRODUCTS), len(PRODUCTS))
    assert store.multilingual_status() is None and "es" in store.multilingual_languages


def test_a_multilingual_index_built_with_another_embedder_is_rebuilt_on_ingest(fake_ml, tmp_path):
    cat = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    KnowledgeStore(fake_ml.knowledge).ingest(cat)
    other = KnowledgeStore(fake_ml.knowledge, multilingual_embedder=FakeEmbedder(dim=32, languages=USE_LANGUAGES))
    assert "re-ingest" in (other.multilingual_status() or "")
    assert other.multilingual_languages == frozenset()
    assert other.ingest(cat).multilingual_embedded == len(PRODUCTS)
    assert other.multilingual_status() is None


def test_no_multilingual_backend_means_no_second_collection(settings, tmp_path):
    store = KnowledgeStore(settings.knowledge)
    summary = store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    assert summary.multilingual_embedder is None and store.multilingual_index is None
    assert store.multilingual_status() is None and store.multilingual_languages == frozenset()
    names = {c.name for c in store.index.client.list_collections()}
    assert settings.knowledge.multilingual_collection not in names


def test_multilingual_text_leaves_out_attribute_lists():
    p = Product.model_validate(PRODUCTS[0])
    assert "capacity mah" in index_text(p) and "capacity mah" not in multilingual_text(p)
    assert multilingual_text(p).startswith("Power bank 10,000 mAh. Electronics > Power.")


# --- routing with the real encoders ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def use_store(tmp_path_factory):
    """The test catalog in a fake English index plus the real USE multilingual index."""
    from agent.settings import Settings

    tmp = tmp_path_factory.mktemp("use-store")
    settings = Settings(data_dir=tmp / "data", embedding_backend="fake", multilingual_backend="use", _env_file=None)
    store = KnowledgeStore(settings.knowledge)
    store.ingest(write_jsonl(tmp / "c.jsonl", PRODUCTS))
    return store


@pytest.mark.parametrize(
    ("lang", "need", "sku"),
    [
        ("es", "Necesito algo para cargar el móvil cuando estoy de viaje", "PB-10K"),
        ("de", "Das Leitungswasser schmeckt nach Chlor", "PITCHER"),
        ("fr", "Je voudrais faire du café comme au bar chez moi", "ESP-1"),
        ("ru", "Мои ножи совсем затупились", "SHARP-1"),
    ],
)
def test_a_need_in_a_use_language_finds_the_english_product_through_the_multilingual_index(use_store, lang, need, sku):
    search = NeedSearch(use_store)
    assert search.route(need) == (need, lang)  # searched as written, not translated
    assert search.search(need, SearchFilters(), 3)[0].sku == sku


def test_a_vietnamese_need_goes_through_the_glossary_to_the_english_index(use_store):
    need = "văn phòng ồn ào quá, tôi cần tai nghe chống ồn"
    search = NeedSearch(use_store)
    query, lang = search.route(need)
    assert lang is None and "headphones" in query and "noise" in query
    assert search.search(need, SearchFilters(), 1)[0].sku == "ANC-1"


def test_multilingual_scores_are_on_the_english_scale(use_store):
    hit = use_store.search("Мои ножи совсем затупились", k=1, lang="ru")[0]
    raw = use_store.multilingual_index.search("Мои ножи совсем затупились", k=1)[0]
    assert hit.score == pytest.approx(min(1.0, raw.score * use_store.multilingual_index.embedder.similarity_scale))
