"""The steps of an ingest around the index switch: rules mined from orders, both indexes synced, the summary."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import BaseModel, Field

from knowledge.catalog import Catalog
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules
from knowledge.importers import CatalogWarning
from knowledge.index import ProductIndex, SyncStats
from knowledge.models import Product
from knowledge.orders import load_orders
from knowledge.settings import KnowledgeSettings
from knowledge.snapshot_file import Snapshot

Progress = Callable[[int, int], None]


class IngestSummary(BaseModel):
    """What an ingest did, printed by ``cartwise ingest``."""

    catalog: str
    format: str
    products: int
    active: int
    out_of_stock: int
    categories: int
    families: int
    curated_links: int
    compatibility_links: int
    orders: int
    rules: int
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float
    multilingual_embedder: str | None = None
    multilingual_embedded: int = 0
    promotions: int = Field(0, description="Promotions imported with the catalog (--promotions).")
    warnings: list[CatalogWarning] = Field(
        default_factory=list, description="Rows imported with pressure or discount wording in their text."
    )


def mine_order_rules(orders_path: Path | None, catalog: Catalog, s: KnowledgeSettings) -> tuple[int, RuleBook]:
    """The number of orders and the co-purchase rules mined from them (none without an orders file)."""
    if orders_path is None:
        return 0, RuleBook([])
    baskets = baskets_from_orders(load_orders(Path(orders_path)), known_skus=catalog)
    rules = mine_rules(
        baskets,
        min_support=s.rules_min_support,
        min_confidence=s.rules_min_confidence,
        min_lift=s.rules_min_lift,
        min_count=s.rules_min_count,
    )
    return len(baskets), RuleBook(rules)


def sync_indexes(
    products: Sequence[Product],
    progress: Progress | None,
    main: ProductIndex,
    multi: ProductIndex | None,
    seeds: tuple[ProductIndex | None, ProductIndex | None],
) -> tuple[SyncStats, SyncStats | None]:
    """Sync the main and the multilingual index to ``products``, the two at once.

    Both embedders release the GIL in their matrix work (onnxruntime, numpy). MiniLM costs about twice what USE
    does per product, so the main index keeps its own sync workers and the multilingual one gets one: the cores
    stay busy after USE is done (sample store, both indexes: 46 -> 64 products/s, bench_ingest_index.py
    --only-multilingual). A failure in either raises before the snapshot swap.
    """
    if multi is None:
        return main.sync(products, progress=progress, seed=seeds[0]), None
    done = [0, 0]
    lock = threading.Lock()

    def report(which: int) -> Callable[[int, int], None]:
        def update(n: int, total: int) -> None:
            with lock:
                done[which] = n
                if progress:
                    progress(min(done), total)  # a product counts once both indexes hold it

        return update

    multi.sync_workers = 1
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="cartwise-ingest") as pool:
        futures = [pool.submit(ix.sync, products, report(i), seeds[i]) for i, ix in enumerate((main, multi))]
        return futures[0].result(), futures[1].result()


def summarize(
    catalog_path: Path,
    fmt: str,
    snapshot: Snapshot,
    n_orders: int,
    stats: SyncStats,
    ml_stats: SyncStats | None,
    ml_name: str | None,
    started: float,
) -> IngestSummary:
    """What the ingest did, for ``cartwise ingest`` and the admin upload."""
    catalog = snapshot.catalog
    rel = snapshot.relations.stats()
    return IngestSummary(
        catalog=str(catalog_path),
        format=fmt,
        products=len(catalog),
        active=sum(1 for p in catalog if p.active),
        out_of_stock=sum(1 for p in catalog if p.stock == 0),
        categories=len(catalog.categories),
        families=rel.families,
        curated_links=rel.curated_links,
        compatibility_links=rel.compatibility_links,
        orders=n_orders,
        rules=len(snapshot.rules),
        added=stats.added,
        updated=stats.updated,
        removed=stats.removed,
        unchanged=stats.unchanged,
        seconds=round(time.perf_counter() - started, 2),
        multilingual_embedder=ml_name if ml_stats is not None else None,
        multilingual_embedded=(ml_stats.added + ml_stats.updated) if ml_stats is not None else 0,
    )
