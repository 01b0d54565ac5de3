"""Parsers for single cell values; each raises ValueError with a reason a merchant can act on."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from typing import Any

from knowledge.text import words

_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n"}


def parse_float(raw: str) -> float:
    """A finite number such as ``12.5``; thousands separators and currency signs are refused."""
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"not a number: {raw!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {raw!r}")
    return value


def parse_price(raw: str) -> float:
    """A price: a number >= 0."""
    value = parse_float(raw)
    if value < 0:
        raise ValueError(f"price must be >= 0, got {raw}")
    return value


def parse_int(raw: str) -> int:
    """A whole number; ``3.0`` (as spreadsheets write it) is accepted, ``3.5`` is not."""
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"not a whole number: {raw!r}") from None
    if not math.isfinite(value) or value != int(value):
        raise ValueError(f"not a whole number: {raw!r}")
    return int(value)


def parse_bool(raw: str) -> bool:
    """``true/false``, ``1/0``, ``yes/no`` in any case."""
    low = raw.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"not a boolean (use true/false, 1/0 or yes/no): {raw!r}")


def parse_json_object(raw: str) -> dict[str, Any]:
    """JSON text that must decode to an object, e.g. ``{"color": "black"}``, holding only finite numbers."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg} at column {e.colno})") from None
    except ValueError as e:  # an integer of more digits than Python converts
        raise ValueError(f"not valid JSON ({e})") from None
    if not isinstance(value, dict):
        raise ValueError(f"must be a JSON object like {{\"color\": \"black\"}}, got {type(value).__name__}")
    problem = bad_json_value(value)
    if problem:
        raise ValueError(problem)
    return value


def bad_json_value(value: Any, where: str = "") -> str | None:
    """Why a decoded JSON value cannot be stored (a non-finite number, text with a lone surrogate), or None.

    JSON readers accept ``NaN``, ``Infinity`` and ``1e400`` (read as infinity): a price like that would lift
    every price cap, and NaN cannot be written back as JSON.
    """
    at = f" at {where}" if where else ""
    if isinstance(value, float) and not math.isfinite(value):
        return f"not a finite number{at}: {value!r}"
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"not valid Unicode text{at} (a lone surrogate)"
        return None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, child in items:
        problem = bad_json_value(str(key), where) if isinstance(key, str) else None
        problem = problem or bad_json_value(child, f"{where}.{key}" if where else str(key))
        if problem:
            return problem
    return None


def split_pipe(raw: str) -> list[str]:
    """A ``|``-separated list; blanks dropped."""
    return [p.strip() for p in raw.split("|") if p.strip()]


def split_commas(raw: str) -> list[str]:
    """A comma-separated list where ``\\,`` is a literal comma (WooCommerce escapes them so); blanks dropped."""
    if "\\," not in raw:
        return [p.strip() for p in raw.split(",") if p.strip()]
    parts = re.split(r"(?<!\\),", raw)
    return [p.replace("\\,", ",").strip() for p in parts if p.strip()]


def snake_key(name: str) -> str:
    """An attribute key from a column or option name: ``Storage Size`` -> ``storage_size``, ``Цвет`` -> ``цвет``."""
    return "_".join(words(name)) or name.strip()


def slug(name: str) -> str:
    """A URL-style slug: ``Pixel 8 Pro`` -> ``pixel-8-pro`` (ASCII on purpose: it goes into URLs)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]+", "-", ascii_name.lower()).strip("-") or name.strip()
