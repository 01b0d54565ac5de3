"""The minilm-fast backend: the shipped MiniLM with int8 MatMuls, derived once offline, close to the original."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.settings import Settings
from knowledge.backends import make_embedder
from knowledge.embedding_adapters import embedder_config, embedder_from_config
from knowledge.embeddings import MiniLMEmbedder

TEXTS = [
    "Slim power bank 10,000 mAh with 20 W USB-C fast output; recharges in 3 hours.",
    "A rugged phone case with raised edges that survives drops from two metres.",
    "Burr coffee grinder with 40 grind settings for espresso to French press.",
    "Waterproof dry bag, 20 litres, roll-top closure for kayaking and beach days.",
]


@pytest.mark.slow
def test_the_fast_model_is_built_once_and_stays_close_to_the_shipped_one(tmp_path: Path):
    fast = make_embedder(Settings(data_dir=tmp_path, embedding_backend="minilm-fast", _env_file=None).knowledge)
    assert isinstance(fast, MiniLMEmbedder) and fast.int8_cache == tmp_path / "models"
    slow = MiniLMEmbedder()
    a, b = np.array(slow.embed_documents(TEXTS)), np.array(fast.embed_documents(TEXTS))
    assert (a * b).sum(axis=1).min() > 0.98  # unit vectors: the cosine to the float32 ones (per-tensor scales: 0.93)
    # Same ranking of the texts for a query, and another name, so an index is never mixed.
    q = "my battery dies by noon"
    assert np.argmax(a @ np.array(slow.embed_query(q))) == np.argmax(b @ np.array(fast.embed_query(q))) == 0
    assert fast.name != slow.name
    built = list((tmp_path / "models").glob("*.onnx"))
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    again = embedder_from_config(embedder_config(fast))  # how a persisted collection reopens it
    again.embed_query(q)
    assert again.name == fast.name and built[0].stat().st_mtime_ns == stamp  # reused, not rebuilt


def test_a_wrong_backend_or_switch_names_the_setting(tmp_path: Path, monkeypatch):
    from agent.settings import SettingsError

    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "minilm-turbo")
    with pytest.raises(SettingsError, match="CARTWISE_EMBEDDING_BACKEND.*minilm-fast.*got 'minilm-turbo'"):
        Settings(data_dir=tmp_path)
    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "minilm")
    monkeypatch.setenv("CARTWISE_INDEX_LOCAL_VECTORS", "sometimes")
    with pytest.raises(SettingsError, match="CARTWISE_INDEX_LOCAL_VECTORS"):
        Settings(data_dir=tmp_path)
