"""A product row on its way to validation: parsed values plus where each came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from knowledge.models import RowError


@dataclass
class Draft:
    """Fields parsed from one input row, the row's line, and the source column of each field for errors."""

    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[str | None, str]] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)

    def column(self, name: str) -> str:
        """The input column (or key) a product field was read from."""
        return self.columns.get(name, name)

    def put(self, name: str, raw: str, parse: Callable[[str], Any] | None = None, column: str | None = None) -> None:
        """Parse ``raw`` into field ``name``; an empty cell means absent, a parse failure is recorded."""
        if column is not None:
            self.columns[name] = column
        if raw == "":
            return
        if parse is None:
            self.fields[name] = raw
            return
        try:
            value = parse(raw)
        except ValueError as e:
            self.fail(name, str(e))
            return
        if value is not None:
            self.fields[name] = value

    def fail(self, name: str, reason: str) -> None:
        """Record a problem with field ``name`` (reported under its source column)."""
        self.problems.append((self.column(name), reason))
        self.failed.add(name)
        self.fields.pop(name, None)


@dataclass
class Parsed:
    """What a format reader produced: product drafts plus errors not tied to one product."""

    drafts: list[Draft] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
