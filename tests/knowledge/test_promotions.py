"""Promotions import (CONTRACTS section 7): validated row by row, atomic with the catalog, kept in the snapshot."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from knowledge.catalog import Catalog
from knowledge.models import CatalogError, Product
from knowledge.promotions import Promotion, Promotions, load_promotions
from knowledge.store import KnowledgeStore
from tests.support import PRODUCTS, write_jsonl

UTC = timezone.utc
CATALOG = Catalog([Product.model_validate(p) for p in PRODUCTS])
HEADER = "sku,promo_price,starts_at,ends_at\n"


def _csv(tmp_path, *rows, name="promos.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _errors(path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(CatalogError) as e:
        load_promotions(path, CATALOG)
    return [(err.file, err.line, err.field, err.reason) for err in e.value.errors]


def test_a_good_csv_and_jsonl_give_the_same_promotions(tmp_path):
    csv = _csv(tmp_path, "PB-10K,29,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00Z")
    jsonl = tmp_path / "promos.jsonl"
    jsonl.write_text(json.dumps({"sku": "PB-10K", "promo_price": 29, "starts_at": "2026-12-01T00:00:00+00:00",
                                 "ends_at": "2026-12-04T00:00:00Z"}) + "\n", encoding="utf-8")
    a, b = load_promotions(csv, CATALOG), load_promotions(jsonl, CATALOG)
    assert a.items == b.items and len(a) == 1
    p = a.items[0]
    assert (p.sku, p.promo_price, p.ends_at) == ("PB-10K", 29.0, datetime(2026, 12, 4, tzinfo=UTC))


@pytest.mark.parametrize(
    "row,field,reason_part",
    [
        ("NOPE,29,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00", "sku", "unknown sku 'NOPE'"),
        ("PB-10K,39,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00", "promo_price", "not below the catalog price 39"),
        ("PB-10K,45,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00", "promo_price", "not below"),
        ("PB-10K,abc,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00", "promo_price", "not a number"),
        ("PB-10K,-1,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00", "promo_price", ">= 0"),
        ("PB-10K,29,2026-12-04T00:00:00+00:00,2026-12-01T00:00:00+00:00", "ends_at", "not after starts_at"),
        ("PB-10K,29,2026-12-01T00:00:00+00:00,2026-12-01T00:00:00+00:00", "ends_at", "not after starts_at"),
        ("PB-10K,29,2026-12-01T00:00:00,2026-12-04T00:00:00+00:00", "starts_at", "without a timezone"),
        ("PB-10K,29,2026-12-01T00:00:00+00:00,2026-12-04 23:59", "ends_at", "without a timezone"),
        ("PB-10K,29,next monday,2026-12-04T00:00:00+00:00", "starts_at", "not an ISO 8601 time"),
        ("PB-10K,29,,2026-12-04T00:00:00+00:00", "starts_at", "required value is missing"),
    ],
)
def test_each_bad_row_names_file_line_and_field(tmp_path, row, field, reason_part):
    good = "CASE-NOVA,15,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00"
    path = _csv(tmp_path, good, row)
    [(file, line, got_field, reason)] = _errors(path)
    assert (file, line, got_field) == (str(path), 3, field)  # line 1 is the header, the bad row is line 3
    assert reason_part in reason


def test_every_bad_row_is_reported_not_only_the_first(tmp_path):
    path = _csv(
        tmp_path,
        "NOPE,1,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00",
        "PB-10K,29,2026-12-01T00:00:00,2026-12-04T00:00:00+00:00",
    )
    assert [(line, field) for _, line, field, _ in _errors(path)] == [(2, "sku"), (3, "starts_at")]


def test_jsonl_errors_name_the_line_and_the_field(tmp_path):
    path = tmp_path / "p.jsonl"
    rows = [
        {"sku": "PB-10K", "promo_price": 29, "starts_at": "2026-12-01T00:00:00+00:00", "ends_at": "2026-12-04T00:00:00+00:00"},
        {"sku": "PB-10K", "promo_price": 29, "starts_at": "2026-12-01", "ends_at": "2026-12-04T00:00:00+00:00",
         "promo_prcie": 3},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    errors = _errors(path)
    where = {(line, field) for _, line, field, _ in errors}
    assert (2, "promo_prcie") in where and (2, "starts_at") in where
    assert any(line == 3 and "broken JSON" in reason for _, line, _, reason in errors)


def test_a_missing_column_names_the_header_line(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("sku,promo_price,starts_at\nPB-10K,29,2026-12-01T00:00:00+00:00\n", encoding="utf-8")
    assert _errors(path) == [(str(path), 1, "ends_at", "required column(s) missing")]


def test_overlapping_promotions_of_one_sku_are_refused(tmp_path):
    path = _csv(
        tmp_path,
        "PB-10K,29,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00",
        "PB-10K,25,2026-12-03T00:00:00+00:00,2026-12-06T00:00:00+00:00",
        "PB-10K,25,2026-12-04T00:00:00+00:00,2026-12-06T00:00:00+00:00",  # starts where the first ends: fine
    )
    [(_, line, field, reason)] = _errors(path)
    assert (line, field) == (3, "starts_at") and "line 2" in reason


def test_a_promotion_is_live_from_its_start_to_just_before_its_end():
    start, end = datetime(2026, 12, 1, tzinfo=UTC), datetime(2026, 12, 4, tzinfo=UTC)
    promos = Promotions([Promotion(sku="PB-10K", promo_price=29, starts_at=start, ends_at=end)])
    assert promos.live(start - timedelta(seconds=1)) == {}
    assert set(promos.live(start)) == {"PB-10K"}
    assert set(promos.live(end - timedelta(seconds=1))) == {"PB-10K"}
    assert promos.live(end) == {}
    # The merchant's offset is honoured: 00:30 in +01:00 is still before a 00:00 UTC start.
    assert promos.live(datetime(2026, 12, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))) == {}
    with pytest.raises(ValueError, match="timezone"):
        promos.live(datetime(2026, 12, 2))


# --- with the store: atomic, persisted -----------------------------------------------------------
def test_promotions_persist_with_the_snapshot_and_a_bad_file_keeps_the_previous_ones(settings, tmp_path):
    catalog = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    store = KnowledgeStore(settings.knowledge)
    summary = store.ingest(catalog, promotions_path=_csv(
        tmp_path, "PB-10K,29,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00"
    ))
    assert summary.promotions == 1
    # A fresh store (another process, a restart) reads them back from the snapshot file.
    assert [p.sku for p in KnowledgeStore(settings.knowledge).snapshot.promotions.items] == ["PB-10K"]

    cheaper = [dict(p, price=p["price"] - 1) for p in PRODUCTS]  # a new catalog with a bad promotions file
    bad = _csv(tmp_path, "PB-10K,99,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00+00:00", name="bad.csv")
    with pytest.raises(CatalogError) as e:
        store.ingest(write_jsonl(tmp_path / "c2.jsonl", cheaper), promotions_path=bad)
    assert e.value.errors[0].file == str(bad) and e.value.errors[0].field == "promo_price"
    for s in (store, KnowledgeStore(settings.knowledge)):  # in memory and on disk: the previous catalog AND promos
        assert s.catalog.get("PB-10K").price == 39
        assert [(p.sku, p.promo_price) for p in s.snapshot.promotions.items] == [("PB-10K", 29.0)]


def test_an_ingest_without_promotions_serves_none(settings, tmp_path):
    catalog = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    store = KnowledgeStore(settings.knowledge)
    store.ingest(catalog, promotions_path=_csv(tmp_path, "PB-10K,29,2026-12-01T00:00:00+00:00,2026-12-04T00:00:00Z"))
    store.ingest(catalog)
    assert len(KnowledgeStore(settings.knowledge).snapshot.promotions) == 0
