"""The rep inbox in the sessions database: the rep's sent messages (an outbox every worker reads) and the
listing of recently active sessions.

Live delivery goes through these tables, never through process memory, so a reply sent through one worker
reaches a shopper whose event stream is held open by another.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, func, insert, select, update

from agent.schemas import Offer
from agent.sql_store import create_tables, sessions_table, write_lock
from agent.types import SessionState

_metadata = MetaData()

rep_messages_table = Table(
    "rep_messages",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("session_id", String(200), nullable=False, index=True),
    Column("turn", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("offer", Text, nullable=True),
    Column("sent_at", Float, nullable=False),
    Column("delivered_at", Float, nullable=True),
)


class RepMessage(BaseModel):
    """A reply a rep sent to a shopper, as stored and as pushed to the shopper's widget."""

    id: int = Field(description="Increasing across the database: the event id of the shopper's stream.")
    session_id: str
    turn: int = Field(description="The index of the session turn the reply was recorded as.")
    text: str
    offer: Offer | None = None
    sent_at: float = Field(description="Unix time the rep sent it.")
    delivered_at: float | None = Field(None, description="Unix time a shopper's widget first received it.")


@dataclass(frozen=True)
class SessionRow:
    """One stored session with the time it last changed."""

    state: SessionState
    updated_at: float


@dataclass(frozen=True)
class RepActivity:
    """What the rep did in one session: the last turn they answered and when."""

    last_turn: int
    last_sent_at: float


class InboxStore:
    """Reads and writes the inbox tables on the engine the sessions live in."""

    def __init__(self, engine: Engine):
        self.engine = engine
        create_tables(engine, _metadata)

    # --- the outbox ---------------------------------------------------------------------------
    def add(self, session_id: str, turn: int, text: str, offer: Offer | None) -> RepMessage:
        """Store a reply the rep sent; every worker's shopper stream picks it up from here."""
        values = {
            "session_id": session_id,
            "turn": turn,
            "text": text,
            "offer": offer.model_dump_json() if offer is not None else None,
            "sent_at": time.time(),
        }
        with write_lock(self.engine), self.engine.begin() as conn:
            new_id = conn.execute(insert(rep_messages_table).values(**values)).inserted_primary_key[0]
        return RepMessage(id=int(new_id), **{**values, "offer": offer})

    def messages(self, session_id: str, after: int = 0, limit: int = 200) -> list[RepMessage]:
        """The session's rep messages with an id above ``after``, oldest first."""
        t = rep_messages_table
        query = (
            select(t).where(t.c.session_id == session_id, t.c.id > after).order_by(t.c.id).limit(limit)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_message(r) for r in rows]

    def max_id(self) -> int:
        """The newest rep message id in the database (0 when none)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(rep_messages_table.c.id))).scalar() or 0)

    def new_since(self, after: int, limit: int = 1000) -> list[tuple[int, str]]:
        """(id, session_id) of messages newer than ``after``, oldest first: what a process's streams look at."""
        t = rep_messages_table
        query = select(t.c.id, t.c.session_id).where(t.c.id > after).order_by(t.c.id).limit(limit)
        with self.engine.connect() as conn:
            return [(int(r[0]), r[1]) for r in conn.execute(query).all()]

    def last_delivered_id(self, session_id: str) -> int:
        """The highest id of the session's messages a widget already received (0 when none).

        A stream opened without a position starts after it: what was sent while no widget listened still
        arrives, and what a widget showed before a page reload is not shown twice.
        """
        t = rep_messages_table
        query = select(func.max(t.c.id)).where(t.c.session_id == session_id, t.c.delivered_at.is_not(None))
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar() or 0)

    def mark_delivered(self, ids: list[int]) -> None:
        """Record that a shopper's widget received these messages (the first delivery time is kept)."""
        if not ids:
            return
        t = rep_messages_table
        stmt = update(t).where(t.c.id.in_(ids), t.c.delivered_at.is_(None)).values(delivered_at=time.time())
        with write_lock(self.engine), self.engine.begin() as conn:
            conn.execute(stmt)

    # --- the listing --------------------------------------------------------------------------
    def recent_sessions(self, since: float, limit: int, offset: int = 0) -> list[SessionRow]:
        """Sessions changed at or after ``since``, most recently changed first."""
        s = sessions_table
        query = (
            select(s.c.state, s.c.updated_at)
            .where(s.c.updated_at >= since)
            .order_by(s.c.updated_at.desc(), s.c.session_id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [SessionRow(state=_state(r[0]), updated_at=float(r[1])) for r in rows]

    def rep_activity(self, session_ids: list[str]) -> dict[str, RepActivity]:
        """Per session: the last turn a rep answered and when they sent it."""
        if not session_ids:
            return {}
        t = rep_messages_table
        query = (
            select(t.c.session_id, func.max(t.c.turn), func.max(t.c.sent_at))
            .where(t.c.session_id.in_(session_ids))
            .group_by(t.c.session_id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return {r[0]: RepActivity(last_turn=int(r[1]), last_sent_at=float(r[2])) for r in rows}

    def version(self, since: float) -> tuple:
        """Changes whenever the listing since ``since`` may have changed: polled by the inbox stream."""
        s, t = sessions_table, rep_messages_table
        with self.engine.connect() as conn:
            changed = conn.execute(
                select(func.max(s.c.updated_at), func.count()).where(s.c.updated_at >= since)
            ).one()
            last_rep = conn.execute(select(func.max(t.c.id))).scalar()
        return (changed[0], int(changed[1]), last_rep)


def _state(raw: str) -> SessionState:
    try:
        return SessionState.model_validate_json(raw)
    except ValidationError:  # very deep rows: the standard JSON reader takes them (as the session store does)
        return SessionState.model_validate(json.loads(raw))


def _message(row) -> RepMessage:
    data = dict(row)
    data["offer"] = Offer.model_validate_json(data["offer"]) if data["offer"] else None
    return RepMessage.model_validate(data)
