"""The follow-up suite gate: the shipped suite must pass every gate of evals.followups (CI runs this)."""

from __future__ import annotations

from pathlib import Path

from agent.settings import Settings
from evals.followups import FollowUpReport, run_suite

SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "followups" / "suite.yaml"


def test_shipped_followup_suite_passes_its_gates():
    report = run_suite(SUITE, Settings(_env_file=None))
    assert report.metrics["cases"] >= 20
    failing = [(r.order, r.failures) for r in report.cases if r.failures]
    assert report.gate_failures() == [], (report.metrics, failing)


def test_the_gates_catch_a_bad_report():
    bad = FollowUpReport(suite="x", cases=[], warnings=[], metrics={
        "relevance": 0.5, "coverage": 1.0, "kind_accuracy": 1.0, "timing_accuracy": 1.0, "language_accuracy": 1.0,
        "unwanted_rate": 0.0, "upgrade_violations": 1, "already_bought": 0, "declined_offered": 0,
        "forbidden_offered": 0,
    })
    assert bad.gate_failures() == ["relevance = 0.5 (below 0.9)", "upgrade_violations = 1.0 (above 0)"]


def test_the_evaluator_flags_an_upgrade(monkeypatch):
    # The same suite with the planner swapped for one that proposes the dearer family member: the evaluator's own
    # checks must catch it (they do not reuse the planner's rules).
    import evals.followups as fe
    from agent.followups.plan import FollowUpPlanner

    original = FollowUpPlanner._cross_sell

    def upgrade_instead(self, order, known, history, facts):
        choice = original(self, order, known, history, facts)
        if choice is None or order.order_id != "F01":
            return choice
        return choice.model_copy(update={"product": self.catalog.get("ESP-200")})

    monkeypatch.setattr(FollowUpPlanner, "_cross_sell", upgrade_instead)
    report = fe.run_suite(SUITE, Settings(_env_file=None))
    assert report.metrics["upgrade_violations"] == 1 and report.metrics["forbidden_offered"] == 1
    assert any("upgrade" in m for m in report.gate_failures())
