"""Reading an input file: UTF-8 text with exact line numbers, and CSV records with the line each starts on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.models import CatalogError, RowError

_DELIMITERS = (",", ";", "\t")


def read_text(path: Path) -> str:
    """The file decoded as UTF-8 (a BOM is fine); CatalogError naming the first bad line otherwise."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError([RowError(file=str(path), reason="file not found")]) from None
    except IsADirectoryError:
        raise CatalogError([RowError(file=str(path), reason="is a directory, expected a file")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        bad_lines = sum(1 for raw in data.split(b"\n") if not _is_utf8(raw))
        more = f" ({bad_lines} lines affected)" if bad_lines > 1 else ""
        reason = (
            f"file is not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded{more}; "
            "re-save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')"
        )
        raise CatalogError([RowError(file=str(path), line=line, reason=reason)]) from None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def text_lines(text: str) -> list[str]:
    """Lines as an editor numbers them (split on newlines only: JSON strings may hold U+2028)."""
    return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]


@dataclass
class CsvTable:
    """A CSV file's header and its records, each with the 1-based line it starts on."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def sniff_delimiter(first_line: str) -> str:
    """The delimiter used in a header line: ``,`` unless ``;`` or tab is clearly what separates it."""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv(text: str, file: str) -> CsvTable:
    """Parse CSV text with a header row; cells are stripped, blank records skipped, line numbers kept."""
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first))
    table = CsvTable(header=[])
    prev_end = 0
    try:
        for cells in reader:
            start, prev_end = prev_end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if not table.header:
                table.header = [c.strip() for c in cells]
                continue
            row = {h: c.strip() for h, c in zip(table.header, cells)}
            table.rows.append((start, row))
    except csv.Error as e:
        table.errors.append(RowError(file=file, line=prev_end + 1, reason=f"unreadable CSV: {e}"))
    return table
