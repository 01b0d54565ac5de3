"""Catalog import: native JSON Lines/CSV and Shopify/WooCommerce exports, validated as a whole file.

``load_catalog`` either returns every product of the file or raises ``CatalogError`` listing every bad row
(file, line as an editor shows it, field or source column, reason); it never returns a partial catalog.
``import_catalog`` does the same and also returns warnings: rows whose text carries pressure or discount
wording (:mod:`knowledge.importers.copy_warnings`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ConfigDict

from knowledge.importers.copy_warnings import CatalogWarning, copy_warnings
from knowledge.importers.detect import DetectedFormat, detect_text
from knowledge.importers.draft import Parsed
from knowledge.importers.html import strip_html
from knowledge.importers.jsonl import parse_jsonl
from knowledge.importers.native_csv import parse_native_csv
from knowledge.importers.shopify import parse_shopify
from knowledge.importers.source import read_text
from knowledge.importers.validate import build_products
from knowledge.importers.woocommerce import parse_woocommerce
from knowledge.models import CatalogFormat, Product

__all__ = ["CatalogImport", "CatalogWarning", "detect_format", "import_catalog", "load_catalog", "strip_html"]

_READERS: dict[str, Callable[[str, str], Parsed]] = {
    "jsonl": parse_jsonl,
    "csv": parse_native_csv,
    "shopify": parse_shopify,
    "woocommerce": parse_woocommerce,
}


def detect_format(path: Path) -> DetectedFormat:
    """The format of a catalog file judged from its content (first line / CSV header), not its extension."""
    path = Path(path)
    return detect_text(read_text(path), str(path))


class CatalogImport(BaseModel):
    """Every product of a catalog file, and warnings about rows (imported anyway)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    products: list[Product]
    warnings: list[CatalogWarning]


def load_catalog(path: Path, format: CatalogFormat = "auto", default_currency: str | None = None) -> list[Product]:
    """Every product in the file, or CatalogError listing every bad row; ``default_currency`` fills absent ones."""
    return import_catalog(path, format, default_currency).products


def import_catalog(path: Path, format: CatalogFormat = "auto", default_currency: str | None = None) -> CatalogImport:
    """Like :func:`load_catalog`, with the warnings (pressure or discount wording in names or descriptions)."""
    if format not in get_args(CatalogFormat):
        raise ValueError(f"format must be one of {', '.join(get_args(CatalogFormat))}; got {format!r}")
    if default_currency is not None:
        if len(default_currency) != 3 or not default_currency.isalpha():
            raise ValueError(f"default_currency must be a 3-letter ISO 4217 code, got {default_currency!r}")
        default_currency = default_currency.upper()
    path = Path(path)
    text = read_text(path)
    fmt = detect_text(text, str(path)) if format == "auto" else format
    parsed = _READERS[fmt](text, str(path))
    products = build_products(parsed, str(path), default_currency)
    return CatalogImport(products=products, warnings=copy_warnings(parsed.drafts, str(path)))
