"""Fixtures of the HTTP tests: a real app (offline replies, fake embedder) over the tiny catalog of test_api."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from agent.settings import Settings
from api.app import create_app
from tests.api.test_api import KEY, write_catalog


@pytest.fixture
def make_client(tmp_path):
    """Build a TestClient over a real app (agent built by create_app) with the tiny catalog ingested."""
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
