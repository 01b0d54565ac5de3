"""Order lines (knowledge.orders) grouped into orders for follow-ups, with times and customers checked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from agent.followups.models import Order, OrderItem, as_utc_if_naive
from knowledge.models import CatalogError, OrderLine, RowError
from knowledge.orders import load_orders

# Shopify's order export writes "2026-01-05 10:12:33 -0500"; ISO 8601 covers the native format.
_EXTRA_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z")


def parse_time(text: str) -> datetime:
    """An ISO 8601 date or time (or Shopify's export format); naive times are UTC. ValueError when unreadable."""
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        for fmt in _EXTRA_FORMATS:
            try:
                moment = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"not an ISO 8601 date or time: {text!r}") from None
    return as_utc_if_naive(moment)


def group_orders(lines: Iterable[OrderLine], file: str) -> list[Order]:
    """One Order per ``order_id`` (first appearance first), or CatalogError naming every bad line and field.

    Follow-ups need what mining does not: a ``customer_id`` and a ``created_at`` on every line, the same on every
    line of one order.
    """
    by_order: dict[str, list[OrderLine]] = defaultdict(list)
    for line in lines:
        by_order[line.order_id].append(line)
    errors: list[RowError] = []
    orders: list[Order] = []
    for order_id, rows in by_order.items():
        order = _one_order(order_id, rows, file, errors)
        if order is not None:
            orders.append(order)
    if errors:
        raise CatalogError(errors)
    return orders


def _one_order(order_id: str, rows: list[OrderLine], file: str, errors: list[RowError]) -> Order | None:
    first = rows[0]
    before = len(errors)
    created: datetime | None = None
    for row in rows:
        if not row.customer_id:
            errors.append(RowError(file=file, line=row.line, field="customer_id", reason="required for follow-ups"))
        elif row.customer_id != first.customer_id:
            errors.append(
                RowError(file=file, line=row.line, field="customer_id",
                         reason=f"order {order_id} has customer {first.customer_id!r} on line {first.line}")
            )
        if not row.created_at:
            errors.append(RowError(file=file, line=row.line, field="created_at", reason="required for follow-ups"))
            continue
        try:
            moment = parse_time(row.created_at)
        except ValueError as exc:
            errors.append(RowError(file=file, line=row.line, field="created_at", reason=str(exc)))
            continue
        if created is None:
            created = moment
        elif moment != created:
            errors.append(
                RowError(file=file, line=row.line, field="created_at",
                         reason=f"order {order_id} was placed at {created.isoformat()} on an earlier line")
            )
    if len(errors) > before or created is None or not first.customer_id:
        return None
    items = tuple(OrderItem(sku=r.sku, quantity=r.quantity, line=r.line) for r in rows)
    locale = next((r.locale for r in rows if r.locale), None)
    return Order(order_id=order_id, customer_id=first.customer_id, created_at=created, items=items,
                 locale=locale, line=first.line)


def read_orders(path: Path) -> list[Order]:
    """The orders of an orders file (CONTRACTS section 2) ready for follow-ups, or CatalogError (file, line, field)."""
    return group_orders(load_orders(path), str(path))
