"""Native CSV: the catalog field names as columns.

``upsells``/``cross_sells``/``compatible_with``/``bundle_of`` are ``|``-separated; ``attributes`` is JSON
object text; ``stock``/``tier``/``replenish_days`` are whole numbers; ``active`` accepts true/false, 1/0,
yes/no. An empty cell means the field is absent. Column names are matched case-insensitively; unknown columns are ignored without error
(spreadsheets often carry helper columns). HTML in ``description`` is stripped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from knowledge.importers.draft import Draft, Parsed
from knowledge.importers.html import HtmlText
from knowledge.importers.source import read_csv
from knowledge.importers.values import (
    parse_bool,
    parse_float,
    parse_int,
    parse_json_object,
    parse_price,
    split_pipe,
)
from knowledge.models import Product, RowError

_PARSERS: dict[str, Callable[[str], Any] | None] = {
    "price": parse_price,
    "margin": parse_float,
    "stock": parse_int,
    "tier": parse_int,
    "active": parse_bool,
    "attributes": parse_json_object,
    "upsells": split_pipe,
    "cross_sells": split_pipe,
    "compatible_with": split_pipe,
    "bundle_of": split_pipe,
    "replenish_days": parse_int,
}
_FIELDS = tuple(Product.model_fields)
_REQUIRED = ("sku", "name", "price", "category")


def parse_native_csv(text: str, file: str) -> Parsed:
    """Drafts from native CSV text; a missing required column is one error on line 1."""
    table = read_csv(text, file)
    out = Parsed(errors=list(table.errors))
    by_lower = {h.lower(): h for h in table.header}
    columns = {f: by_lower[f] for f in _FIELDS if f in by_lower}
    missing = [f for f in _REQUIRED if f not in columns]
    if table.header and missing:
        out.errors.append(
            RowError(file=file, line=1, field=", ".join(missing), reason="required column(s) missing from the header")
        )
        return out
    parsers = {**_PARSERS, "description": HtmlText()}
    for line, row in table.rows:
        d = Draft(line=line, columns=columns)
        for name, col in columns.items():
            d.put(name, row.get(col, ""), parsers.get(name))
        out.drafts.append(d)
    return out
