"""The CONTRACTS section 7 catalog fields (``bundle_of``, ``replenish_days``) read from store-export columns.

Shopify and WooCommerce have no column of their own for them; merchants carry them in a metafield or a column of
the same name. Accepted headers, case-insensitive: the field name itself (``bundle_of``), WooCommerce's meta
column (``Meta: bundle_of``) and a Shopify metafield column (``Bundle of (product.metafields.custom.bundle_of)``
or ``product.metafields.custom.bundle_of``, any namespace, product or variant level).
"""

from __future__ import annotations

import json
import re

from knowledge.importers.draft import Draft
from knowledge.importers.values import parse_int

COMMERCE_FIELDS = ("bundle_of", "replenish_days")


def parse_sku_list(raw: str) -> list[str]:
    """A list of skus as exports write it: a JSON array, else ``|``, ``;`` or ``,`` separated (a sku may repeat)."""
    text = raw.strip()
    if text.startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(f"not a valid JSON list of skus ({e.msg} at column {e.colno})") from None
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            raise ValueError("must be a list of skus")
        return [str(v).strip() for v in value if str(v).strip()]
    for sep in ("|", ";", ","):
        if sep in text:
            return [p.strip() for p in text.split(sep) if p.strip()]
    return [text] if text else []


def commerce_columns(header: list[str]) -> dict[str, str]:
    """For each section-7 field present in ``header``, the column that holds it."""
    out: dict[str, str] = {}
    for name in COMMERCE_FIELDS:
        pattern = re.compile(
            rf"^(?:{name}|meta:\s*{name}|(?:.*\()?(?:product|variant)\.metafields\.[\w-]+\.{name}\)?)$", re.I
        )
        found = next((h for h in header if pattern.match(h.strip())), None)
        if found is not None:
            out[name] = found
    return out


def put_commerce_fields(
    d: Draft, cells: dict[str, str], columns: dict[str, str], inherited: dict[str, str]
) -> None:
    """Read ``bundle_of``/``replenish_days`` into a draft: the row's own cell, else the inherited (product-level) one."""
    parsers = {"bundle_of": parse_sku_list, "replenish_days": parse_int}
    for name, column in columns.items():
        raw = cells.get(column, "") or inherited.get(column, "")
        d.put(name, raw, parsers[name], column=column)
