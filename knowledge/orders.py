"""The orders file (CONTRACTS section 2): one CSV row per line item, for co-purchase mining.

Header: ``order_id`` and ``sku`` required; ``quantity`` (whole number >= 1, default 1), ``customer_id``,
``created_at`` and ``locale`` (the customer's language, for follow-ups) optional; column names match
case-insensitively, other columns are ignored. Shopify's order export is accepted too (``Name`` -> order_id,
``Lineitem sku``, ``Lineitem quantity``, ``Email`` -> customer_id, ``Created at``), since that is the file a
Shopify merchant has. Skus missing from the catalog are not errors: orders are history, and the caller filters them.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.importers.source import read_csv, read_text
from knowledge.importers.values import parse_int
from knowledge.models import CatalogError, OrderLine, RowError

_SHOPIFY_ORDERS = {
    "order_id": "Name",
    "sku": "Lineitem sku",
    "quantity": "Lineitem quantity",
    "customer_id": "Email",
    "created_at": "Created at",
}
_FIELDS = ("order_id", "sku", "quantity", "customer_id", "created_at", "locale")


def load_orders(path: Path) -> list[OrderLine]:
    """Every line item of the orders CSV, or CatalogError listing every bad row (line and field)."""
    path = Path(path)
    file = str(path)
    table = read_csv(read_text(path), file)
    errors = list(table.errors)
    if not table.header:
        raise CatalogError(errors or [RowError(file=file, reason="empty file: expected a header with order_id,sku")])
    columns = _columns(table.header)
    missing = [f for f in ("order_id", "sku") if f not in columns]
    if missing:
        errors.append(
            RowError(
                file=file,
                line=1,
                field=", ".join(missing),
                reason=f"required column(s) missing; header has: {', '.join(table.header)}",
            )
        )
        raise CatalogError(errors)
    lines: list[OrderLine] = []
    for line, row in table.rows:
        values = {f: row.get(col, "") for f, col in columns.items()}
        bad = False
        for required in ("order_id", "sku"):
            if not values[required]:
                errors.append(RowError(file=file, line=line, field=columns[required], reason="required value is empty"))
                bad = True
        quantity = 1
        if values.get("quantity"):
            try:
                quantity = parse_int(values["quantity"])
                if quantity < 1:
                    raise ValueError(f"quantity must be >= 1, got {quantity}")
            except ValueError as e:
                errors.append(RowError(file=file, line=line, field=columns["quantity"], reason=str(e)))
                bad = True
        if bad:
            continue
        lines.append(
            OrderLine(
                order_id=values["order_id"],
                sku=values["sku"],
                quantity=quantity,
                customer_id=values.get("customer_id") or None,
                created_at=values.get("created_at") or None,
                locale=values.get("locale") or None,
                line=line,
            )
        )
    if errors:
        raise CatalogError(errors)
    return lines


def _columns(header: list[str]) -> dict[str, str]:
    """Field -> header column, for the native header or Shopify's order export."""
    if "Lineitem sku" in header:
        return {f: col for f, col in _SHOPIFY_ORDERS.items() if col in header}
    by_lower = {h.lower(): h for h in header}
    return {f: by_lower[f] for f in _FIELDS if f in by_lower}
