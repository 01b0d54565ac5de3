"""Whether the agent can answer shoppers: a catalog is loaded, its index holds exactly it, and storage is intact."""

from __future__ import annotations

import logging

from pydantic import BaseModel

from knowledge.index import IndexMismatchError, IndexMissingError
from knowledge.store import KnowledgeStore

log = logging.getLogger(__name__)


class Readiness(BaseModel):
    """Readiness: a catalog is loaded, the vector index answers and matches it, storage files are in place."""

    ready: bool
    catalog_products: int
    index_entries: int | None
    index_generation: int | None = None  # the index collections' generation the catalog snapshot names
    problems: list[str]
    notes: list[str] = []  # served anyway, but worth acting on (e.g. re-ingest to build the multilingual index)


def check_readiness(knowledge: KnowledgeStore, sessions: object | None = None) -> Readiness:
    """Probe the catalog, the index against it, and the storage files; every problem is named, nothing raises."""
    problems: list[str] = []
    products = 0
    entries = None
    generation = None
    loaded = False
    try:
        products = len(knowledge.catalog)
        loaded = True
        if products == 0:
            problems.append("catalog is empty")
    except Exception as exc:  # NoCatalogError, CorruptSnapshotError: say why, do not crash the probe
        problems.append(f"no catalog: {exc}")
    if loaded:
        try:
            refs = knowledge.index_refs
            generation = refs.generation
            entries = knowledge.index.count()
            if entries != products:
                problems.append(
                    f"index and catalog differ: collection {refs.main!r} (generation {refs.generation}) holds "
                    f"{entries} entries for {products} products; re-ingest the catalog (`cartwise ingest CATALOG`)"
                )
        except (IndexMissingError, IndexMismatchError) as exc:
            problems.append(f"vector index unusable: {exc}")
        except Exception as exc:
            log.warning("readyz: index unreachable (%s)", type(exc).__name__)
            problems.append(f"vector index unreachable: {type(exc).__name__}")
        problems.extend(knowledge.storage_problems())
    watch = getattr(sessions, "storage_problem", None)
    if watch is not None:
        try:
            problem = watch()
        except Exception as exc:
            problem = f"session database unreachable: {type(exc).__name__}"
        if problem:
            problems.append(problem)
    notes: list[str] = []
    if not problems:
        try:
            note = knowledge.multilingual_status()
        except Exception as exc:
            note = f"multilingual index unreachable: {type(exc).__name__}"
        if note:
            notes.append(note)
    return Readiness(
        ready=not problems, catalog_products=products, index_entries=entries, index_generation=generation,
        problems=problems, notes=notes,
    )
