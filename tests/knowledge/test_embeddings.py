"""Embedders: the MiniLM ONNX model (hashes, pooling, semantics), the fake, OpenAI-compatible, and adapters."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from agent.settings import Settings
from knowledge import embeddings as emb
from knowledge.backends import make_embedder
from knowledge.embeddings import MODEL_SHA256, TOKENIZER_SHA256, Embedder, EmbeddingModelError, FakeEmbedder, MiniLMEmbedder, OpenAIEmbedder, cosine, sha256_file, vendored_tokenizer_path
from knowledge.embedding_adapters import CartwiseEmbeddingFunction, LangChainEmbeddings


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    """One loaded real model for the whole module."""
    e = MiniLMEmbedder()
    e.load()
    return e


# --- MiniLM: files and hashes ------------------------------------------------------------------------


def test_vendored_files_match_pinned_hashes():
    provenance = (vendored_tokenizer_path().parent / "PROVENANCE.md").read_text()
    assert sha256_file(vendored_tokenizer_path()) == TOKENIZER_SHA256
    assert TOKENIZER_SHA256 in provenance and MODEL_SHA256 in provenance
    assert sha256_file(emb.default_model_path()) == MODEL_SHA256


def test_tampered_tokenizer_is_refused_with_both_hashes(tmp_path: Path):
    bad = tmp_path / "tokenizer.json"
    data = vendored_tokenizer_path().read_bytes()
    bad.write_bytes(data.replace(b'"[UNK]"', b'"[UNX]"', 1))
    e = MiniLMEmbedder(tokenizer_path=bad)
    with pytest.raises(EmbeddingModelError) as info:
        e.embed_query("hello")
    msg = str(info.value)
    assert str(bad) in msg and TOKENIZER_SHA256 in msg and sha256_file(bad) in msg


def test_tampered_model_is_refused(tmp_path: Path):
    bad = tmp_path / "model.onnx"
    data = bytearray(emb.default_model_path().read_bytes())
    data[len(data) // 2] ^= 0xFF
    bad.write_bytes(bytes(data))
    with pytest.raises(EmbeddingModelError, match=r"model\.onnx: sha256 mismatch, expected " + MODEL_SHA256):
        MiniLMEmbedder(model_path=bad).load()


def test_embedders_share_a_loaded_model_until_its_file_changes(tmp_path: Path):
    import os
    import shutil

    copy = tmp_path / "model.onnx"
    shutil.copyfile(emb.default_model_path(), copy)
    first, second = MiniLMEmbedder(model_path=copy), MiniLMEmbedder(model_path=copy, batch_size=4)
    first.load()
    second.load()
    assert first._runtime is second._runtime  # one session for every store of the process
    assert MiniLMEmbedder(model_path=copy, threads=2)._load() is not first._runtime
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    os.utime(copy, ns=(1, 1))  # another size or time: the replaced file is verified again, and refused
    with pytest.raises(EmbeddingModelError, match="sha256 mismatch"):
        MiniLMEmbedder(model_path=copy).load()


def test_missing_model_file_is_named(tmp_path: Path):
    with pytest.raises(EmbeddingModelError, match="nothing.onnx: file not found"):
        MiniLMEmbedder(model_path=tmp_path / "nothing.onnx").load()


def test_bad_parameters_are_named():
    with pytest.raises(ValueError, match="threads"):
        MiniLMEmbedder(threads=0)
    with pytest.raises(ValueError, match="batch_size"):
        MiniLMEmbedder(batch_size=0)
    with pytest.raises(ValueError, match="max_tokens"):
        MiniLMEmbedder(max_tokens=4)


# --- MiniLM: behaviour ---------------------------------------------------------------------------------


def test_loading_is_lazy_and_happens_once_across_threads(monkeypatch):
    built: list[int] = []
    real = emb._MiniLMRuntime

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(emb, "_MiniLMRuntime", counting)
    monkeypatch.setattr(emb, "_runtimes", {})  # nothing loaded yet in this process
    e = MiniLMEmbedder(model_path=Path("/nonexistent/model.onnx"))
    assert built == []  # constructing with a bad path does not touch it
    e = MiniLMEmbedder()
    results: list[list[float]] = []
    threads = [threading.Thread(target=lambda: results.append(e.embed_query("usb-c cable"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1
    assert len(results) == 4 and all(np.allclose(r, results[0], atol=1e-6) for r in results)


def test_shape_normalisation_and_order(minilm: MiniLMEmbedder):
    texts = [
        "A very long description of a laptop sleeve made of recycled felt with a magnetic closure " * 3,
        "cable",
        "Noise cancelling wireless headphones",
        "",
    ]
    vecs = minilm.embed_documents(texts)
    assert len(vecs) == 4 and all(len(v) == 384 for v in vecs)
    assert all(abs(np.linalg.norm(v) - 1.0) < 1e-4 for v in vecs)
    # Length sorting inside the call must not reorder the output.
    for text, vec in zip(texts, vecs, strict=True):
        assert cosine(vec, minilm.embed_query(text)) > 0.995
    assert minilm.embed_documents([]) == []


def test_small_batches_give_the_same_vectors(minilm: MiniLMEmbedder):
    texts = [f"product number {i} is a {w}" for i, w in enumerate(["mouse", "keyboard", "monitor", "desk", "lamp"])]
    small = MiniLMEmbedder(batch_size=2)
    small._runtime = minilm._runtime  # share the loaded session; only batching differs
    for a, b in zip(small.embed_documents(texts), minilm.embed_documents(texts), strict=True):
        assert cosine(a, b) > 0.995


def test_long_texts_are_truncated_to_max_tokens(minilm: MiniLMEmbedder):
    head = "waterproof hiking boots with ankle support"
    short = MiniLMEmbedder(max_tokens=16)
    short.load()
    a = short.embed_query(head + " and then a very long unrelated story about coffee beans " * 20)
    b = short.embed_query(head + " and then a very long unrelated story about tea leaves " * 20)
    # Only the first 16 tokens count, and those are identical.
    assert cosine(a, b) > 0.999
    assert cosine(minilm.embed_query(head + " coffee " * 50), minilm.embed_query(head + " tea " * 50)) < 0.99


def test_semantic_sanity(minilm: MiniLMEmbedder):
    q = minilm.embed_query("my battery dies by noon")
    bank, grinder, case = minilm.embed_documents(
        [
            "20,000 mAh power bank: charges a phone four times, USB-C fast charging",
            "Burr coffee grinder with 40 grind settings",
            "Clear silicone phone case",
        ]
    )
    assert cosine(q, bank) > cosine(q, grinder) + 0.1
    assert cosine(q, bank) > cosine(q, case)
    q2 = minilm.embed_query("my coffee tastes bitter and the grind is uneven")
    assert cosine(q2, grinder) > cosine(q2, bank)


# --- fake ------------------------------------------------------------------------------------------------


def test_fake_is_deterministic_normalised_and_lexical():
    f = FakeEmbedder(dim=64)
    assert isinstance(f, Embedder)
    v = f.embed_query("Portable chargers for phones")
    assert v == FakeEmbedder(dim=64).embed_query("Portable chargers for phones")
    assert len(v) == 64 and abs(np.linalg.norm(v) - 1) < 1e-9
    # Stems: "charger"/"chargers", case-insensitive.
    assert cosine(v, f.embed_query("portable charger phone")) > 0.8
    assert cosine(v, f.embed_query("burr coffee grinder")) < 0.5
    assert len(FakeEmbedder(dim=16).embed_query("x")) == 16
    assert abs(np.linalg.norm(f.embed_query("")) - 1) < 1e-9
    assert f.embed_documents(["a b", "c"]) == [f.embed_query("a b"), f.embed_query("c")]


# --- OpenAI-compatible endpoint (local fake server) -----------------------------------------------------


class _EmbeddingsHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})  # type: ignore[attr-defined]
        if self.path != "/v1/embeddings":
            self.send_response(404)
            self.end_headers()
            return
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        fake = FakeEmbedder(dim=12)
        data = [{"object": "embedding", "index": i, "embedding": fake.embed_query(t)} for i, t in enumerate(inputs)]
        payload = json.dumps(
            {"object": "list", "data": data, "model": body["model"], "usage": {"prompt_tokens": 1, "total_tokens": 1}}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def embeddings_server() -> Iterator[ThreadingHTTPServer]:
    """A fake ``POST /v1/embeddings`` on 127.0.0.1 answering with FakeEmbedder(12) vectors."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EmbeddingsHandler)
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_openai_embedder_against_local_server(embeddings_server: ThreadingHTTPServer):
    base = f"http://127.0.0.1:{embeddings_server.server_address[1]}/v1"
    e = OpenAIEmbedder(model="local-embed", api_key="sk-local", base_url=base, batch_size=2)
    texts = ["power bank", "coffee grinder", "phone case"]
    vecs = e.embed_documents(texts)
    fake = FakeEmbedder(dim=12)
    assert [np.allclose(v, fake.embed_query(t), atol=1e-6) for v, t in zip(vecs, texts, strict=True)] == [True] * 3
    assert np.allclose(e.embed_query("power bank"), fake.embed_query("power bank"), atol=1e-6)
    reqs = embeddings_server.requests  # type: ignore[attr-defined]
    assert all(r["path"] == "/v1/embeddings" and r["auth"] == "Bearer sk-local" for r in reqs)
    assert all(r["body"]["model"] == "local-embed" for r in reqs)
    # Plain strings are sent (not tiktoken ids), in batches of at most 2.
    sent = [t for r in reqs for t in (r["body"]["input"] if isinstance(r["body"]["input"], list) else [r["body"]["input"]])]
    assert sent[:3] == texts and all(len(r["body"]["input"]) <= 2 for r in reqs[:2])
    assert e.dim == 12  # unknown model: probed once
    assert e.name == "openai:local-embed"


