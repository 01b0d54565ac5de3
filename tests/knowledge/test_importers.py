"""Native JSONL/CSV import, validation errors (line + field), HTML stripping and format detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.importers import detect_format, load_catalog, strip_html
from knowledge.models import CatalogError, RowError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def jsonl(*rows: dict | str) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"


def errors_of(path: Path, **kwargs: object) -> list[RowError]:
    with pytest.raises(CatalogError) as exc:
        load_catalog(path, **kwargs)  # type: ignore[arg-type]
    return exc.value.errors


def where(errors: list[RowError]) -> set[tuple[int | None, str | None]]:
    return {(e.line, e.field) for e in errors}


PHONE = {"sku": "PX8", "name": "Pixel 8", "price": 699, "category": "Electronics > Phones", "family": "px"}
BANK = {"sku": "PB-10K", "name": "Power bank", "price": 29.5, "category": "Electronics > Power"}


# --- native JSONL ----------------------------------------------------------------------------------
def test_jsonl_loads_every_field_and_skips_blank_lines(tmp_path: Path) -> None:
    full = {
        **BANK,
        "currency": "eur",
        "description": "<p>Two charges &amp; more</p>",
        "brand": "Anker",
        "attributes": {"capacity_mah": 10000},
        "tier": 2,
        "cross_sells": ["PX8"],
        "compatible_with": ["family:px", "category:Phones", "PX8"],
        "stock": 0,
        "active": False,
        "margin": 0.4,
        "url": "/p/pb",
        "image_url": "/i/pb.jpg",
    }
    path = write(tmp_path, "c.jsonl", jsonl(PHONE, "", "   ", full))
    products = load_catalog(path)
    assert [p.sku for p in products] == ["PX8", "PB-10K"]
    pb = products[1]
    assert pb.currency == "EUR" and pb.description == "Two charges & more"
    assert pb.attributes == {"capacity_mah": 10000} and pb.stock == 0 and pb.active is False
    assert pb.compatible_with == ["family:px", "category:Phones", "PX8"]


def test_jsonl_null_means_absent_and_currency_stays_none(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({**PHONE, "brand": None, "stock": None, "attributes": None}))
    (p,) = load_catalog(path)
    assert p.brand is None and p.stock is None and p.attributes == {} and p.currency is None


def test_jsonl_numeric_skus_are_read_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl({**PHONE, "sku": 1001}, {**BANK, "upsells": [1001]}))
    a, b = load_catalog(path)
    assert (a.sku, b.upsells) == ("1001", ["1001"])


def test_default_currency_fills_only_absent_currency(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl(PHONE, {**BANK, "currency": "GBP"}))
    a, b = load_catalog(path, default_currency="eur")
    assert (a.currency, b.currency) == ("EUR", "GBP")


def test_bad_parameters_are_value_errors_naming_the_parameter(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl(PHONE))
    with pytest.raises(ValueError, match="default_currency"):
        load_catalog(path, default_currency="euro")
    with pytest.raises(ValueError, match="format"):
        load_catalog(path, format="xml")  # type: ignore[arg-type]


def test_jsonl_unknown_key_is_an_error_naming_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl(PHONE, {**BANK, "prce": 3}))
    (err,) = errors_of(path)
    assert (err.line, err.field) == (2, "prce") and "unknown field" in err.reason


def test_jsonl_broken_json_and_non_object_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl(PHONE, '{"sku": "X", "name": ', "[1, 2]", BANK))
    errs = errors_of(path)
    assert where(errs) == {(2, None), (3, None)}
    assert "broken JSON" in errs[0].reason and "JSON object" in errs[1].reason


def test_every_bad_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    rows = [
        PHONE,
        {**BANK, "price": "abc"},
        {**BANK, "sku": "S2", "stock": "many"},
        {**BANK, "sku": "S3", "attributes": ["red"]},
        {**BANK, "sku": "S4", "price": -1},
        {"sku": "S5", "price": 3, "category": "X"},
        {**BANK, "sku": "PX8"},
        {**BANK, "sku": "S7", "upsells": ["NOPE"], "compatible_with": ["family:none", "category:none", "GONE"]},
        {**BANK, "sku": "S8", "margin": 1.5, "tier": "top"},
    ]
    errs = errors_of(write(tmp_path, "c.jsonl", jsonl(*rows)))
    assert where(errs) == {
        (2, "price"),
        (3, "stock"),
        (4, "attributes"),
        (5, "price"),
        (6, "name"),
        (7, "sku"),
        (8, "upsells"),
        (8, "compatible_with"),
        (9, "margin"),
        (9, "tier"),
    }
    by_line = {e.line: e.reason for e in errs}
    assert "not a number" in by_line[2] and "'abc'" in by_line[2]
    assert "whole number" in by_line[3]
    assert "object" in by_line[4]
    assert ">= 0" in by_line[5]
    assert "missing" in by_line[6]
    assert "duplicate" in by_line[7] and "line 1" in by_line[7] and "line 7" in by_line[7]
    assert [e.reason for e in errs if e.field == "compatible_with"] == ["links to unknown sku 'GONE'"]
    assert all(e.file == str(tmp_path / "c.jsonl") for e in errs)


def test_catalog_error_message_lists_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", jsonl(PHONE, {**BANK, "price": -2}))
    with pytest.raises(CatalogError, match=r"c\.jsonl:2: field 'price'"):
        load_catalog(path)


def test_empty_file_and_blank_only_file_are_errors(tmp_path: Path) -> None:
    for name, text in [("empty.jsonl", ""), ("blank.jsonl", "\n \n"), ("header.csv", "sku,name,price,category\n")]:
        (err,) = errors_of(write(tmp_path, name, text))
        assert "no products" in err.reason


def test_missing_file_is_a_catalog_error(tmp_path: Path) -> None:
    (err,) = errors_of(tmp_path / "nope.jsonl")
    assert "not found" in err.reason


def test_wrong_encoding_names_the_line_and_suggests_utf8(tmp_path: Path) -> None:
    text = "sku,name,price,category\nA,Caf\xe9 cup,3,Cups\nB,Cr\xe8me,4,Cups\n"
    (err,) = errors_of(write(tmp_path, "latin.csv", text.encode("latin-1")))
    assert err.line == 2 and "UTF-8" in err.reason and "re-save" in err.reason and "2 lines" in err.reason


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", "\ufeffsku,name,price,category\nA,Café cup,3,Cups\n".encode())
    assert detect_format(path) == "csv"
    assert load_catalog(path)[0].name == "Café cup"


# --- native CSV ------------------------------------------------------------------------------------
NATIVE_CSV = (
    "sku,name,price,category,attributes,upsells,cross_sells,compatible_with,stock,tier,active,description,notes\n"
    'PX8,Pixel 8,699,Phones,"{""color"": ""black""}",PX8P,,,,1,yes,"<p>Nice</p>",internal\n'
    "PX8P,Pixel 8 Pro,999,Phones,,,CASE| PB ,,3,2,0,,\n"
    "CASE,Case,19,Phones > Cases,,,,family:px|PX8,12,,TRUE,,\n"
    "PB,Power bank,29,Power,,,,,,,false,,\n"
)


def test_native_csv_types_lists_and_ignored_extra_column(tmp_path: Path) -> None:
    products = {p.sku: p for p in load_catalog(write(tmp_path, "c.csv", NATIVE_CSV))}
    assert products["PX8"].attributes == {"color": "black"} and products["PX8"].upsells == ["PX8P"]
    assert products["PX8"].description == "Nice" and products["PX8"].stock is None
    assert products["PX8P"].cross_sells == ["CASE", "PB"] and products["PX8P"].stock == 3
    assert products["PX8P"].active is False and products["CASE"].active is True and products["PB"].active is False
    assert products["CASE"].compatible_with == ["family:px", "PX8"] and products["CASE"].tier is None


def test_native_csv_errors_carry_line_and_column(tmp_path: Path) -> None:
    text = (
        "sku,name,price,category,attributes,stock,active\n"
        "A,Alpha,abc,Cat,,,\n"
        "B,Beta,3,Cat,[1],many,maybe\n"
        "C,,3,Cat,{not json},,\n"
        "A,Alpha again,3,,,,\n"
    )
    errs = errors_of(write(tmp_path, "c.csv", text))
    assert where(errs) == {
        (2, "price"),
        (3, "attributes"),
        (3, "stock"),
        (3, "active"),
        (4, "name"),
        (4, "attributes"),
        (5, "sku"),
        (5, "category"),
    }


def test_native_csv_line_numbers_count_multiline_cells(tmp_path: Path) -> None:
    text = 'sku,name,price,category,description\nA,Alpha,1,Cat,"line one\nline two\nline three"\nB,Beta,-5,Cat,\n'
    (err,) = errors_of(write(tmp_path, "c.csv", text))
    assert (err.line, err.field) == (5, "price")


def test_native_csv_missing_required_column(tmp_path: Path) -> None:
    (err,) = errors_of(write(tmp_path, "c.csv", "sku,name,cost\nA,Alpha,3\n"), format="csv")
    assert err.line == 1 and err.field == "price, category"


def test_native_csv_semicolon_delimited_from_excel(tmp_path: Path) -> None:
    (p,) = load_catalog(write(tmp_path, "c.csv", "sku;name;price;category\nA;Alpha, the first;3.5;Cat\n"))
    assert (p.name, p.price) == ("Alpha, the first", 3.5)


# --- detection ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('\n{"sku": "A"}\n', "jsonl"),
        ("SKU,Name,Price,Category\nA,B,1,C\n", "csv"),
        ("Handle,Title,Variant SKU,Variant Price\nh,T,A,1\n", "shopify"),
        ("ID,Type,SKU,Name,Regular price,Parent\n1,simple,A,B,1,\n", "woocommerce"),
    ],
)
def test_detect_format_reads_content_not_extension(tmp_path: Path, text: str, expected: str) -> None:
    assert detect_format(write(tmp_path, "catalog.txt", text)) == expected


def test_unknown_format_is_an_error(tmp_path: Path) -> None:
    (err,) = errors_of(write(tmp_path, "c.csv", "title,cost\nA,3\n"))
    assert err.line == 1 and "unknown format" in err.reason and "title" in err.reason
    (err,) = errors_of(write(tmp_path, "c.json", '[{"sku": "A"}]'))
    assert "JSON Lines" in err.reason


def test_explicit_format_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", jsonl(PHONE))
    with pytest.raises(CatalogError):
        load_catalog(path, format="shopify")
    assert load_catalog(path, format="jsonl")[0].sku == "PX8"


# --- HTML -----------------------------------------------------------------------------------------
def test_strip_html() -> None:
    html = (
        "<h2>Title</h2><p>Fast &amp; light&nbsp;phone.</p>\n\n<ul><li>One</li><li>Two</li></ul>"
        "<script>alert('x')</script><style>p{color:red}</style><b>bold</b>er &lt;tag&gt;"
    )
    assert strip_html(html) == "Title. Fast & light phone. One. Two. bolder <tag>"
    assert strip_html("  plain   text\n") == "plain text"
    assert strip_html("a &amp; b") == "a & b"
    assert strip_html("3 < 4 and 5 > 2") == "3 < 4 and 5 > 2"


# --- examples -------------------------------------------------------------------------------------
def test_bad_catalog_example_reports_each_bad_row() -> None:
    errs = errors_of(EXAMPLES / "bad_catalog.jsonl")
    assert where(errs) == {(3, None), (4, "price"), (6, "sku"), (7, "cross_sells"), (8, "category"), (8, "stock")}
