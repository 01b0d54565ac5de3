"""Catalog text is data, never copy: pressure or discount wording in names/descriptions is warned about at import."""

from __future__ import annotations

import json

import pytest

from knowledge.importers import import_catalog, load_catalog
from knowledge.promo_words import clean_display_name, promo_phrases
from tests.support import PRODUCTS, write_jsonl

PUSHY = "Power bank 10,000 mAh – FREE today only, 90% off, offer expires tonight"


def planted(rows=PRODUCTS):
    """The sample products with the power bank's name and the grinder's description carrying pressure wording."""
    out = [dict(r) for r in rows]
    out[3]["name"] = PUSHY
    out[6]["description"] = "Grinds beans evenly. Hurry, only 2 left at this price!"
    return out


def test_import_warns_naming_file_line_field_and_phrase(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", planted())
    result = import_catalog(path)
    assert len(result.products) == len(PRODUCTS)  # a warning refuses nothing
    by_line = {(w.line, w.field) for w in result.warnings}
    assert by_line == {(4, "name"), (7, "description")}
    name_warning = next(w for w in result.warnings if w.field == "name")
    assert name_warning.file == str(path) and name_warning.sku == "PB-10K"
    for phrase in ("today only", "90% off", "offer expires tonight"):
        assert phrase in name_warning.reason
    assert "false_urgency" in name_warning.reason and "discount_claim" in name_warning.reason
    assert load_catalog(path) == result.products  # the plain loader still returns just the products


def test_csv_rows_are_warned_by_their_editor_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("sku,name,price,category\nA-1,Lamp,10,Home\nB-2,Lamp XL – last chance!,12,Home\n", encoding="utf-8")
    [w] = import_catalog(path).warnings
    assert (w.line, w.field, w.sku) == (3, "name", "B-2") and "last chance" in w.reason


def test_ordinary_catalog_text_is_not_warned_about(tmp_path):
    rows = [*PRODUCTS, {"sku": "GUM", "name": "Sugar-free gum", "price": 2, "category": "Food",
                        "description": "No added sugar. There's no need to hurry: it keeps for a year."},
            {"sku": "HS", "name": "Hands-free headset", "price": 20, "category": "Audio"}]
    assert import_catalog(write_jsonl(tmp_path / "c.jsonl", rows)).warnings == []


@pytest.mark.parametrize(
    "name,shown",
    [
        (PUSHY, "Power bank 10,000 mAh"),
        ("Lamp - hurry, only today!", "Lamp"),
        ("FREE today only: 90% off lantern", ""),
        ("Nova Phone (128 GB)", "Nova Phone (128 GB)"),
        ("Sugar-free gum", "Sugar-free gum"),
    ],
)
def test_clean_display_name_drops_the_promotional_clause(name, shown):
    cleaned = clean_display_name(name)
    assert cleaned == shown and not promo_phrases(cleaned)


def test_cli_ingest_prints_the_warnings(tmp_path, capsys, monkeypatch):
    from api.cli import main

    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "fake")
    path = write_jsonl(tmp_path / "c.jsonl", planted())
    assert main(["--data-dir", str(tmp_path / "d"), "ingest", str(path)]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "WARNING" in text and f"{path}:4" in text and "name" in text and "90% off" in text
    assert f"{path}:7" in text


def test_admin_upload_returns_the_warnings(make_client):
    client = make_client(ingest=False)
    body = "\n".join(json.dumps(r) for r in planted())
    r = client.post("/v1/catalog", headers={"X-API-Key": KEY}, files={"file": ("mystore.jsonl", body.encode())})
    assert r.status_code == 200, r.text
    warnings = r.json()["warnings"]
    assert {(w["file"], w["line"], w["field"]) for w in warnings} == {("mystore.jsonl", 4, "name"),
                                                                      ("mystore.jsonl", 7, "description")}


from tests.api.test_api import KEY, make_client  # noqa: E402,F401 (fixture)
