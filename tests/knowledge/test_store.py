"""KnowledgeStore: atomic ingest, snapshot persistence, search through the active catalog."""

from __future__ import annotations

import json

import pytest

from knowledge.models import CatalogError
from knowledge.store import KnowledgeStore, NoCatalogError


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


PRODUCTS = [
    {"sku": "PH-128", "name": "Nova Phone 128 GB", "price": 700, "category": "Electronics > Phones",
     "family": "nova", "tier": 1, "description": "A phone with a 4,000 mAh battery."},
    {"sku": "PH-256", "name": "Nova Phone 256 GB", "price": 800, "category": "Electronics > Phones",
     "family": "nova", "tier": 2, "description": "More storage for photos and apps."},
    {"sku": "PB-10K", "name": "Power bank 10,000 mAh", "price": 39, "category": "Electronics > Power",
     "compatible_with": ["category:Electronics > Phones"], "description": "Charges a phone twice; pocket size."},
    {"sku": "GRIND-1", "name": "Burr coffee grinder", "price": 89, "category": "Home > Coffee",
     "description": "Grinds beans evenly for espresso."},
]


def test_ingest_then_reload_from_disk(settings, tmp_path):
    store = KnowledgeStore(settings.knowledge)
    summary = store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    assert summary.products == 4 and summary.added == 4 and summary.families == 1
    again = KnowledgeStore(settings.knowledge)  # a new process: the snapshot comes back from the data dir
    assert again.catalog.get("PB-10K").price == 39
    assert [r.sku for r in again.relations.upgrades("PH-128")] == ["PH-256"]


def test_refused_file_changes_nothing_and_previous_catalog_keeps_serving(settings, tmp_path):
    store = KnowledgeStore(settings.knowledge)
    store.ingest(write_jsonl(tmp_path / "good.jsonl", PRODUCTS))
    before = settings.knowledge.catalog_path.read_bytes()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"sku": "NEW-1", "name": "New thing", "price": 5, "category": "X"}) + "\n"
        + json.dumps({"sku": "NEW-2", "name": "Broken", "price": -3, "category": "X"}) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as err:
        store.ingest(bad)
    assert any(e.line == 2 and e.field == "price" for e in err.value.errors)
    assert settings.knowledge.catalog_path.read_bytes() == before
    assert "NEW-1" not in store.catalog and "PB-10K" in store.catalog
    fresh = KnowledgeStore(settings.knowledge)
    assert "NEW-1" not in fresh.catalog
    assert {h.sku for h in fresh.search("power bank", k=4)} <= {p["sku"] for p in PRODUCTS}
    assert fresh.index.count() == 4


def test_reingest_reembeds_only_changes_and_removes_deleted(settings, tmp_path):
    store = KnowledgeStore(settings.knowledge)
    store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
    changed = [dict(p) for p in PRODUCTS if p["sku"] != "GRIND-1"]
    changed[0]["description"] = "A phone with a bigger 5,000 mAh battery."
    s = store.ingest(write_jsonl(tmp_path / "c2.jsonl", changed))
    assert (s.added, s.updated, s.removed, s.unchanged) == (0, 1, 1, 2)
    assert "GRIND-1" not in store.catalog
    assert all(h.sku != "GRIND-1" for h in store.search("coffee grinder", k=4))


def test_orders_become_rules(settings, tmp_path):
    orders = tmp_path / "orders.csv"
    lines = ["order_id,sku"]
    for i in range(40):
        lines += [f"o{i},PH-128", f"o{i},PB-10K"]
    for i in range(40, 100):
        lines += [f"o{i},GRIND-1"]
    orders.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = KnowledgeStore(settings.knowledge)
    summary = store.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS), orders)
    assert summary.orders == 100 and summary.rules >= 2
    again = KnowledgeStore(settings.knowledge)
    assert any(r.source == "copurchase" and r.sku == "PB-10K" for r in again.relations.complements("PH-128"))


def test_no_catalog_says_how_to_ingest(settings):
    with pytest.raises(NoCatalogError, match="cartwise ingest"):
        KnowledgeStore(settings.knowledge).catalog


def test_changing_the_embedder_rebuilds_the_index_on_ingest(settings, tmp_path):
    from knowledge.embeddings import FakeEmbedder
    from knowledge.index import IndexMismatchError

    cat = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    KnowledgeStore(settings.knowledge).ingest(cat)
    other = KnowledgeStore(settings.knowledge, embedder=FakeEmbedder(dim=32))
    with pytest.raises(IndexMismatchError, match="re-ingest"):
        other.search("power bank")
    summary = other.ingest(cat)
    assert summary.added == len(PRODUCTS)  # everything re-embedded with the new model
    assert other.search("power bank", k=1)
