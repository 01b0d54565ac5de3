"""The orders file: native header, Shopify's order export, and line/field errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.models import CatalogError
from knowledge.orders import load_orders

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "orders.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_orders_load_with_optional_columns_and_unknown_skus() -> None:
    lines = load_orders(FIXTURES / "orders.csv")
    assert [(o.order_id, o.sku, o.quantity) for o in lines] == [
        ("1001", "PX8-128", 1),
        ("1001", "PB-10K", 2),
        ("1002", "PX8-128", 1),
        ("1003", "DISCONTINUED-SKU", 1),  # not in any catalog: still returned, the caller filters
    ]
    assert lines[0].customer_id == "c-17" and lines[0].created_at == "2026-10-01T10:00:00Z"
    assert lines[2].customer_id is None and lines[2].created_at is None


def test_orders_minimal_header_any_case(tmp_path: Path) -> None:
    lines = load_orders(write(tmp_path, "Order_ID,SKU,extra\n1,A,x\n\n2,B,y\n"))
    assert [(o.order_id, o.sku, o.quantity) for o in lines] == [("1", "A", 1), ("2", "B", 1)]


def test_orders_shopify_order_export(tmp_path: Path) -> None:
    text = (
        "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku\n"
        "#1001,ann@example.com,paid,2026-10-01 10:00:00 +0000,1,Pixel 8,699.00,PX8-128\n"
        "#1001,,,,2,Power bank,29.00,PB-10K\n"
    )
    lines = load_orders(write(tmp_path, text))
    assert [(o.order_id, o.sku, o.quantity) for o in lines] == [("#1001", "PX8-128", 1), ("#1001", "PB-10K", 2)]
    assert lines[0].customer_id == "ann@example.com"


def test_orders_missing_required_column(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as exc:
        load_orders(write(tmp_path, "order,product\n1,A\n"))
    (err,) = exc.value.errors
    assert err.line == 1 and err.field == "order_id, sku"


def test_orders_every_bad_row_reported(tmp_path: Path) -> None:
    text = "order_id,sku,quantity\n1,A,1\n2,,1\n,B,2\n3,C,zero\n4,D,0\n5,E,1.5\n"
    with pytest.raises(CatalogError) as exc:
        load_orders(write(tmp_path, text))
    got = {(e.line, e.field) for e in exc.value.errors}
    assert got == {(3, "sku"), (4, "order_id"), (5, "quantity"), (6, "quantity"), (7, "quantity")}
    assert ">= 1" in next(e.reason for e in exc.value.errors if e.line == 6)


def test_orders_empty_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="empty"):
        load_orders(write(tmp_path, ""))
    assert load_orders(write(tmp_path, "order_id,sku\n")) == []
    with pytest.raises(CatalogError) as exc:
        load_orders(write(tmp_path, "order_id,sku\n1,Caf\xe9\n".encode("latin-1")))
    assert exc.value.errors[0].line == 2 and "UTF-8" in exc.value.errors[0].reason
