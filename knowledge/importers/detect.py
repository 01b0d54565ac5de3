"""Recognising a catalog file's format from its content: JSON lines, or which CSV header it has."""

from __future__ import annotations

import csv
from typing import Literal

from knowledge.importers.source import sniff_delimiter
from knowledge.models import CatalogError, RowError

DetectedFormat = Literal["jsonl", "csv", "shopify", "woocommerce"]


def detect_text(text: str, file: str) -> DetectedFormat:
    """The format of decoded file content; CatalogError when it is empty or none of the known ones."""
    line_no, first = next(((i, ln.strip()) for i, ln in enumerate(text.split("\n"), 1) if ln.strip()), (0, ""))
    if not first:
        raise CatalogError([RowError(file=file, reason="no products found: the file is empty")])
    if first.startswith("{"):
        return "jsonl"
    if first.startswith("["):
        reason = "unknown format: a JSON array; write one product object per line (JSON Lines)"
        raise CatalogError([RowError(file=file, line=line_no, reason=reason)])
    header = {h.strip() for h in next(csv.reader([first], delimiter=sniff_delimiter(first)), [])}
    if "Handle" in header and ({"Variant SKU", "Variant Price", "Title"} & header):
        return "shopify"
    if "SKU" in header and ({"Regular price", "Sale price", "Parent"} & header):
        return "woocommerce"
    if "sku" in {h.lower() for h in header}:
        return "csv"
    shown = ", ".join(sorted(header)[:8])
    raise CatalogError(
        [
            RowError(
                file=file,
                line=line_no,
                reason=(
                    "unknown format: expected JSON Lines, a CSV with a 'sku' column, or a Shopify/WooCommerce "
                    f"product export (English column names); header has: {shown}"
                ),
            )
        ]
    )
