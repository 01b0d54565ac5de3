"""Turning drafts into Products, and the checks that need the whole file: duplicates, links and bundles."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from knowledge.importers.draft import Draft, Parsed
from knowledge.models import CatalogError, Product, RowError

_LINK_FIELDS = ("upsells", "cross_sells", "compatible_with")
_SELECTOR_PREFIXES = ("family:", "category:")


def build_products(parsed: Parsed, file: str, default_currency: str | None = None) -> list[Product]:
    """Validate every draft and the links between them; CatalogError listing every problem, or the products."""
    errors = list(parsed.errors)
    products: list[tuple[Draft, Product]] = []
    first_line: dict[str, int] = {}
    for d in parsed.drafts:
        if d.problems:
            errors.extend(RowError(file=file, line=d.line, field=col, reason=why) for col, why in d.problems)
        sku = d.fields.get("sku")
        duplicate = isinstance(sku, str) and sku in first_line
        if duplicate:
            errors.append(
                RowError(
                    file=file,
                    line=d.line,
                    field=d.column("sku"),
                    reason=f"duplicate sku {sku!r} (first at line {first_line[sku]}, again at line {d.line})",
                )
            )
        elif isinstance(sku, str) and sku:
            first_line[sku] = d.line
        if default_currency and not d.fields.get("currency"):
            d.fields["currency"] = default_currency
        try:
            product = Product(**d.fields)
        except ValidationError as e:
            errors.extend(_row_errors(e, d, file))
            continue
        except TypeError as e:  # a key that is not a valid identifier for **kwargs
            errors.append(RowError(file=file, line=d.line, reason=str(e)))
            continue
        if not d.failed and not duplicate:
            products.append((d, product))
    errors.extend(_link_errors(products, set(first_line), file))
    errors.extend(_bundle_errors(products, set(first_line), file))
    if not errors and not products:
        errors.append(RowError(file=file, reason="no products found (the file is empty or holds only a header)"))
    if errors:
        raise CatalogError(sorted(errors, key=lambda e: (e.line or 0)))
    return [p for _, p in products]


def _row_errors(exc: ValidationError, d: Draft, file: str) -> list[RowError]:
    """One RowError per pydantic error, named by source column, skipping fields already reported."""
    out: list[RowError] = []
    for err in exc.errors(include_url=False):
        name = str(err["loc"][0]) if err["loc"] else None
        if name in d.failed:
            continue
        out.append(RowError(file=file, line=d.line, field=d.column(name) if name else None, reason=_reason(err)))
    return out


def _reason(err: Any) -> str:
    """A short, merchant-readable reason for one pydantic error."""
    kind, value = err["type"], err.get("input")
    if kind == "missing":
        return "required field is missing or empty"
    if kind == "extra_forbidden":
        return "unknown field (not a catalog field; check its spelling)"
    if kind in ("float_parsing", "float_type"):
        return f"not a number: {value!r}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"not a whole number: {value!r}"
    if kind in ("bool_parsing", "bool_type"):
        return f"not a boolean: {value!r}"
    if kind == "dict_type":
        return f"must be an object like {{\"color\": \"black\"}}, got {type(value).__name__}"
    if kind == "list_type":
        return f"must be a list of skus, got {type(value).__name__}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_type":
        return f"must be text, got {type(value).__name__}"
    if kind == "greater_than":
        return f"must be > {err['ctx']['gt']:g}, got {value}"
    if kind == "greater_than_equal":
        return f"must be >= {err['ctx']['ge']:g}, got {value}"
    if kind == "less_than_equal":
        return f"must be <= {err['ctx']['le']:g}, got {value}"
    msg = str(err.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def _link_errors(products: list[tuple[Draft, Product]], known: set[str], file: str) -> list[RowError]:
    """Links to skus that are not in the file (``family:``/``category:`` selectors may match nothing)."""
    out: list[RowError] = []
    for d, p in products:
        for name in _LINK_FIELDS:
            for target in getattr(p, name):
                if target.startswith(_SELECTOR_PREFIXES) or target in known:
                    continue
                out.append(
                    RowError(file=file, line=d.line, field=d.column(name), reason=f"links to unknown sku {target!r}")
                )
    return out


def _bundle_errors(products: list[tuple[Draft, Product]], known: set[str], file: str) -> list[RowError]:
    """``bundle_of`` (CONTRACTS section 7): a non-empty list of other, existing, non-bundle products."""
    bundles = {p.sku for d, p in products if p.bundle_of}
    out: list[RowError] = []
    for d, p in products:
        field = d.column("bundle_of")
        if "bundle_of" in d.fields and not [s for s in p.bundle_of if s.strip()]:
            out.append(RowError(file=file, line=d.line, field=field, reason="bundle lists no components"))
        for sku in dict.fromkeys(s for s in p.bundle_of if s.strip()):
            if sku == p.sku:
                reason = f"bundle {sku!r} contains itself"
            elif sku not in known:
                reason = f"bundle component {sku!r} is not a product in this file"
            elif sku in bundles:
                reason = f"bundle component {sku!r} is itself a bundle (list its components instead)"
            else:
                continue
            out.append(RowError(file=file, line=d.line, field=field, reason=reason))
    return out