def test_openai_known_model_dim_needs_no_request():
    e = OpenAIEmbedder(model="text-embedding-3-small", api_key="sk-x", base_url="http://127.0.0.1:9/v1")
    assert e.dim == 1536


# --- factory and adapters --------------------------------------------------------------------------------


def test_make_embedder_follows_settings(tmp_path: Path):
    minilm = Settings(data_dir=tmp_path, embedding_backend="minilm", embedding_threads=2, embedding_batch_size=8)
    m = make_embedder(minilm.knowledge)
    assert isinstance(m, MiniLMEmbedder) and (m.threads, m.batch_size) == (2, 8) and m._runtime is None
    assert isinstance(make_embedder(Settings(data_dir=tmp_path, embedding_backend="fake").knowledge), FakeEmbedder)
    o = make_embedder(
        Settings(
            data_dir=tmp_path,
            embedding_backend="openai",
            embedding_model="text-embedding-3-large",
            openai_api_key="sk-1",
            openai_base_url="http://127.0.0.1:9/v1",
        ).knowledge
    )
    assert isinstance(o, OpenAIEmbedder) and o.model == "text-embedding-3-large" and o.dim == 3072


def test_chroma_embedding_function_config_round_trip():
    ef = CartwiseEmbeddingFunction(FakeEmbedder(dim=32))
    assert CartwiseEmbeddingFunction.name() == "cartwise"
    assert ef.get_config() == {"backend": "fake", "dim": 32}
    assert not ef.is_legacy()
    rebuilt = CartwiseEmbeddingFunction.build_from_config(json.loads(json.dumps(ef.get_config())))
    assert np.allclose(rebuilt(["power bank"])[0], ef(["power bank"])[0])
    assert np.allclose(ef.embed_query(["power bank"])[0], FakeEmbedder(dim=32).embed_query("power bank"))
    minilm_cfg = CartwiseEmbeddingFunction(MiniLMEmbedder(threads=1, max_tokens=96)).get_config()
    again = CartwiseEmbeddingFunction.build_from_config(minilm_cfg).embedder
    assert isinstance(again, MiniLMEmbedder) and again.max_tokens == 96
    openai_cfg = CartwiseEmbeddingFunction(OpenAIEmbedder(model="m", api_key="sk-secret", base_url="http://127.0.0.1:9/v1")).get_config()
    assert "sk-secret" not in json.dumps(openai_cfg)
    with pytest.raises(ValueError, match="unknown backend"):
        CartwiseEmbeddingFunction.build_from_config({"backend": "nope"})

    from chromadb.utils.embedding_functions import known_embedding_functions

    assert known_embedding_functions["cartwise"] is CartwiseEmbeddingFunction


def test_langchain_adapter():
    fake = FakeEmbedder()
    lc = LangChainEmbeddings(fake)
    assert isinstance(lc, Embeddings)
    assert lc.embed_documents(["a cable", "a lamp"]) == fake.embed_documents(["a cable", "a lamp"])
    assert lc.embed_query("a cable") == fake.embed_query("a cable")
    import asyncio

    assert asyncio.run(lc.aembed_query("a lamp")) == fake.embed_query("a lamp")
