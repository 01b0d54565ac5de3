"""The eval report's data: every metric per scenario, per tag and in total, as written to report.json."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from pydantic import BaseModel, Field

from agent.schemas import ChatContext, Offer, Signal
from evals.gates import Delta, GateResult
from evals.judge import JudgeSummary
from evals.margin import ExpectedMargin, expected_margin
from evals.metrics import METRIC_NAMES, METRICS, Checks, Count, score_turns, sum_counts, turn_problems, values
from evals.personas import PersonaSummary
from evals.runner import SuiteResult
from evals.suite import Expectation


class TurnReport(BaseModel):
    """One turn in the report: words, reply, offers, expectation and what went wrong."""

    index: int
    user: str
    context: ChatContext
    reply: str
    offers: list[Offer]
    signals: list[Signal]
    expected: Expectation
    problems: list[str] = Field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


class ScenarioReport(BaseModel):
    """One scenario's metrics and turns."""

    id: str
    tags: list[str]
    passed: bool
    metrics: dict[str, float | None]
    counts: dict[str, dict[str, float]]
    turns: list[TurnReport]
    expected_margin: ExpectedMargin = Field(default_factory=ExpectedMargin)


class EvalReport(BaseModel):
    """Everything ``cartwise eval`` measured; written as report.json."""

    suite: str
    suite_path: str
    catalog: str
    run_id: str
    created_at: str
    seconds: float
    run_info: dict[str, Any] = Field(default_factory=dict)
    scenarios_total: int
    scenarios_passed: int
    turns_total: int
    turns_failed: int
    errors: int
    totals: dict[str, float | None]
    counts: dict[str, dict[str, float]]
    by_tag: dict[str, dict[str, float | None]]
    metric_definitions: dict[str, str]
    scenarios: list[ScenarioReport]
    expected_margin: ExpectedMargin = Field(
        default_factory=ExpectedMargin,
        description="price * catalog margin of the offers made (not a section 4 metric).",
    )
    gates: list[GateResult] = Field(default_factory=list)
    comparison: list[Delta] | None = None
    judge: JudgeSummary | None = None
    personas: PersonaSummary | None = None

    @property
    def failing_turns(self) -> list[tuple[ScenarioReport, TurnReport]]:
        """Every turn with a problem, with its scenario."""
        return [(s, t) for s in self.scenarios for t in s.turns if t.problems]

    @property
    def failed_gates(self) -> list[GateResult]:
        """The gates the run missed (skipped ones are not failures)."""
        return [g for g in self.gates if g.passed is False]


def _plain(c: Count) -> dict[str, float]:
    return {"num": c.num, "den": c.den}


def build_report(result: SuiteResult, checks: Checks, run_info: dict[str, Any] | None = None) -> EvalReport:
    """Score every scenario and aggregate per tag and in total (sums of counts, not means of means)."""
    scenario_reports: list[ScenarioReport] = []
    scenario_counts: list[dict[str, Count]] = []
    for sc in result.scenarios:
        per_turn = score_turns(sc.turns, checks)
        turns = []
        for i, t in enumerate(sc.turns):
            counts_i = {name: per_turn[name][i] for name in METRIC_NAMES}
            turns.append(
                TurnReport(
                    index=t.index,
                    user=t.request.message,
                    context=t.request.context,
                    reply=t.response.reply,
                    offers=t.response.offers,
                    signals=t.response.signals,
                    expected=t.expected,
                    problems=turn_problems(t, counts_i),
                    error=t.error,
                    seconds=round(t.seconds, 4),
                )
            )
        counts = sum_counts([{name: per_turn[name][i] for name in METRIC_NAMES} for i in range(len(sc.turns))])
        scenario_counts.append(counts)
        scenario_reports.append(
            ScenarioReport(
                id=sc.id,
                tags=sc.tags,
                passed=not any(t.problems for t in turns),
                metrics=values(counts),
                counts={k: _plain(v) for k, v in counts.items()},
                turns=turns,
                expected_margin=expected_margin((o for t in sc.turns for o in t.response.offers), checks.catalog),
            )
        )
    totals = sum_counts(scenario_counts)
    tags = sorted({tag for s in result.scenarios for tag in s.tags})
    by_tag = {
        tag: values(sum_counts([c for s, c in zip(result.scenarios, scenario_counts, strict=True) if tag in s.tags]))
        for tag in tags
    }
    all_turns = [t for s in scenario_reports for t in s.turns]
    return EvalReport(
        suite=result.suite,
        suite_path=str(result.suite_path),
        catalog=str(result.catalog_path),
        run_id=result.run_id,
        created_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        seconds=round(result.seconds, 3),
        run_info=run_info or {},
        scenarios_total=len(scenario_reports),
        scenarios_passed=sum(s.passed for s in scenario_reports),
        turns_total=len(all_turns),
        turns_failed=sum(bool(t.problems) for t in all_turns),
        errors=sum(t.error is not None for t in all_turns),
        totals=values(totals),
        counts={k: _plain(v) for k, v in totals.items()},
        by_tag=by_tag,
        metric_definitions={k: m.description for k, m in METRICS.items()},
        scenarios=scenario_reports,
        expected_margin=sum((s.expected_margin for s in scenario_reports), ExpectedMargin()),
    )
