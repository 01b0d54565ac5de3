"""A real app under uvicorn in a thread on a free loopback port: for streams (the TestClient waits for a response
to end, and a Server-Sent Events stream never does) and for browser tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(app) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 180  # start-up warms the agent: slow on a loaded machine
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def read_event(lines: Iterator[str], name: str) -> tuple[dict, str | None]:
    """The data (and id) of the next ``name`` event on an open stream; other events and comments are skipped.

    The stream's read timeout bounds the wait: a missing event fails the test instead of hanging it.
    """
    event, data, event_id = None, [], None
    for line in lines:
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif line.startswith("id:"):
            event_id = line[3:].strip()
        elif line == "":
            if event == name and data:
                return json.loads("\n".join(data)), event_id
            event, data, event_id = None, [], None
    raise AssertionError(f"the stream ended before a {name!r} event")


def stream_client() -> httpx.Client:
    """An HTTP client whose reads give up after 10 s (a stream that never sends fails instead of hanging)."""
    return httpx.Client(timeout=httpx.Timeout(10.0))


@contextmanager
def serve_store(tmp_dir, catalog_rows: list[dict], admin_key: str = "rep-key") -> Iterator[tuple[str, object]]:
    """A real app over ``catalog_rows`` (fake embedder, throwaway data dir) served on loopback: (base URL, app)."""
    from agent.settings import Settings
    from api.app import create_app

    catalog = tmp_dir / "catalog.jsonl"
    catalog.write_text("\n".join(json.dumps(p) for p in catalog_rows) + "\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_dir / "data", embedding_backend="fake", multilingual_backend="none",
                        admin_api_key=admin_key, _env_file=None)
    app = create_app(settings)
    app.state.agent.knowledge.ingest(catalog)
    with serve(app) as base:
        yield base, app
