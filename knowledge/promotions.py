"""Promotions (CONTRACTS section 7): a promo price for a sku between two times, imported with the catalog.

The file is CSV (header ``sku,promo_price,starts_at,ends_at``) or JSON Lines (one object per line with those
keys), told apart by its first non-blank line. Every row is checked against the catalog it comes with: the sku
exists, ``promo_price`` is a number below the catalog price, both times are ISO 8601 *with* a timezone and the
end comes after the start, and two promotions of one sku do not overlap. A bad row is a :class:`RowError`
naming the file, the line and the field; any bad row refuses the whole file (and so the whole ingest).

A promotion is live from ``starts_at`` (included) to ``ends_at`` (excluded). Times keep the offset the
merchant wrote, so "ends 3 Dec" is read in the merchant's own timezone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict

from knowledge.catalog import Catalog
from knowledge.importers.source import read_csv, read_text, text_lines
from knowledge.importers.values import parse_float
from knowledge.models import CatalogError, RowError

FIELDS = ("sku", "promo_price", "starts_at", "ends_at")


class Promotion(BaseModel):
    """One time-limited promo price of one product."""

    model_config = ConfigDict(frozen=True)

    sku: str
    promo_price: float
    starts_at: AwareDatetime
    ends_at: AwareDatetime

    def live_at(self, now: datetime) -> bool:
        """Whether the promotion prices the product at ``now`` (start included, end excluded)."""
        return self.starts_at <= now < self.ends_at


class PromoPricing(BaseModel):
    """A live promotion as applied to one offer: the price shown, the catalog price it replaces, the end."""

    model_config = ConfigDict(frozen=True)

    promo_price: float
    regular_price: float
    ends_at: AwareDatetime


class Promotions:
    """The promotions of one catalog snapshot, by sku; never mutated."""

    def __init__(self, items: Iterable[Promotion] = ()):
        self.items: tuple[Promotion, ...] = tuple(items)
        self._by_sku: dict[str, list[Promotion]] = {}
        for p in self.items:
            self._by_sku.setdefault(p.sku, []).append(p)

    def __len__(self) -> int:
        return len(self.items)

    def live(self, now: datetime) -> dict[str, Promotion]:
        """The promotion live at ``now`` for each sku that has one (``now`` must carry a timezone)."""
        if now.tzinfo is None:
            raise ValueError("the clock must give a timezone-aware time (datetime.now(timezone.utc))")
        out: dict[str, Promotion] = {}
        for sku, promos in self._by_sku.items():
            for p in promos:
                if p.live_at(now):
                    out[sku] = p
                    break
        return out

    def to_json(self) -> list[dict[str, Any]]:
        """The promotions as JSON values, for the snapshot file."""
        return [p.model_dump(mode="json") for p in self.items]

    @classmethod
    def from_json(cls, raw: list[Any]) -> "Promotions":
        """Promotions read back from the snapshot file (raises pydantic ValidationError when malformed)."""
        return cls(Promotion.model_validate(x) for x in raw)


def pricing_of(promo: Promotion | None, regular_price: float) -> PromoPricing | None:
    """The pricing a live promotion gives a product whose catalog price is ``regular_price`` (None: no promotion)."""
    if promo is None:
        return None
    return PromoPricing(promo_price=promo.promo_price, regular_price=regular_price, ends_at=promo.ends_at)


# --- import --------------------------------------------------------------------------------------
def _rows(text: str, file: str, errors: list[RowError]) -> list[tuple[int, dict[str, Any]]]:
    """(line, fields) of a CSV or JSON Lines promotions file; unreadable lines go to ``errors``."""
    first = next((ln for ln in text_lines(text) if ln.strip()), "")
    if first.lstrip().startswith("{"):
        rows = []
        for number, line in enumerate(text_lines(text), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError as e:
                errors.append(RowError(file=file, line=number, reason=f"broken JSON: {e}"))
                continue
            if not isinstance(obj, dict):
                reason = f"expected a JSON object, got {type(obj).__name__}"
                errors.append(RowError(file=file, line=number, reason=reason))
                continue
            rows.append((number, {str(k): v for k, v in obj.items() if v is not None}))
        return rows
    table = read_csv(text, file)
    errors.extend(table.errors)
    if not table.header:
        errors.append(RowError(file=file, reason=f"empty file: expected a header with {','.join(FIELDS)}"))
        return []
    header = [h.strip().lower() for h in table.header]
    missing = [f for f in FIELDS if f not in header]
    if missing:
        errors.append(RowError(file=file, line=1, field=", ".join(missing), reason="required column(s) missing"))
        return []
    return [(line, {k.strip().lower(): v for k, v in row.items() if v != ""}) for line, row in table.rows]


def parse_time(raw: Any) -> datetime:
    """An ISO 8601 time with a timezone (``2026-12-03T23:59:00+01:00``, ``…Z``); ValueError naming what is wrong."""
    if not isinstance(raw, str):
        raise ValueError(f"expected an ISO 8601 time as text, got {raw!r}")
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError(f"not an ISO 8601 time: {raw!r} (e.g. 2026-12-03T23:59:00+00:00)") from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"time without a timezone: {raw!r}; add one, e.g. {raw.strip()}+00:00 or Z")
    return value


def _price(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError(f"not a number: {raw!r}")
    value = float(raw) if isinstance(raw, (int, float)) else parse_float(str(raw).strip())
    if value != value or value < 0:
        raise ValueError(f"promo_price must be a number >= 0, got {raw!r}")
    return value


def _check_row(
    line: int, fields: Mapping[str, Any], catalog: Catalog, file: str
) -> tuple[Promotion | None, list[RowError]]:
    """The promotion of one row, or the row's errors (each naming its field)."""
    errs: list[RowError] = []

    def bad(field: str | None, reason: str) -> None:
        errs.append(RowError(file=file, line=line, field=field, reason=reason))

    for key in fields:
        if key not in FIELDS:
            bad(key, f"unknown field; expected {', '.join(FIELDS)}")
    missing = [key for key in FIELDS if key not in fields or str(fields[key]).strip() == ""]
    for key in missing:
        bad(key, "required value is missing")
    if missing:
        return None, errs
    sku = str(fields["sku"]).strip()
    product = catalog.get(sku)
    if product is None:
        bad("sku", f"unknown sku {sku!r}: not in the catalog being ingested")
    price: float | None = None
    try:
        price = _price(fields["promo_price"])
    except ValueError as e:
        bad("promo_price", str(e))
    if price is not None and product is not None and price >= product.price:
        bad("promo_price", f"promo_price {price:g} is not below the catalog price {product.price:g} of {sku}")
    times: dict[str, datetime] = {}
    for key in ("starts_at", "ends_at"):
        try:
            times[key] = parse_time(fields[key])
        except ValueError as e:
            bad(key, str(e))
    if len(times) == 2 and times["ends_at"] <= times["starts_at"]:
        bad("ends_at", f"ends_at {fields['ends_at']} is not after starts_at {fields['starts_at']}")
    if errs or price is None:
        return None, errs
    return Promotion(sku=sku, promo_price=price, starts_at=times["starts_at"], ends_at=times["ends_at"]), []


def load_promotions(path: Path, catalog: Catalog) -> Promotions:
    """Every promotion of the file checked against ``catalog``, or CatalogError listing every bad row."""
    path = Path(path)
    file = str(path)
    errors: list[RowError] = []
    rows = _rows(read_text(path), file, errors)
    found: list[tuple[int, Promotion]] = []
    for line, fields in rows:
        promo, errs = _check_row(line, fields, catalog, file)
        errors += errs
        if promo is None:
            continue
        for other_line, other in found:
            if other.sku == promo.sku and promo.starts_at < other.ends_at and other.starts_at < promo.ends_at:
                errors.append(RowError(
                    file=file, line=line, field="starts_at",
                    reason=f"overlaps the promotion of {promo.sku} on line {other_line}: one price at a time",
                ))
                break
        else:
            found.append((line, promo))
    if errors:
        raise CatalogError(errors)
    return Promotions(p for _, p in found)
