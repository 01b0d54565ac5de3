"""Catalog import takes only finite numbers and valid text: each other value is a row error with line and field
(issue 10, failure 1: a price of 1e400 was read as infinity and lifted the add-on cap)."""

from __future__ import annotations

import pytest

from knowledge.importers import load_catalog
from tests.knowledge.test_importers import BANK, PHONE, errors_of, jsonl, where, write

ROW = '{"sku": "X1", "name": "Thing", "price": %s, "category": "Home"}'


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity", "-Infinity"])
def test_jsonl_non_finite_price_is_a_row_error_with_line_and_field(tmp_path, number):
    path = write(tmp_path, "c.jsonl", jsonl(PHONE, ROW % number, BANK))
    errors = errors_of(path)
    assert where(errors) == {(2, "price")}
    assert "finite" in errors[0].reason


def test_jsonl_non_finite_number_anywhere_names_its_field(tmp_path):
    rows = [
        '{"sku": "X1", "name": "A", "price": 5, "category": "Home", "attributes": {"weight_kg": NaN}}',
        '{"sku": "X2", "name": "B", "price": 5, "category": "Home", "margin": Infinity}',
        '{"sku": "X3", "name": "C", "price": 5, "category": "Home", "stock": 1e999}',
        '{"sku": "X4", "name": "C", "price": 5, "category": "Home", "attributes": {"sizes": [1, 2, -Infinity]}}',
    ]
    errors = errors_of(write(tmp_path, "c.jsonl", jsonl(*rows)))
    assert where(errors) == {(1, "attributes"), (2, "margin"), (3, "stock"), (4, "attributes")}
    assert "weight_kg" in next(e.reason for e in errors if e.line == 1)


def test_jsonl_invalid_unicode_and_giant_numbers_are_row_errors(tmp_path):
    rows = [
        '{"sku": "X1", "name": "Bad \\ud800 name", "price": 5, "category": "Home"}',
        '{"sku": "X2", "name": "B", "price": 1%s, "category": "Home"}' % ("0" * 5000),
        '{"sku": "X3", "name": "C", "price": 5, "category": "Home"}',
    ]
    errors = errors_of(write(tmp_path, "c.jsonl", jsonl(*rows)))
    assert where(errors) == {(1, "name"), (2, None)}
    assert "digits" in next(e.reason for e in errors if e.line == 2)


@pytest.mark.parametrize("cell", ["1e400", "inf", "nan", "-Infinity"])
def test_csv_non_finite_price_is_a_row_error(tmp_path, cell):
    text = f"sku,name,price,category\nA1,Lamp,{cell},Home\nA2,Rug,10,Home\n"
    assert where(errors_of(write(tmp_path, "c.csv", text))) == {(2, "price")}


def test_csv_attributes_json_with_nan_is_a_row_error(tmp_path):
    text = 'sku,name,price,category,attributes\nA1,Lamp,5,Home,"{""watts"": NaN}"\n'
    errors = errors_of(write(tmp_path, "c.csv", text))
    assert where(errors) == {(2, "attributes")} and "watts" in errors[0].reason


def test_finite_values_still_load(tmp_path):
    row = '{"sku": "X1", "name": "A", "price": 1e6, "category": "Home", "attributes": {"w": 1.5e-3}}'
    assert load_catalog(write(tmp_path, "c.jsonl", jsonl(row)))[0].price == 1e6


def test_jsonl_key_with_a_lone_surrogate_is_a_row_error_that_encodes(tmp_path):
    row = '{"sku": "X1", "name": "A", "price": 5, "category": "Home", "\\udc80": 1}'
    errors = errors_of(write(tmp_path, "c.jsonl", jsonl(row)))
    assert [e.line for e in errors] == [1]
    for e in errors:
        e.model_dump_json().encode("utf-8")  # renders in the upload's 422


@pytest.mark.parametrize("cell", ["1e400", "nan", "inf", "1.5"])
def test_orders_quantity_must_be_a_finite_whole_number(tmp_path, cell):
    from knowledge.models import CatalogError
    from knowledge.orders import load_orders

    path = write(tmp_path, "orders.csv", f"order_id,sku,quantity\n1,A1,2\n2,A2,{cell}\n")
    with pytest.raises(CatalogError) as exc:
        load_orders(path)
    assert where(exc.value.errors) == {(3, "quantity")}
