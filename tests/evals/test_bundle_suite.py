"""The bundle store (issue 12, evals/suites/bundles): gated in CI, with its bundle acceptance figure printed.

Gates: the zero-tolerance counters (no guardrail breach, re-offer after a decline, pressure wording or ungrounded
mention), and floors at the figures first reached (precision, recall, bundle acceptance) so they cannot slip.
Report in ``test-artifacts/eval-bundles/``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from agent.settings import Settings
from evals.bundle_figures import bundle_figures
from evals.cli import run_eval_command

ROOT = Path(__file__).resolve().parents[2]
ZERO = ("reoffer_after_decline", "guardrail_violations", "pressure_phrases", "ungrounded_mentions")
FLOORS = {"offer_precision": 0.90, "opportunity_recall": 0.95, "signal_accuracy": 0.95}
BUNDLE_ACCEPTANCE_FLOOR = 0.85


SUMMARY = io.StringIO()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    out_dir = ROOT / "test-artifacts" / "eval-bundles"
    settings = Settings(data_dir=tmp_path_factory.mktemp("bundles"), _env_file=None)
    code = run_eval_command(
        suite_path=ROOT / "evals" / "suites" / "bundles" / "suite.yaml", out_dir=out_dir, settings=settings,
        fail_under=[], fail_over=[], compare=None, judge=False, personas=False,
        stdout=SUMMARY, stderr=io.StringIO(),
    )
    assert code == 0, f"the bundle eval itself failed (see {out_dir})"
    return json.loads((out_dir / "report.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_bundle_store_holds_the_gates(report: dict) -> None:
    counts = report["counts"]
    rates = {name: counts[name]["num"] / counts[name]["den"] for name in FLOORS if counts[name]["den"]}
    print("bundles", {k: round(v, 3) for k, v in rates.items()})
    assert {name: counts[name]["num"] for name in ZERO} == dict.fromkeys(ZERO, 0)
    assert all(rates[name] >= floor for name, floor in FLOORS.items()), rates


@pytest.mark.slow
def test_bundle_acceptance(report: dict) -> None:
    figures = bundle_figures(report)
    print(figures.line())
    assert figures.line() in SUMMARY.getvalue()  # `cartwise eval` prints it too
    assert figures.expected >= 8
    assert figures.acceptance >= BUNDLE_ACCEPTANCE_FLOOR, figures.line()
    assert figures.precision == 1.0, figures.line()


def test_bundle_figures_count_expected_and_offered_bundles() -> None:
    def turn(expected: dict, offers: list[dict]) -> dict:
        return {"expected": expected, "offers": offers}

    kit = {"sku": "KIT", "kind": "bundle"}
    report = {"scenarios": [{"turns": [
        turn({"offer": ["KIT"], "kind": "bundle"}, [kit]),
        turn({"offer": ["KIT"], "kind": "bundle"}, [{"sku": "BAG", "kind": "cross_sell"}]),
        turn({"offer": ["BAG"]}, [kit]),
        turn({"offer": "none"}, []),
    ]}]}
    figures = bundle_figures(report)
    assert (figures.expected, figures.accepted, figures.offered, figures.acceptable) == (2, 1, 2, 1)
    assert figures.acceptance == 0.5 and figures.precision == 0.5
