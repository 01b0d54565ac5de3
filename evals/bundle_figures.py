"""Bundle figures of an eval report (issue 12): how often a bundle is offered where one is expected, and how often
a bundle offer is one the scenario accepts.

Read from ``report.json`` (its per-turn records: ``expected`` and ``offers``), so any suite's report can be
scored after the fact: ``python -m evals.bundle_figures DIR/report.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field


class BundleFigures(BaseModel):
    """Bundle acceptance (recall on expected bundles) and bundle precision, as counts and rates."""

    expected: int = Field(description="Turns whose expectation is an offer of kind bundle from a sku list.")
    accepted: int = Field(description="Of those, turns where an acceptable bundle was offered.")
    offered: int = Field(description="Bundle offers made in turns with an offer expectation.")
    acceptable: int = Field(description="Of those, offers the turn's expectation lists.")

    @property
    def acceptance(self) -> float:
        """accepted / expected (1.0 when no turn expects a bundle)."""
        return self.accepted / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """acceptable / offered (1.0 when no bundle was offered)."""
        return self.acceptable / self.offered if self.offered else 1.0

    def line(self) -> str:
        """One printable line."""
        return (
            f"bundle acceptance {self.accepted}/{self.expected} = {self.acceptance:.3f}; "
            f"bundle precision {self.acceptable}/{self.offered} = {self.precision:.3f}"
        )


def bundle_figures(report: dict[str, Any]) -> BundleFigures:
    """The bundle figures of a loaded ``report.json``."""
    expected = accepted = offered = acceptable = 0
    for scenario in report["scenarios"]:
        for turn in scenario["turns"]:
            want = turn.get("expected") or {}
            skus = want.get("offer") if isinstance(want.get("offer"), list) else None
            bundles = [o for o in turn.get("offers", []) if o.get("kind") == "bundle"]
            if want.get("kind") == "bundle" and skus:
                expected += 1
                accepted += any(o["sku"] in skus for o in bundles)
            if want.get("offer") is not None:
                offered += len(bundles)
                acceptable += sum(1 for o in bundles if skus and o["sku"] in skus)
    return BundleFigures(expected=expected, accepted=accepted, offered=offered, acceptable=acceptable)


if __name__ == "__main__":  # pragma: no cover - a convenience for reading a report by hand
    for arg in sys.argv[1:]:
        print(arg, bundle_figures(json.loads(Path(arg).read_text(encoding="utf-8"))).line())
