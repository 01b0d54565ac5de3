"""Promotions through `cartwise ingest --promotions` and the admin upload: validated, atomic, served."""

from __future__ import annotations

import io
import json
import sys
from datetime import datetime, timedelta, timezone

import pytest

from api.cli import main
from tests.api.test_api import CATALOG, KEY, NEED, PHONE_CTX
from tests.support import PRODUCTS, write_jsonl

NOW = datetime.now(timezone.utc)
# A window around the real time: the CLI and the app run on the real clock.
START, END = (NOW - timedelta(days=1)).isoformat(), (NOW + timedelta(days=10)).isoformat()
PHONE_PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("CARTWISE_MULTILINGUAL_BACKEND", "none")


def _chat_jsonl(data_dir: str, session: str, monkeypatch, capsys) -> dict:
    capsys.readouterr()
    line = {"session_id": session, "message": "I wish my phone battery lasted all day", "context": PHONE_PAGE}
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(line) + "\n"))
    assert main(["--data-dir", data_dir, "chat", "--jsonl"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_ingest_with_promotions_prices_offers_and_a_bad_file_changes_nothing(tmp_path, capsys, monkeypatch):
    d = str(tmp_path / "d")
    catalog = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    promos = tmp_path / "promos.csv"
    promos.write_text(f"sku,promo_price,starts_at,ends_at\nPB-10K,29,{START},{END}\n", encoding="utf-8")
    assert main(["--data-dir", d, "ingest", str(catalog), "--promotions", str(promos)]) == 0
    assert "promotions 1" in capsys.readouterr().out
    [offer] = _chat_jsonl(d, "first", monkeypatch, capsys)["offers"]
    assert (offer["sku"], offer["price"], offer["regular_price"], offer["promo_ends_at"]) == ("PB-10K", 29.0, 39.0, END)

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"sku": "PB-10K", "promo_price": 25, "starts_at": "2026-12-01T00:00:00",
                               "ends_at": END}) + "\n", encoding="utf-8")
    assert main(["--data-dir", d, "ingest", str(catalog), "--promotions", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1: field 'starts_at'" in err and "timezone" in err
    [offer] = _chat_jsonl(d, "second", monkeypatch, capsys)["offers"]  # the previous catalog and promotions serve
    assert (offer["sku"], offer["price"], offer["regular_price"]) == ("PB-10K", 29.0, 39.0)


def test_cli_missing_promotions_file_exits_1(tmp_path, capsys):
    catalog = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    assert main(["--data-dir", str(tmp_path / "d"), "ingest", str(catalog), "--promotions", str(tmp_path / "no.csv")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_admin_upload_takes_promotions_with_the_same_validation(client):
    h = {"X-API-Key": KEY}
    store = "\n".join(json.dumps(p) for p in CATALOG).encode()
    bad = f"sku,promo_price,starts_at,ends_at\nPB-20K,39,{START},{END}\nNOPE,1,{START},{END}\n".encode()
    r = client.post("/v1/catalog", headers=h, files={"file": ("store.jsonl", store), "promotions": ("promos.csv", bad)})
    assert r.status_code == 422
    errors = {(e["file"], e["line"], e["field"]) for e in r.json()["errors"]}
    assert errors == {("promos.csv", 2, "promo_price"), ("promos.csv", 3, "sku")}

    good = f"sku,promo_price,starts_at,ends_at\nPB-20K,29,{START},{END}\n".encode()
    r = client.post("/v1/catalog", headers=h, files={"file": ("store.jsonl", store), "promotions": ("promos.csv", good)})
    assert r.status_code == 200, r.text
    assert r.json()["promotions"] == 1
    r = client.post("/v1/chat", json={"session_id": "promo", "message": NEED, "context": PHONE_CTX})
    [offer] = r.json()["offers"]
    assert (offer["sku"], offer["price"], offer["regular_price"], offer["promo_ends_at"]) == ("PB-20K", 29.0, 39.0, END)
