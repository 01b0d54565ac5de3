"""WooCommerce's product CSV export (Products > Export, English column names).

Mapping: ``SKU`` -> sku; ``Name`` -> name; ``Sale price`` when set, else ``Regular price`` -> price;
``Categories`` (comma-separated, ``>`` for paths, ``\\,`` a literal comma) -> the first category;
``Description`` (else ``Short description``; HTML stripped, WooCommerce's escaped ``\\n`` undone) ->
description; ``Brands`` -> brand; ``Stock`` -> stock (empty -> unknown, but 0 when ``In stock?`` is 0);
``Published`` 1 -> active, 0/-1 -> inactive; ``Images`` (first) -> image_url; ``External URL`` -> url;
``Tags`` -> attributes["tags"]; ``Attribute N name``/``Attribute N value(s)`` -> attributes (one value as
text, several as a list); ``Meta: bundle_of``/``Meta: replenish_days`` (or a column of the field's name) ->
bundle_of/replenish_days (:mod:`knowledge.importers.commerce_fields`; a variation inherits its parent's).

``Upsells``/``Cross-sells`` hold skus or ``id:NNN`` references, resolved to skus; a reference to a variable
product stands for its cheapest variation. ``variable`` and ``grouped`` rows are not sellable: a variable row
is the family source of the ``variation`` rows whose ``Parent`` (a sku or ``id:NNN``) names it. Variations
get family = the parent's sku (or the slug of its name), inherit its category, description, brand, tags,
attributes they do not set, and curated links, and are inactive when the parent is. Tier ranks a family's
variations by price, cheapest 1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape

from knowledge.importers.commerce_fields import commerce_columns, put_commerce_fields
from knowledge.importers.draft import Draft, Parsed
from knowledge.importers.html import HtmlText
from knowledge.importers.source import read_csv
from knowledge.importers.values import parse_int, parse_price, slug, snake_key, split_commas
from knowledge.models import RowError

_COLUMNS = {
    "sku": "SKU",
    "name": "Name",
    "price": "Regular price",
    "category": "Categories",
    "description": "Description",
    "brand": "Brands",
    "stock": "Stock",
    "image_url": "Images",
    "url": "External URL",
    "upsells": "Upsells",
    "cross_sells": "Cross-sells",
}
_NOT_SELLABLE = {"variable", "grouped"}


@dataclass
class _Row:
    """One CSV record with what other rows need to know about it."""

    line: int
    cells: dict[str, str]
    types: set[str]
    parent: "_Row | None" = None
    children: list["_Row"] = field(default_factory=list)
    draft: Draft | None = None

    def get(self, column: str) -> str:
        """A cell of this row ("" when absent)."""
        return self.cells.get(column, "")

    @property
    def family_name(self) -> str:
        """The family this row heads: its sku, or the slug of its name."""
        return self.get("SKU") or slug(self.get("Name")) or f"id-{self.get('ID')}"


def parse_woocommerce(text: str, file: str) -> Parsed:
    """Drafts from a WooCommerce product CSV export."""
    table = read_csv(text, file)
    out = Parsed(errors=list(table.errors))
    if table.header and "SKU" not in table.header:
        out.errors.append(RowError(file=file, line=1, field="SKU", reason="column missing: not a WooCommerce export"))
        return out
    rows = [_Row(line, cells, _types(cells.get("Type", ""))) for line, cells in table.rows]
    by_id = {r.get("ID"): r for r in rows if r.get("ID")}
    by_sku = {r.get("SKU"): r for r in rows if r.get("SKU")}

    def lookup(ref: str) -> _Row | None:
        if ref.lower().startswith("id:"):
            return by_id.get(ref[3:].strip())
        return by_sku.get(ref)

    for r in rows:
        if r.get("Parent"):
            r.parent = lookup(r.get("Parent"))
            if r.parent is None:
                out.errors.append(
                    RowError(file=file, line=r.line, field="Parent", reason=f"unknown parent {r.get('Parent')!r}")
                )
            else:
                r.parent.children.append(r)

    attribute_columns = _attribute_columns(table.header)
    strip_html = HtmlText()
    extra = commerce_columns(table.header)
    for r in rows:
        if r.types & _NOT_SELLABLE:
            continue
        r.draft = _draft(r, attribute_columns, strip_html)
        put_commerce_fields(r.draft, r.cells, extra, r.parent.cells if r.parent else {})
        out.drafts.append(r.draft)

    for r in rows:
        if r.draft is not None:
            _links(r, lookup)
    _tiers(rows)
    return out


def _types(raw: str) -> set[str]:
    """``simple, virtual`` -> {"simple", "virtual"}; an empty Type is a simple product."""
    return {t.strip().lower() for t in raw.split(",") if t.strip()} or {"simple"}


def _attribute_columns(header: list[str]) -> list[tuple[str, str]]:
    """The (name, value(s)) column pairs present: ``Attribute 1 name``, ``Attribute 1 value(s)``, …"""
    pairs = []
    n = 1
    while f"Attribute {n} name" in header:
        pairs.append((f"Attribute {n} name", f"Attribute {n} value(s)"))
        n += 1
    return pairs


def _description(r: _Row, strip_html: HtmlText) -> str:
    raw = r.get("Description") or r.get("Short description")
    return strip_html(raw.replace("\\n", "\n")) if raw else ""


def _attributes(r: _Row, columns: list[tuple[str, str]]) -> dict[str, object]:
    attrs: dict[str, object] = {}
    for name_col, value_col in columns:
        name, values = r.get(name_col), split_commas(r.get(value_col))
        if name and values:
            attrs[snake_key(name)] = values[0] if len(values) == 1 else values
    if r.get("Tags"):
        attrs["tags"] = split_commas(r.get("Tags"))
    return attrs


def _effective_price(r: _Row) -> float | None:
    for column in ("Sale price", "Regular price"):
        if r.get(column):
            try:
                return parse_price(r.get(column))
            except ValueError:
                return None
    return None


def _draft(r: _Row, attribute_columns: list[tuple[str, str]], strip_html: HtmlText) -> Draft:
    """One sellable row as a draft, inheriting from its parent where the row is empty."""
    d = Draft(line=r.line, columns=dict(_COLUMNS))
    p = r.parent
    d.put("sku", r.get("SKU"))
    name = unescape(r.get("Name"))
    attrs = _attributes(r, attribute_columns)
    if p is not None:
        for key, value in _attributes(p, attribute_columns).items():
            attrs.setdefault(key, value)
        if not name and p.get("Name"):
            own = [str(v) for k, v in attrs.items() if k != "tags" and isinstance(v, str)]
            name = unescape(p.get("Name")) + (" – " + " / ".join(own) if own else "")
        d.fields["family"] = p.family_name
    d.put("name", name)
    d.fields["attributes"] = attrs

    price_column = "Sale price" if r.get("Sale price") else "Regular price"
    d.put("price", r.get(price_column), parse_price, column=price_column)

    categories = split_commas(r.get("Categories")) or (split_commas(p.get("Categories")) if p else [])
    d.put("category", categories[0] if categories else "")
    d.put("description", _description(r, strip_html) or (_description(p, strip_html) if p else ""))
    d.put("brand", r.get("Brands") or (p.get("Brands") if p else ""))
    images = split_commas(r.get("Images")) or (split_commas(p.get("Images")) if p else [])
    d.put("image_url", images[0] if images else "")
    d.put("url", r.get("External URL"))

    d.put("stock", r.get("Stock"), parse_int)
    if "stock" not in d.fields and "stock" not in d.failed and r.get("In stock?") == "0":
        d.fields["stock"] = 0
    published = {r.get("Published")} | ({p.get("Published")} if p else set())
    d.fields["active"] = not (published & {"0", "-1"})
    return d


def _links(r: _Row, lookup: Callable[[str], _Row | None]) -> None:
    """Resolve ``Upsells``/``Cross-sells`` (own, else the parent's) to skus."""
    assert r.draft is not None
    for name, column in (("upsells", "Upsells"), ("cross_sells", "Cross-sells")):
        refs = split_commas(r.get(column)) or (split_commas(r.parent.get(column)) if r.parent else [])
        skus: list[str] = []
        for ref in refs:
            target = lookup(ref)
            if target is None:
                if ref.lower().startswith("id:"):
                    r.draft.fail(name, f"{ref!r} is not a product in this file")
                    break
                skus.append(ref)  # a plain sku: the whole-file link check reports it if unknown
                continue
            if target.types & _NOT_SELLABLE:
                sellable = [c for c in target.children if c.get("SKU") and _effective_price(c) is not None]
                if not sellable:
                    kind = "/".join(sorted(target.types))
                    r.draft.fail(name, f"{ref!r} is a {kind} product with no sellable variation")
                    break
                target = min(sellable, key=lambda c: _effective_price(c) or 0.0)
            if not target.get("SKU"):
                r.draft.fail(name, f"{ref!r} (line {target.line}) has no SKU")
                break
            sku = target.get("SKU")
            if sku != r.get("SKU") and sku not in skus:
                skus.append(sku)
        else:
            if skus:
                r.draft.fields[name] = skus


def _tiers(rows: list[_Row]) -> None:
    """Within each variable product, rank variations by price: cheapest tier 1."""
    for r in rows:
        members = [c.draft for c in r.children if c.draft is not None and "price" in c.draft.fields]
        prices = sorted({d.fields["price"] for d in members})
        for d in members:
            d.fields["tier"] = prices.index(d.fields["price"]) + 1
