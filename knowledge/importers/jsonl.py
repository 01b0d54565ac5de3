"""Native JSON Lines: one product object per line, blank lines ignored.

Keys are exactly the catalog fields of CONTRACTS section 1. An unknown key is an error naming the key
(``Product`` forbids extras), so a typo such as ``"prce"`` cannot silently drop a price. ``null`` means
absent, and so does ``"bundle_of": []`` (how a catalog written from ``Product`` says "not a bundle"); a
list of blanks is an error. HTML in ``description`` is stripped. Whole-number skus (``"sku": 12345``, also
inside link lists) are read as text, since stores often number their products.
"""

from __future__ import annotations

import json

from knowledge.importers.draft import Draft, Parsed
from knowledge.importers.html import HtmlText
from knowledge.importers.source import text_lines
from knowledge.importers.values import bad_json_value
from knowledge.models import RowError


_LINK_FIELDS = ("upsells", "cross_sells", "compatible_with", "bundle_of")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_jsonl(text: str, file: str) -> Parsed:
    """Drafts from JSON Lines text; broken JSON and non-object lines become errors with their line."""
    out = Parsed()
    strip_html = HtmlText()
    for number, line in enumerate(text_lines(text), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            out.errors.append(RowError(file=file, line=number, reason=f"broken JSON: {e.msg} (column {e.colno})"))
            continue
        except (ValueError, RecursionError) as e:  # too many digits in an integer, nesting too deep
            out.errors.append(RowError(file=file, line=number, reason=f"broken JSON: {e}"))
            continue
        if not isinstance(obj, dict):
            out.errors.append(
                RowError(file=file, line=number, reason=f"expected a JSON object, got {type(obj).__name__}")
            )
            continue
        fields = {str(k): v for k, v in obj.items() if v is not None and not (k == "bundle_of" and v == [])}
        draft = Draft(line=number, fields=fields)
        for key, value in list(fields.items()):
            if bad_json_value(key):
                del fields[key]
                shown = key.encode("utf-8", "backslashreplace").decode("utf-8")
                draft.problems.append((shown, "not valid Unicode text (a lone surrogate in the key)"))
                continue
            problem = bad_json_value(value) if key != "attributes" else bad_json_value(value, "attributes")
            if problem:
                draft.fail(key, problem)
        if _is_int(fields.get("sku")):
            fields["sku"] = str(fields["sku"])
        for name in _LINK_FIELDS:
            if isinstance(fields.get(name), list):
                fields[name] = [str(v) if _is_int(v) else v for v in fields[name]]
        if isinstance(fields.get("description"), str):
            fields["description"] = strip_html(fields["description"])
        out.drafts.append(draft)
    return out
