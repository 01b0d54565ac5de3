"""The cartwise command: ingest exit codes and messages, chat --jsonl shape."""

from __future__ import annotations

import io
import json
import sys

import pytest

from api.cli import main
from tests.support import PRODUCTS, write_jsonl


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "fake")


def test_ingest_prints_summary(tmp_path, capsys):
    cat = write_jsonl(tmp_path / "c.jsonl", PRODUCTS)
    assert main(["--data-dir", str(tmp_path / "d"), "ingest", str(cat)]) == 0
    out = capsys.readouterr().out
    assert f"products   {len(PRODUCTS)}" in out and "families" in out


def test_bad_row_exits_1_naming_line_and_field_and_keeps_previous(tmp_path, capsys):
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "ingest", str(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))]) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(PRODUCTS[0]) + "\n" + json.dumps({"sku": "X", "name": "X", "price": "abc", "category": "Y"}) + "\n",
        encoding="utf-8",
    )
    assert main(["--data-dir", d, "ingest", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl:2" in err and "price" in err
    # the previous catalog still answers
    stdin = io.StringIO(json.dumps({"session_id": "s", "message": "hello", "context": {"product_sku": "PB-10K"}}) + "\n")
    sys_stdin, sys.stdin = sys.stdin, stdin
    try:
        assert main(["--data-dir", d, "chat", "--jsonl"]) == 0
    finally:
        sys.stdin = sys_stdin
    assert json.loads(capsys.readouterr().out)["session_id"] == "s"


def test_missing_file_exits_1(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "ingest", str(tmp_path / "nope.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_chat_without_catalog_says_how_to_ingest(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "empty"), "chat", "--jsonl"]) == 1
    assert "cartwise ingest" in capsys.readouterr().err


def test_chat_jsonl_one_response_per_line(tmp_path, capsys, monkeypatch):
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "ingest", str(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))]) == 0
    capsys.readouterr()
    lines = [
        {"session_id": "a", "message": "I wish my phone battery lasted all day",
         "context": {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}},
        {"session_id": "a", "message": "no thanks"},
        {"session_id": "b"},  # invalid: no message
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n"))
    assert main(["--data-dir", d, "chat", "--jsonl"]) == 1  # one bad line
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(out) == 3
    first = out[0]
    assert set(first) == {"session_id", "reply", "offers", "signals"}
    for offer in first["offers"]:
        assert set(offer) >= {"sku", "name", "kind", "price", "currency", "uplift_pct", "replaces_sku", "reason"}
    assert out[1]["offers"] == []
    assert "error" in out[2] and "line 3" in out[2]["error"] and "message" in out[2]["error"]
