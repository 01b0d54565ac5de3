"""``bundle_of`` and ``replenish_days`` (CONTRACTS section 7) in every catalog format, and their validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.importers import load_catalog
from knowledge.importers.commerce_fields import commerce_columns, parse_sku_list
from knowledge.models import CatalogError, RowError

CAM = {"sku": "CAM", "name": "Camera", "price": 500, "category": "Photo > Cameras"}
BAG = {"sku": "BAG", "name": "Camera bag", "price": 40, "category": "Photo > Bags"}
CARD = {"sku": "SD", "name": "SD card", "price": 20, "category": "Photo > Storage", "replenish_days": 90}
KIT = {"sku": "KIT", "name": "Travel kit", "price": 70, "category": "Photo > Kits", "bundle_of": ["BAG", "SD", "SD"]}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def jsonl(*rows: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def errors_of(path: Path, fmt: str = "auto") -> list[RowError]:
    with pytest.raises(CatalogError) as exc:
        load_catalog(path, fmt)  # type: ignore[arg-type]
    return exc.value.errors


def test_jsonl_reads_bundle_of_with_repeats_and_replenish_days(tmp_path: Path) -> None:
    products = {p.sku: p for p in load_catalog(write(tmp_path, "c.jsonl", jsonl(CAM, BAG, CARD, KIT)))}
    assert products["KIT"].bundle_of == ["BAG", "SD", "SD"]
    assert products["SD"].replenish_days == 90
    assert products["CAM"].bundle_of == [] and products["CAM"].replenish_days is None


def test_jsonl_numeric_component_skus_are_text(tmp_path: Path) -> None:
    rows = [{**BAG, "sku": 101}, {**KIT, "bundle_of": [101, "SD"]}, CARD]
    products = {p.sku: p for p in load_catalog(write(tmp_path, "c.jsonl", jsonl(*rows)))}
    assert products["KIT"].bundle_of == ["101", "SD"]


def test_unknown_component_names_line_field_and_sku(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl(BAG, CARD, {**KIT, "bundle_of": ["BAG", "NOPE"]}))
    errors = errors_of(path)
    assert [(e.line, e.field) for e in errors] == [(3, "bundle_of")]
    assert "'NOPE'" in errors[0].reason and "c.jsonl:3" in str(errors[0])


@pytest.mark.parametrize(
    ("bundle_of", "words"),
    [(["", " "], "no components"), (["KIT", "BAG"], "contains itself"), (["BAG", "KIT2"], "itself a bundle")],
)
def test_empty_self_and_nested_bundles_are_row_errors(tmp_path: Path, bundle_of: list[str], words: str) -> None:
    rows = [BAG, CARD, {**KIT, "sku": "KIT2"}, {**KIT, "bundle_of": bundle_of}]
    errors = errors_of(write(tmp_path, "c.jsonl", jsonl(*rows)))
    assert [(e.line, e.field) for e in errors] == [(4, "bundle_of")]
    assert words in errors[0].reason


def test_replenish_days_must_be_positive_whole(tmp_path: Path) -> None:
    errors = errors_of(write(tmp_path, "c.jsonl", jsonl({**CARD, "replenish_days": 0})))
    assert [(e.line, e.field) for e in errors] == [(1, "replenish_days")]
    assert "> 0" in errors[0].reason


NATIVE = "sku,name,price,category,bundle_of,replenish_days\n"


def test_native_csv_pipe_list_and_errors(tmp_path: Path) -> None:
    ok = NATIVE + "BAG,Bag,40,Photo\nSD,Card,20,Photo,,90\nKIT,Kit,55,Photo,BAG|SD|SD,\n"
    products = {p.sku: p for p in load_catalog(write(tmp_path, "c.csv", ok))}
    assert products["KIT"].bundle_of == ["BAG", "SD", "SD"] and products["SD"].replenish_days == 90
    bad = NATIVE + "BAG,Bag,40,Photo\nKIT,Kit,55,Photo,BAG|GHOST,\nSD,Card,20,Photo,,soon\nK2,Kit,5,Photo,|,\n"
    errors = errors_of(write(tmp_path, "bad.csv", bad))
    assert [(e.line, e.field) for e in errors] == [(3, "bundle_of"), (4, "replenish_days"), (5, "bundle_of")]
    assert "'GHOST'" in errors[0].reason


SHOPIFY = (
    "Handle,Title,Type,Variant SKU,Variant Price,Status,"
    "Bundle of (product.metafields.custom.bundle_of),product.metafields.custom.replenish_days\n"
    "bag,Camera bag,Bags,BAG,40.00,active,,\n"
    "ink,Ink,Ink,INK-B,12.00,active,,60\n"
    "ink,,,INK-C,12.00,active,,\n"
    'kit,Travel kit,Kits,KIT,55.00,active,"[""BAG"", ""INK-B""]",\n'
)


def test_shopify_metafield_columns_and_inheritance(tmp_path: Path) -> None:
    products = {p.sku: p for p in load_catalog(write(tmp_path, "s.csv", SHOPIFY), "shopify")}
    assert products["KIT"].bundle_of == ["BAG", "INK-B"]
    assert products["INK-B"].replenish_days == 60 and products["INK-C"].replenish_days == 60  # product level


def test_shopify_unknown_component_names_the_metafield_column(tmp_path: Path) -> None:
    text = SHOPIFY.replace('""INK-B""', '""GONE""')
    errors = errors_of(write(tmp_path, "s.csv", text), "shopify")
    assert [(e.line, e.field) for e in errors] == [(5, "Bundle of (product.metafields.custom.bundle_of)")]
    assert "'GONE'" in errors[0].reason


WOO = (
    "ID,Type,SKU,Name,Published,Regular price,Categories,Parent,Meta: bundle_of,Meta: replenish_days\n"
    "1,simple,BAG,Camera bag,1,40,Photo,,,\n"
    "2,variable,FILTER,Water filter,1,,Home,,,30\n"
    "3,variation,FILTER-S,,1,15,,id:2,,\n"
    '4,simple,KIT,Kit,1,50,Photo,,"BAG, FILTER-S, FILTER-S",\n'
)


def test_woocommerce_meta_columns_and_parent_inheritance(tmp_path: Path) -> None:
    products = {p.sku: p for p in load_catalog(write(tmp_path, "w.csv", WOO), "woocommerce")}
    assert products["KIT"].bundle_of == ["BAG", "FILTER-S", "FILTER-S"]
    assert products["FILTER-S"].replenish_days == 30


def test_woocommerce_self_bundle_is_an_error(tmp_path: Path) -> None:
    errors = errors_of(write(tmp_path, "w.csv", WOO.replace('"BAG, FILTER-S, FILTER-S"', "KIT")), "woocommerce")
    assert [(e.line, e.field) for e in errors] == [(5, "Meta: bundle_of")]


def test_sku_list_forms_and_column_names() -> None:
    assert parse_sku_list('["A", 7]') == ["A", "7"]
    assert parse_sku_list("A; B") == ["A", "B"] and parse_sku_list("A") == ["A"]
    with pytest.raises(ValueError):
        parse_sku_list("[broken")
    header = ["Handle", "variant.metafields.shop.replenish_days", "BUNDLE_OF"]
    assert commerce_columns(header) == {"bundle_of": "BUNDLE_OF", "replenish_days": header[1]}
    assert commerce_columns(["my_bundle_of_notes"]) == {}


def test_an_empty_jsonl_list_means_no_bundle_as_product_dumps_write_it(tmp_path: Path) -> None:
    from knowledge.models import Product

    dumped = Product(**BAG).model_dump(mode="json")
    assert dumped["bundle_of"] == []
    products = load_catalog(write(tmp_path, "c.jsonl", jsonl(dumped)))
    assert products[0].bundle_of == []
