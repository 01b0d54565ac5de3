"""The follow-up eval (CONTRACTS section 7): relevance, no upgrades, timing, over a hand-written suite.

A suite (YAML) names a ``catalog``, an optional ``copurchase`` orders file the rules are mined from, the
``orders`` to plan follow-ups for, an optional ``as_of``, ``declines`` (customer -> skus declined in chat) and
``cases``: per order, the expected ``kind``, ``allowed`` skus, ``forbidden`` skus, a ``window`` for send_at,
the message ``lang``, or ``none: true``. The upgrade, already-bought and decline checks are this module's own,
read from the catalog and the orders, not the planner's rules, so a planner bug cannot hide from them.

Run: ``python -m evals.followups SUITE [--out DIR]`` prints the metrics (and writes ``DIR/followups.json``).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.followups.memory import CustomerFacts
from agent.followups.models import FollowUp, Order
from agent.followups.orders import read_orders
from agent.followups.plan import FollowUpPlanner
from agent.settings import Settings
from agent.yaml_text import safe_load
from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules
from knowledge.importers import load_catalog
from knowledge.orders import load_orders
from knowledge.relations import Relations, category_key

#: The gates CI holds the shipped suite to: (metric, "min" or "max", bound).
GATES: tuple[tuple[str, str, float], ...] = (
    ("relevance", "min", 0.9),
    ("coverage", "min", 0.9),
    ("kind_accuracy", "min", 1.0),
    ("timing_accuracy", "min", 1.0),
    ("language_accuracy", "min", 1.0),
    ("unwanted_rate", "max", 0.0),
    ("upgrade_violations", "max", 0),
    ("already_bought", "max", 0),
    ("declined_offered", "max", 0),
    ("forbidden_offered", "max", 0),
)


class FollowUpCase(BaseModel):
    """What a careful merchant would accept for one order."""

    model_config = ConfigDict(extra="forbid")

    order: str
    none: bool = False
    kind: str | None = None
    allowed: list[str] = Field(default_factory=list)
    forbidden: list[str] = Field(default_factory=list)
    window: tuple[datetime, datetime] | None = None
    lang: str | None = None


class FollowUpSuite(BaseModel):
    """A follow-up suite file."""

    model_config = ConfigDict(extra="forbid")

    name: str = "followups"
    catalog: str
    copurchase: str | None = None
    orders: str
    as_of: datetime | None = None
    declines: dict[str, list[str]] = Field(default_factory=dict)
    cases: list[FollowUpCase]


class CaseResult(BaseModel):
    """One case: the follow-up produced (if any) and the checks it failed."""

    order: str
    followup: FollowUp | None
    failures: list[str]


class FollowUpReport(BaseModel):
    """Metrics over a suite, and each case."""

    suite: str
    metrics: dict[str, float]
    cases: list[CaseResult]
    warnings: list[str]

    def gate_failures(self) -> list[str]:
        """The gates of :data:`GATES` this report misses."""
        out = []
        for metric, side, bound in GATES:
            value = self.metrics[metric]
            if (side == "min" and value < bound) or (side == "max" and value > bound):
                out.append(f"{metric} = {value} ({'below' if side == 'min' else 'above'} {bound})")
        return out


class _StaticMemory:
    """The suite's chat declines, by customer."""

    def __init__(self, declines: dict[str, list[str]]):
        self._declines = declines

    def facts(self, customer_id: str) -> CustomerFacts:
        return CustomerFacts(declined=frozenset(self._declines.get(customer_id, ())))


def load_suite(path: Path) -> FollowUpSuite:
    """Read a suite file; ValueError naming the file and field when it is malformed."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
        return FollowUpSuite.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def run_suite(path: Path, settings: Settings | None = None) -> FollowUpReport:
    """Plan the suite's orders and score every case."""
    settings = settings or Settings(_env_file=None)
    suite = load_suite(path)
    base = path.parent
    catalog = Catalog(load_catalog(base / suite.catalog), currency=settings.knowledge.store_currency)
    rules = RuleBook()
    if suite.copurchase:
        k = settings.knowledge
        baskets = baskets_from_orders(load_orders(base / suite.copurchase), catalog)
        rules = RuleBook(mine_rules(baskets, min_support=k.rules_min_support, min_confidence=k.rules_min_confidence,
                                    min_lift=k.rules_min_lift, min_count=k.rules_min_count))
    relations = Relations.build(catalog, rules)
    planner = FollowUpPlanner(catalog, relations, settings.followups, addon_share=settings.policy.addon_share_need,
                              memory=_StaticMemory(suite.declines))
    orders = read_orders(base / suite.orders)
    result = planner.plan(orders, as_of=suite.as_of, file=suite.orders)
    produced = {f.order_id: f for f in result.followups}
    by_id = {o.order_id: o for o in orders}
    cases = [
        _score(case, produced.get(case.order), by_id[case.order], orders, catalog, relations, suite)
        for case in suite.cases
    ]
    return FollowUpReport(suite=suite.name, metrics=_metrics(suite, cases, produced), cases=cases,
                          warnings=result.warnings)


