"""The ``followups`` table: every follow-up the service produced, for the merchant's repeat-purchase figures.

Columns: ``order_id`` (primary key: at most one follow-up per order, the first one recorded stays),
``customer_id``, ``sku``, ``kind``, ``send_at`` (ISO 8601 text with timezone, as in the JSON line) and
``created_at`` (epoch seconds, the clock of the events table's ``at``).
"""

from __future__ import annotations

import time

from sqlalchemy import Column, Engine, Float, MetaData, String, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite

from agent.followups.models import FollowUp
from agent.sql_store import create_tables, write_lock

_metadata = MetaData()
followups_table = Table(
    "followups",
    _metadata,
    Column("order_id", String(200), primary_key=True),
    Column("customer_id", String(200), nullable=False, index=True),
    Column("sku", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("send_at", String(40), nullable=False),
    Column("created_at", Float, nullable=False),
)


class FollowUpLog:
    """Follow-ups in the sessions database (any SQLAlchemy URL)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        create_tables(engine, _metadata)

    def record(self, followup: FollowUp) -> bool:
        """Store one follow-up; False when its order already has one (the first stays: one per order)."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(followups_table).values(
            order_id=followup.order_id, customer_id=followup.customer_id, sku=followup.sku, kind=followup.kind,
            send_at=followup.send_at, created_at=time.time(),
        ).on_conflict_do_nothing(index_elements=["order_id"])
        with write_lock(self.engine), self.engine.begin() as conn:
            return conn.execute(stmt).rowcount == 1

    def rows(self) -> list[dict]:
        """Every recorded follow-up, oldest first."""
        t = followups_table
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(t).order_by(t.c.created_at, t.c.order_id)).mappings()]

    def count(self) -> int:
        """Number of recorded follow-ups."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(followups_table)).scalar_one())
