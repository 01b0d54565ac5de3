"""Shopify's product CSV export: one family per ``Handle``, one product per variant row.

Mapping: ``Variant SKU`` -> sku; ``Variant Price`` -> price (``Variant Compare At Price`` is ignored);
``Title`` (+ " – " + option values when the product has real options) -> name; ``Body (HTML)`` ->
description (HTML stripped); ``Vendor`` -> brand; ``Product Category`` (else ``Type``) -> category, with
``Type`` also kept as attributes["type"]; ``Option1..3 Name/Value`` -> attributes (Shopify's
"Title"/"Default Title" placeholder skipped); ``Tags`` -> attributes["tags"] (a list); ``Variant Inventory
Qty`` -> stock (None when the variant's inventory is not tracked, or when it may be sold while out of stock);
``Status`` archived/draft/unlisted or ``Published`` false -> inactive; ``Variant Image`` else ``Image Src``
-> image_url; ``Cost per item`` -> margin; url is the storefront path ``/products/HANDLE``; ``bundle_of`` and
``replenish_days`` from a metafield column (:mod:`knowledge.importers.commerce_fields`; a product-level one is
inherited by the handle's variants).

Product-level columns appear only on a handle's first row: later rows inherit them (as do option names).
Rows with image columns but no variant data are ignored. Tier ranks a handle's variants by price, cheapest 1,
equal prices sharing a tier, so a pricier variant is an upgrade. A variant row without ``Variant SKU`` is an
error.
"""

from __future__ import annotations

from collections import defaultdict

from knowledge.importers.commerce_fields import commerce_columns, put_commerce_fields
from knowledge.importers.draft import Draft, Parsed
from knowledge.importers.html import HtmlText
from knowledge.importers.source import read_csv
from knowledge.importers.values import parse_float, parse_int, parse_price, snake_key, split_commas
from knowledge.models import RowError

_VARIANT_COLUMNS = (
    "Variant SKU",
    "Variant Price",
    "Option1 Value",
    "Option2 Value",
    "Option3 Value",
    "Variant Inventory Qty",
    "Variant Grams",
    "Variant Barcode",
    "Variant Compare At Price",
)
_PRODUCT_COLUMNS = (
    "Title",
    "Body (HTML)",
    "Vendor",
    "Product Category",
    "Type",
    "Tags",
    "Published",
    "Status",
    "Option1 Name",
    "Option2 Name",
    "Option3 Name",
)
_COLUMNS = {
    "sku": "Variant SKU",
    "price": "Variant Price",
    "name": "Title",
    "description": "Body (HTML)",
    "brand": "Vendor",
    "stock": "Variant Inventory Qty",
    "image_url": "Image Src",
    "margin": "Cost per item",
}
_INACTIVE_STATUS = {"archived", "draft", "unlisted"}


def parse_shopify(text: str, file: str) -> Parsed:
    """Drafts from a Shopify product CSV export."""
    table = read_csv(text, file)
    out = Parsed(errors=list(table.errors))
    if table.header and "Handle" not in table.header:
        out.errors.append(RowError(file=file, line=1, field="Handle", reason="column missing: not a Shopify export"))
        return out
    handles: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, row in table.rows:
        handle = row.get("Handle", "")
        if not handle:
            out.errors.append(RowError(file=file, line=line, field="Handle", reason="required field is missing"))
            continue
        handles[handle].append((line, row))
    strip_html = HtmlText()
    extra = commerce_columns(table.header)
    for handle, rows in handles.items():
        drafts = _family(handle, rows, strip_html)
        _commerce(drafts, rows, extra)
        out.drafts.extend(drafts)
    return out


def _commerce(drafts: list[Draft], rows: list[tuple[int, dict[str, str]]], columns: dict[str, str]) -> None:
    """Section-7 metafields onto a handle's variant drafts; product-level values reach every variant."""
    if not columns:
        return
    by_line = dict(rows)
    product_level = [c for c in columns.values() if "variant.metafields" not in c.lower()]
    inherited = {c: next((r[c] for _, r in rows if r.get(c)), "") for c in product_level}
    for d in drafts:
        put_commerce_fields(d, by_line.get(d.line, {}), columns, inherited)


