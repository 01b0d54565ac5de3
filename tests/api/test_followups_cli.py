"""cartwise followups: one JSON line per follow-up with the contract's fields, declines from the data dir, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.settings import Settings
from agent.sql_store import make_session_store
from agent.types import SessionState
from api.cli import main

SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "followups"
FIELDS = ["order_id", "customer_id", "send_at", "kind", "sku", "name", "price", "currency", "reason", "subject",
          "text", "html"]


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("CARTWISE_MULTILINGUAL_BACKEND", "none")


@pytest.fixture
def data_dir(tmp_path) -> str:
    d = str(tmp_path / "d")
    catalog, copurchase = str(SUITE / "catalog.jsonl"), str(SUITE / "copurchase.csv")
    assert main(["--data-dir", d, "ingest", catalog, "--orders", copurchase]) == 0
    return d


def run(data_dir: str, out: Path, *extra: str, orders: Path = SUITE / "orders.csv") -> int:
    return main(["--data-dir", data_dir, "followups", "--orders", str(orders), "--out", str(out), *extra])


def test_writes_one_line_per_followup_with_the_contract_fields(data_dir, tmp_path, capsys):
    out = tmp_path / "f.jsonl"
    assert run(data_dir, out, "--as-of", "2026-02-01T00:00:00Z") == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert all(list(f) == FIELDS for f in lines)
    ids = [f["order_id"] for f in lines]
    assert len(ids) == len(set(ids))  # at most one per order
    by_id = {f["order_id"]: f for f in lines}
    assert (by_id["F02"]["kind"], by_id["F02"]["sku"]) == ("replenish", "BEANS-1K")
    assert by_id["F07b"]["sku"] == "CHARGER-30W"  # from the co-purchase rules mined at ingest
    assert "F15" not in by_id and "F17" not in by_id  # too late; after as-of
    assert by_id["F16"]["send_at"] == "2026-02-01T00:00:00+00:00"
    err = capsys.readouterr().err
    assert "orders.csv:19: unknown sku 'GONE-1'" in err and "follow-up(s) for 24 order(s)" in err


def test_without_as_of_every_order_keeps_its_own_time(data_dir, tmp_path):
    out = tmp_path / "f.jsonl"
    assert run(data_dir, out) == 0
    by_id = {json.loads(x)["order_id"]: json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()}
    assert by_id["F15"]["send_at"] == "2026-01-13T10:00:00+00:00" and "F17" in by_id


def test_declines_stored_with_the_customers_sessions_are_respected(data_dir, tmp_path):
    store = make_session_store(Settings(data_dir=Path(data_dir), _env_file=None).knowledge)
    store.save(SessionState(session_id="chat-9", customer_id="c01", declined_skus=["MILK-FROTH"]))
    store.close()
    out = tmp_path / "f.jsonl"
    assert run(data_dir, out, "--as-of", "2026-02-01T00:00:00Z") == 0
    f01 = next(json.loads(x) for x in out.read_text(encoding="utf-8").splitlines() if '"F01"' in x)
    assert f01["sku"] == "DESC-KIT"


def test_a_bad_orders_file_exits_1_naming_file_line_and_field_and_keeps_the_old_output(data_dir, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("order_id,sku,customer_id,created_at\no1,ESP-100,c1,2026-01-30\no2,ESP-100,c2,soon\n",
                   encoding="utf-8")
    out = tmp_path / "f.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    assert run(data_dir, out, orders=bad) == 1
    assert f"{bad}:3: field 'created_at'" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_a_bad_as_of_is_named(data_dir, tmp_path, capsys):
    assert run(data_dir, tmp_path / "f.jsonl", "--as-of", "next week") == 2
    assert "--as-of" in capsys.readouterr().err
