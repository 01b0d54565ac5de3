"""Follow-ups wired to the running store: the served catalog, its search, the sessions; the batch command's work."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from agent.followups.memory import CustomerMemory, NoMemory, SessionMemory
from agent.followups.orders import read_orders
from agent.followups.plan import FollowUpPlanner, PlanResult
from agent.settings import Settings
from knowledge.index import IndexMismatchError, IndexMissingError
from knowledge.models import SearchFilters, SearchHit
from knowledge.store import KnowledgeStore

if TYPE_CHECKING:
    from agent.agent import SalesAgent

log = logging.getLogger("cartwise.followups")


def make_planner(knowledge: KnowledgeStore, settings: Settings, memory: CustomerMemory | None) -> FollowUpPlanner:
    """A planner over one snapshot of the store (catalog and relations agree), retrieval through its index."""
    snapshot = knowledge.snapshot

    broken: list[str] = []

    def search(query: str, filters: SearchFilters) -> list[SearchHit]:
        if broken:
            return []
        try:
            return knowledge.search(query, filters=filters, k=10)
        except (IndexMissingError, IndexMismatchError) as exc:
            # Retrieval is the last resort after the relations: without an index, plan from those alone (said once).
            broken.append(str(exc))
            log.warning("follow-ups without retrieval: %s", exc)
            return []

    return FollowUpPlanner(
        snapshot.catalog, snapshot.relations, settings.followups,
        addon_share=settings.policy.addon_share_need, memory=memory, search=search,
    )


def agent_planner(agent: SalesAgent, settings: Settings) -> FollowUpPlanner:
    """A planner over the agent's store, reading declines from its sessions when they link customers."""
    sessions = agent.deps.sessions
    memory = SessionMemory(sessions) if hasattr(sessions, "sessions_of_customer") else NoMemory()
    return make_planner(agent.knowledge, settings, memory)


class BatchSummary(BaseModel):
    """What ``cartwise followups`` did."""

    orders: int
    followups: int
    cross_sell: int
    replenish: int
    skipped: int
    warnings: list[str]


def run_batch(planner: FollowUpPlanner, orders_path: Path, out: Path, as_of: datetime | None) -> BatchSummary:
    """Read the orders file, plan, and write one JSON line per follow-up to ``out`` atomically.

    Bad orders raise CatalogError (file, line, field) before anything is written; ``out`` is replaced in one
    rename, so a failure leaves the previous file as it was.
    """
    orders = read_orders(orders_path)
    result: PlanResult = planner.plan(orders, as_of=as_of, file=str(orders_path))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for followup in result.followups:
            f.write(followup.model_dump_json() + "\n")
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(out)
    kinds = [f.kind for f in result.followups]
    return BatchSummary(
        orders=len(orders), followups=len(kinds), cross_sell=kinds.count("cross_sell"),
        replenish=kinds.count("replenish"), skipped=len(result.skipped), warnings=result.warnings,
    )
