"""Gates (``--fail-under``/``--fail-over``) and the comparison with an earlier report (``--compare``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from evals.metrics import METRIC_NAMES, METRICS


class GateError(ValueError):
    """A gate or compare argument was refused; the message says which and why."""


class Gate(BaseModel):
    """A threshold on one metric's total: ``min`` for --fail-under, ``max`` for --fail-over."""

    metric: str
    op: Literal["min", "max"]
    threshold: float

    @property
    def label(self) -> str:
        """``offer_precision >= 0.85`` style."""
        return f"{self.metric} {'>=' if self.op == 'min' else '<='} {self.threshold:g}"


class GateResult(BaseModel):
    """A gate applied to a value: passed True/False, or None (skipped) when the value is null."""

    gate: Gate
    value: float | None
    passed: bool | None
    note: str = ""


class Delta(BaseModel):
    """One metric's change against an earlier report."""

    metric: str
    old: float | None
    new: float | None
    change: float | None
    improved: bool | None = None


def parse_gate(text: str, op: Literal["min", "max"], option: str) -> Gate:
    """Parse ``METRIC=VALUE``; unknown metric names list the valid ones."""
    name, sep, raw = text.partition("=")
    name = name.strip()
    if not sep or not name or not raw.strip():
        raise GateError(f"{option} {text!r}: expected METRIC=VALUE, e.g. {option} offer_precision=0.85")
    if name not in METRICS:
        raise GateError(f"{option} {text!r}: unknown metric {name!r}; valid names: {', '.join(METRIC_NAMES)}")
    try:
        value = float(raw)
    except ValueError:
        raise GateError(f"{option} {text!r}: {raw.strip()!r} is not a number") from None
    return Gate(metric=name, op=op, threshold=value)


def parse_gates(fail_under: list[str], fail_over: list[str]) -> list[Gate]:
    """All gates from the two repeatable options."""
    return [parse_gate(t, "min", "--fail-under") for t in fail_under] + [
        parse_gate(t, "max", "--fail-over") for t in fail_over
    ]


def check_gates(totals: Mapping[str, float | None], gates: list[Gate]) -> list[GateResult]:
    """Apply each gate to the suite totals; a null value is skipped with a note, never passed or failed."""
    out = []
    for g in gates:
        v = totals.get(g.metric)
        if v is None:
            out.append(GateResult(gate=g, value=None, passed=None, note="skipped: no turns to measure (null)"))
            continue
        ok = v >= g.threshold - 1e-12 if g.op == "min" else v <= g.threshold + 1e-12
        out.append(GateResult(gate=g, value=v, passed=ok))
    return out


def gates_passed(results: list[GateResult]) -> bool:
    """No gate failed (skipped ones do not fail)."""
    return all(r.passed is not False for r in results)


def load_totals(path: Path) -> dict[str, float | None]:
    """The ``totals`` of an earlier report.json."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError(f"--compare {path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise GateError(f"--compare {path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    totals = data.get("totals") if isinstance(data, dict) else None
    if not isinstance(totals, dict):
        raise GateError(f"--compare {path}: no 'totals' object; is this a cartwise eval report.json?")
    return {k: v for k, v in totals.items() if k in METRICS}


def compare(old: Mapping[str, float | None], new: Mapping[str, float | None]) -> list[Delta]:
    """Each metric's change from ``old`` to ``new`` (improved is None when either side is null or equal)."""
    out = []
    for name in METRIC_NAMES:
        a, b = old.get(name), new.get(name)
        if a is None or b is None:
            out.append(Delta(metric=name, old=a, new=b, change=None))
            continue
        change = b - a
        improved = None if abs(change) < 1e-12 else (change > 0) == (METRICS[name].better == "higher")
        out.append(Delta(metric=name, old=a, new=b, change=change, improved=improved))
    return out
