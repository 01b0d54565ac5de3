"""The index against a real Chroma server (``chroma run``) through HttpClient."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.settings import Settings
from knowledge.embeddings import FakeEmbedder
from knowledge.backends import open_chroma_client
from knowledge.index import ProductIndex
from knowledge.models import Product, SearchFilters


def _chroma_cli() -> str | None:
    # The chromadb wheel installs a `chroma` entry point next to the interpreter.
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    """A `chroma run` subprocess on a free loopback port; yields its URL and stops it afterwards."""
    cli = _chroma_cli()
    if cli is None:
        pytest.skip("the `chroma` command-line tool (installed by chromadb) is not on this machine")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("wb")
    proc = subprocess.Popen(
        [cli, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma server exited with {proc.returncode}: {(tmp_path / 'chroma.log').read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma server did not answer its heartbeat within 30 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.slow
def test_sync_and_search_through_a_chroma_server(chroma_server: str, tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server, _env_file=None)
    client = open_chroma_client(settings.knowledge)
    assert type(client).__name__ == "Client" and client.heartbeat() > 0
    assert not settings.knowledge.chroma_path.exists()  # nothing embedded on disk when a server is used
    products = [
        Product(sku="PB-10K", name="Power bank 10000 mAh", price=25, category="Electronics > Chargers", stock=3),
        Product(sku="PB-20K", name="Power bank 20000 mAh", price=39, category="Electronics > Chargers", stock=0),
        Product(sku="GRIND", name="Burr coffee grinder", price=89, category="Home > Kitchen"),
    ]
    idx = ProductIndex(client, "server-products", FakeEmbedder())
    stats = idx.sync(products)
    assert (stats.added, stats.unchanged) == (3, 0)
    assert idx.sync(products).unchanged == 3
    hits = idx.search("power bank", k=2, filters=SearchFilters(category="electronics"))
    assert [h.sku for h in hits] == ["PB-10K"]
    assert idx.search("coffee grinder", k=1, filters=None)[0].sku == "GRIND"
    # A second client (as another process would) sees the same collection.
    again = ProductIndex(open_chroma_client(settings.knowledge), "server-products", FakeEmbedder())
    assert again.skus() == ["GRIND", "PB-10K", "PB-20K"]