def _family(handle: str, rows: list[tuple[int, dict[str, str]]], strip_html: HtmlText) -> list[Draft]:
    """The variant drafts of one handle, with inherited product columns and price-ranked tiers."""
    base = {c: next((r[c] for _, r in rows if r.get(c)), "") for c in _PRODUCT_COLUMNS}
    first_image = next((r["Image Src"] for _, r in rows if r.get("Image Src")), "")
    drafts = [
        _variant(handle, line, row, base, first_image, strip_html)
        for line, row in rows
        if any(row.get(c) for c in _VARIANT_COLUMNS)
    ]
    prices = sorted({d.fields["price"] for d in drafts if "price" in d.fields})
    for d in drafts:
        if "price" in d.fields:
            d.fields["tier"] = prices.index(d.fields["price"]) + 1
    return drafts


def _variant(
    handle: str, line: int, row: dict[str, str], base: dict[str, str], first_image: str, strip_html: HtmlText
) -> Draft:
    """One variant row as a draft."""
    d = Draft(line=line, columns=dict(_COLUMNS))
    if not row.get("Variant SKU"):
        d.fail("sku", "variant has no SKU: give every variant a SKU in Shopify before exporting")
    else:
        d.put("sku", row["Variant SKU"])
    d.put("price", row.get("Variant Price", ""), parse_price)
    d.fields["family"] = handle
    d.fields["url"] = f"/products/{handle}"

    attributes: dict[str, object] = {}
    values: list[str] = []
    for i in (1, 2, 3):
        name = row.get(f"Option{i} Name") or base[f"Option{i} Name"]
        value = row.get(f"Option{i} Value", "")
        if not value or (name == "Title" and value == "Default Title"):
            continue
        attributes[snake_key(name or f"option{i}")] = value
        values.append(value)
    if base["Tags"]:
        attributes["tags"] = split_commas(base["Tags"])
    if base["Type"]:
        attributes["type"] = base["Type"]
    d.fields["attributes"] = attributes

    if base["Title"]:
        d.fields["name"] = base["Title"] + (" – " + " / ".join(values) if values else "")
    category_column = "Product Category" if base["Product Category"] else "Type"
    d.put("category", base[category_column], column=category_column)
    if not base[category_column]:
        d.fail("category", "no category: set the product's Type or Product Category")
    d.put("description", base["Body (HTML)"], strip_html)
    d.put("brand", base["Vendor"])
    d.put("image_url", row.get("Variant Image") or row.get("Image Src") or first_image)

    d.put("stock", row.get("Variant Inventory Qty", ""), parse_int)
    tracked = row.get("Variant Inventory Tracker", "shopify") != ""
    oversell = row.get("Variant Inventory Policy", "").lower() == "continue"
    if "stock" in d.fields and (not tracked or (oversell and d.fields["stock"] <= 0)):
        del d.fields["stock"]  # not counted, or sold regardless: availability unknown rather than zero
    elif d.fields.get("stock", 0) < 0:
        d.fields["stock"] = 0  # oversold

    published = base["Published"].lower()
    d.fields["active"] = base["Status"].lower() not in _INACTIVE_STATUS and not (
        published and published in {"false", "0", "no"}
    )
    _margin(d, row.get("Cost per item", ""))
    return d


def _margin(d: Draft, cost_raw: str) -> None:
    """Gross margin from ``Cost per item`` and the price, clamped to 0..1."""
    if not cost_raw or "price" not in d.fields:
        return
    try:
        cost = parse_float(cost_raw)
    except ValueError as e:
        d.fail("margin", str(e))
        return
    price = d.fields["price"]
    if price > 0:
        d.fields["margin"] = round(min(1.0, max(0.0, (price - cost) / price)), 4)

