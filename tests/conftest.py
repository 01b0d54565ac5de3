"""Test-wide safety: no network beyond loopback, no real model calls, throwaway data dirs."""

from __future__ import annotations

import importlib
import ipaddress
import socket

import pytest
from fastapi.testclient import TestClient

from agent.settings import Settings
from api.app import create_app

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


# The API's test client, shared by every test folder (agent-side tests drive the app too).
@pytest.fixture
def make_client(tmp_path):
    """Build a TestClient over a real app (agent built by create_app) with the tiny catalog ingested."""
    from tests.api.test_api import KEY, write_catalog

    made = []

    def make(ingest: bool = True, raise_server_exceptions: bool = True, **overrides) -> TestClient:
        n = len(made)
        values = {"admin_api_key": KEY, "data_dir": tmp_path / f"data{n}", "multilingual_backend": "none"} | overrides
        settings = Settings(embedding_backend="fake", _env_file=None, **values)
        app = create_app(settings)
        if ingest:
            app.state.agent.knowledge.ingest(write_catalog(tmp_path / f"catalog{n}.jsonl"))
        client = TestClient(app, raise_server_exceptions=raise_server_exceptions)
        made.append(client)
        return client

    yield make
    for c in made:
        c.close()


@pytest.fixture
def client(make_client) -> TestClient:
    """A client over a ready app with an admin key."""
    return make_client()
