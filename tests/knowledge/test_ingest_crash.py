"""Ingest is crash-safe and single-writer: a SIGKILL at any moment leaves the old or the new catalog, consistent.

Real subprocesses are killed (bounded: a few kills, each within a couple of seconds), then a fresh store on the
data dir must serve one catalog whose every product, and nothing else, is in each index collection.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from agent.settings import Settings
from agent.readiness import check_readiness
from knowledge.store import KnowledgeStore

ROOT = Path(__file__).resolve().parents[2]


def rows(prefix: str, n: int, price: float = 10.0) -> list[dict]:
    return [
        {"sku": f"{prefix}-{i}", "name": f"{prefix} item {i}", "price": price + i % 7,
         "category": f"Home > {prefix} {i % 5}", "description": f"A useful {prefix} thing number {i}."}
        for i in range(n)
    ]


def write(path: Path, items: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in items) + "\n", encoding="utf-8")
    return path


def env_for(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARTWISE_")}
    env.update(
        PYTHONPATH=str(ROOT), CARTWISE_DATA_DIR=str(data_dir), CARTWISE_EMBEDDING_BACKEND="fake",
        CARTWISE_MULTILINGUAL_BACKEND="fake", **extra,
    )
    return env


def settings_for(data_dir: Path, **overrides) -> Settings:
    return Settings(data_dir=data_dir, embedding_backend="fake", multilingual_backend="fake", _env_file=None,
                    **overrides)


#: A child that ingests and prints its progress, so the parent can kill it in the middle of the index sync.
CHILD = """
import sys
from agent.settings import Settings
from knowledge.store import KnowledgeStore
store = KnowledgeStore(Settings().knowledge)
def progress(done, total):
    print(f"progress {done} {total}", flush=True)
print("start", flush=True)
store.ingest(sys.argv[1], progress=progress)
print("done", flush=True)
"""


def assert_consistent(data_dir: Path, allowed: list[set[str]]) -> set[str]:
    """A fresh store serves one whole catalog of ``allowed``, each index holding exactly its products."""
    store = KnowledgeStore(settings_for(data_dir).knowledge)
    skus = {p.sku for p in store.catalog}
    assert skus in allowed
    assert set(store.index.skus()) == skus
    assert store.multilingual_index is not None and set(store.multilingual_index.skus()) == skus
    ready = check_readiness(store)
    assert ready.ready, ready.problems
    assert ready.index_entries == len(skus)
    return skus


@pytest.fixture
def two_catalogs(tmp_path):
    old = rows("OLD", 40)
    new = old[:20] + rows("NEW", 900) + [dict(r, price=99) for r in old[20:30]]
    return write(tmp_path / "old.jsonl", old), write(tmp_path / "new.jsonl", new), old, new


def test_sigkill_in_the_middle_of_the_index_sync_leaves_the_old_catalog_consistent(tmp_path, two_catalogs):
    old_file, new_file, old, new = two_catalogs
    data = tmp_path / "data"
    KnowledgeStore(settings_for(data).knowledge).ingest(old_file)
    allowed = [{r["sku"] for r in old}, {r["sku"] for r in new}]
    rng = random.Random(10)
    for round_ in range(3):
        stop_at = rng.randint(100, 800)  # products synced before the kill
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(new_file)], env=env_for(data),
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        killed = False
        deadline = time.monotonic() + 60
        assert child.stdout is not None
        for line in child.stdout:
            parts = line.split()
            if parts and parts[0] == "progress" and int(parts[1]) >= stop_at:
                child.send_signal(signal.SIGKILL)
                killed = True
                break
            assert time.monotonic() < deadline
        child.wait(timeout=30)
        assert killed, f"round {round_}: the ingest finished before the kill"
        assert assert_consistent(data, allowed) == allowed[0]


def test_sigkill_of_the_cli_at_a_random_moment_leaves_one_consistent_catalog(tmp_path, two_catalogs):
    old_file, new_file, old, new = two_catalogs
    data = tmp_path / "data"
    KnowledgeStore(settings_for(data).knowledge).ingest(old_file)
    allowed = [{r["sku"] for r in old}, {r["sku"] for r in new}]
    rng = random.Random(7)
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-m", "api.cli", "ingest", str(new_file)], env=env_for(data),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 4.0))  # bounded: start-up plus the sync takes a few seconds
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert_consistent(data, allowed)
    # and a clean ingest afterwards serves the new catalog, leaving no stray generations behind
    store = KnowledgeStore(settings_for(data).knowledge)
    store.ingest(new_file)
    assert assert_consistent(data, allowed) == allowed[1]
    names = {c.name for c in store.index.client.list_collections()}
    assert len(names) <= 4, names  # this and the previous generation of each index


def test_readiness_names_an_index_that_does_not_match_the_catalog(tmp_path, two_catalogs):
    old_file, _, old, _ = two_catalogs
    store = KnowledgeStore(settings_for(tmp_path / "data").knowledge)
    store.ingest(old_file)
    assert check_readiness(store).ready
    store.index._collection.delete(ids=["OLD-3", "OLD-4"])  # what a crash of the old in-place sync left behind
    ready = check_readiness(store)
    assert not ready.ready
    assert any("38 entries for 40 products" in p and "re-ingest" in p for p in ready.problems), ready.problems


def test_a_running_store_switches_to_a_catalog_another_process_ingested(tmp_path, two_catalogs):
    old_file, new_file, old, new = two_catalogs
    data = tmp_path / "data"
    store = KnowledgeStore(settings_for(data, snapshot_check_ms=0).knowledge)
    store.ingest(old_file)
    assert store.search("OLD item 3", k=3)
    errors: list[BaseException] = []
    stop = threading.Event()
    catalogs = [{r["sku"] for r in old}, {r["sku"] for r in new}]

    def hammer():  # turns keep searching while the other process ingests and the store switches
        while not stop.is_set():
            try:
                skus = {h.sku for h in store.search("useful thing", k=5)}
                assert skus and any(skus <= c for c in catalogs)  # hits of one catalog, never a mix
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
                return

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for catalog in (new_file, old_file, new_file):
            done = subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(catalog)], env=env_for(data),
                                  capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, done.stderr
            time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors[:1]
    assert "NEW-5" in store.catalog and "OLD-35" not in store.catalog
    assert {h.sku for h in store.search("NEW item 5", k=50)} <= {r["sku"] for r in new}
    assert check_readiness(store).ready


def test_a_second_ingest_waits_for_the_lock_or_fails_clearly(tmp_path, two_catalogs):
    old_file, _, _, _ = two_catalogs
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True);"
         " time.sleep(30)", str(data / "ingest.lock")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        done = subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(old_file)],
                              env=env_for(data, CARTWISE_INGEST_LOCK_WAIT_S="0.5"), capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 1
        last = done.stderr.strip().splitlines()[-1]
        assert "another ingest" in last and "ingest.lock" in last and "Traceback" not in done.stderr
        assert not (data / "catalog.json").exists()
    finally:
        holder.kill()
        holder.wait()
    # once the holder is gone the lock is free (flock dies with its process)
    done = subprocess.run([sys.executable, "-m", "api.cli", "ingest", str(old_file)], env=env_for(data),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