def _score(case: FollowUpCase, f: FollowUp | None, order: Order, orders: list[Order], catalog: Catalog,
           relations: Relations, suite: FollowUpSuite) -> CaseResult:
    failures: list[str] = []
    if f is None:
        if not case.none:
            failures.append("missing")
        return CaseResult(order=case.order, followup=None, failures=failures)
    if case.none:
        failures.append("unwanted")
    if case.kind and f.kind != case.kind:
        failures.append(f"kind {f.kind}")
    if case.allowed and f.sku not in case.allowed:
        failures.append(f"irrelevant {f.sku}")
    if f.sku in case.forbidden:
        failures.append(f"forbidden {f.sku}")
    if case.window and not case.window[0] <= datetime.fromisoformat(f.send_at) <= case.window[1]:
        failures.append(f"send_at {f.send_at}")
    if case.lang and f'lang="{case.lang}"' not in f.html:
        failures.append(f"language not {case.lang}")
    if f.kind == "cross_sell":
        if _upgrade(f.sku, order, catalog, relations):
            failures.append(f"upgrade {f.sku}")
        ever = {s for o in orders if o.customer_id == order.customer_id for s in o.skus}
        if f.sku in ever:
            failures.append(f"already bought {f.sku}")
    if f.sku in suite.declines.get(order.customer_id, ()):
        failures.append(f"declined {f.sku}")
    product = catalog.get(f.sku)
    if product is None or product.price != f.price or product.name != f.name:
        failures.append("not from the catalog")
    return CaseResult(order=case.order, followup=f, failures=failures)


def _upgrade(sku: str, order: Order, catalog: Catalog, relations: Relations) -> bool:
    """A pricier member of a bought item's family, one of its upsells, or a pricier product of its leaf category."""
    p = catalog.get(sku)
    for b in (catalog.get(s) for s in order.skus):
        if p is None or b is None:
            continue
        if b.family and p.family == b.family and p.price > b.price:
            return True
        if p.sku in b.upsells or (category_key(p.category) == category_key(b.category) and p.price > b.price):
            return True
    return False


def _metrics(suite: FollowUpSuite, cases: list[CaseResult], produced: dict[str, FollowUp]) -> dict[str, float]:
    expected = {c.order: c for c in suite.cases}
    made = [r for r in cases if r.followup is not None]
    wanted = [r for r in cases if not expected[r.order].none]
    unwanted = [r for r in cases if expected[r.order].none]

    def share(hits: int, total: int) -> float:
        return round(hits / total, 4) if total else 1.0

    def failed(r: CaseResult, prefix: str) -> bool:
        return any(x.startswith(prefix) for x in r.failures)

    listed = [r for r in made if expected[r.order].allowed]
    kinded = [r for r in made if expected[r.order].kind]
    timed = [r for r in made if expected[r.order].window]
    langs = [r for r in made if expected[r.order].lang]
    return {
        "cases": len(cases),
        "followups": len(produced),
        "relevance": share(sum(not failed(r, "irrelevant") for r in listed), len(listed)),
        "coverage": share(sum(r.followup is not None for r in wanted), len(wanted)),
        "kind_accuracy": share(sum(not failed(r, "kind") for r in kinded), len(kinded)),
        "timing_accuracy": share(sum(not failed(r, "send_at") for r in timed), len(timed)),
        "language_accuracy": share(sum(not failed(r, "language") for r in langs), len(langs)),
        "unwanted_rate": share(sum(r.followup is not None for r in unwanted), len(unwanted)) if unwanted else 0.0,
        "upgrade_violations": sum(failed(r, "upgrade") for r in made),
        "already_bought": sum(failed(r, "already bought") for r in made),
        "declined_offered": sum(failed(r, "declined") for r in made),
        "forbidden_offered": sum(failed(r, "forbidden") for r in made),
        "not_from_catalog": sum(failed(r, "not from") for r in made),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m evals.followups SUITE [--out DIR]``: print the metrics; exit 1 when a gate is missed."""
    ap = argparse.ArgumentParser(prog="python -m evals.followups")
    ap.add_argument("suite")
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    report = run_suite(Path(args.suite))
    for name, value in report.metrics.items():
        print(f"{name:20} {value}")
    for r in report.cases:
        if r.failures:
            print(f"FAIL {r.order}: {', '.join(r.failures)}")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "followups.json").write_text(report.model_dump_json(indent=2), encoding="utf-8")
    missed = report.gate_failures()
    for m in missed:
        print(f"GATE {m}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
