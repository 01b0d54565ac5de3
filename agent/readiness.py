"""Whether the agent can answer shoppers: a catalog is loaded and the vector index answers."""

from __future__ import annotations

import logging

from pydantic import BaseModel

from knowledge.store import KnowledgeStore

log = logging.getLogger(__name__)


class Readiness(BaseModel):
    """Readiness: a catalog is loaded and the vector index answers."""

    ready: bool
    catalog_products: int
    index_entries: int | None
    problems: list[str]
    notes: list[str] = []  # served anyway, but worth acting on (e.g. re-ingest to build the multilingual index)


def check_readiness(knowledge: KnowledgeStore) -> Readiness:
    """Probe the catalog and the index; every problem is named, nothing raises."""
    problems: list[str] = []
    products = 0
    entries = None
    try:
        products = len(knowledge.catalog)
        if products == 0:
            problems.append("catalog is empty")
    except Exception as exc:  # NoCatalogError and friends: say why, do not crash the probe
        problems.append(f"no catalog: {exc}")
    try:
        entries = knowledge.index.count()
    except Exception as exc:
        log.warning("readyz: index unreachable (%s)", type(exc).__name__)
        problems.append(f"vector index unreachable: {type(exc).__name__}")
    notes: list[str] = []
    if not problems:
        try:
            note = knowledge.multilingual_status()
        except Exception as exc:
            note = f"multilingual index unreachable: {type(exc).__name__}"
        if note:
            notes.append(note)
    return Readiness(
        ready=not problems, catalog_products=products, index_entries=entries, problems=problems, notes=notes
    )
