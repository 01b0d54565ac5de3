"""Test-wide safety: no network beyond loopback, no real model calls, throwaway data dirs."""

from __future__ import annotations

import importlib
import ipaddress
import socket

import pytest

from agent.settings import Settings

_real_connect = socket.socket.connect


def _is_local(address) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0]
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests must not reach the network (tried {address!r})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_network_no_models():
    """Refuse non-loopback connections and real model requests for the whole run."""
    socket.socket.connect = _guarded_connect
    guard = None
    try:
        guard = importlib.import_module("agent.models.guard")
        guard.allow_model_requests(False)
    except ImportError:  # pragma: no cover - the guard module ships with the package
        pass
    yield
    socket.socket.connect = _real_connect
    if guard is not None:
        guard.allow_model_requests(True)


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Settings pointing at a throwaway data dir, with the fast fake embedder."""
    # No multilingual index: tests that need one ask for it (tests/knowledge/test_multilingual.py).
    return Settings(data_dir=tmp_path / "data", embedding_backend="fake", multilingual_backend="none", _env_file=None)
