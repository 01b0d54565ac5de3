"""Index generations: each ingest builds its Chroma collections under new names, and the snapshot switches.

A collection of generation ``n`` is ``<base>_g<n>`` (main) or ``<base>_multilingual_g<n>``; generation 0 is the
unsuffixed pair of a data dir from before generations. After a switch the new and the previous generation are
kept (another process may still serve the previous one until it notices the new snapshot); the rest, including
half-built generations of killed ingests, are dropped.
"""

from __future__ import annotations

import logging
import re

import chromadb

from knowledge.snapshot_file import IndexRefs

log = logging.getLogger(__name__)


def refs_for(base: str, generation: int, multilingual: bool) -> IndexRefs:
    """The collection names of ``generation`` (the multilingual one only when such an index is built)."""
    if generation == 0:
        return IndexRefs(generation=0, main=base, multilingual=f"{base}_multilingual" if multilingual else None)
    return IndexRefs(
        generation=generation,
        main=f"{base}_g{generation}",
        multilingual=f"{base}_multilingual_g{generation}" if multilingual else None,
    )


def generation_of(base: str, name: str) -> int | None:
    """The generation a collection belongs to, or None when it is not one of ``base``'s."""
    if name in (base, f"{base}_multilingual"):
        return 0
    m = re.fullmatch(re.escape(base) + r"(?:_multilingual)?_g(\d+)", name)
    return int(m.group(1)) if m else None


def collection_names(client: chromadb.ClientAPI) -> list[str]:
    """Every collection name the client sees."""
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]


def next_generation(client: chromadb.ClientAPI, base: str, current: int) -> int:
    """A generation number no collection uses yet (above the current one and any half-built one)."""
    used = [g for n in collection_names(client) if (g := generation_of(base, n)) is not None]
    return max([current, *used]) + 1


def drop_stale(client: chromadb.ClientAPI, base: str, keep: set[int]) -> list[str]:
    """Drop ``base``'s collections of every generation not in ``keep``; returns the dropped names."""
    dropped = []
    for name in collection_names(client):
        g = generation_of(base, name)
        if g is None or g in keep:
            continue
        try:
            client.delete_collection(name)
            dropped.append(name)
        except Exception as exc:  # another process dropped it first: nothing left to do
            log.info("could not drop index collection %s (%s)", name, type(exc).__name__)
    return dropped
