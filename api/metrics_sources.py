"""Reading what the merchant's series needs beside the events: chat sessions and recorded follow-ups.

Both live in the service's database next to the events: the agent's ``sessions`` table and the ``followups``
table the follow-up feature writes (order_id, customer_id, sku, kind, send_at, created_at). Either may be absent
(sessions kept elsewhere, follow-ups never sent): the figures are then zero and a note says why.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import Engine, MetaData, Table, inspect, select

from agent.sql_store import sessions_table
from api.events import EventStore
from api.metrics_series import ChatInfo, FollowupInfo, MetricsSeries, build_series, day_start, window

FOLLOWUPS_TABLE = "followups"
SESSION_CUSTOMERS_TABLE = "session_customers"


def load_chats(engine: Engine, since: float) -> tuple[list[ChatInfo], list[str]]:
    """Chat sessions active since ``since`` (Unix time), and notes on what could not be read."""
    if not inspect(engine).has_table(sessions_table.name):
        return [], ["chats: no sessions table in this database, so conversion is 0"]
    query = select(sessions_table.c.session_id, sessions_table.c.state, sessions_table.c.updated_at).where(
        sessions_table.c.updated_at >= since
    )
    chats, unreadable = [], 0
    with engine.connect() as conn:
        for session_id, state, updated_at in conn.execute(query):
            try:
                offered = bool(json.loads(state).get("offers_made"))
            except (ValueError, AttributeError, RecursionError):
                unreadable += 1
                continue
            chats.append(ChatInfo(session_id=session_id, at=float(updated_at), offered=offered))
    notes = [f"chats: {unreadable} sessions with unreadable state were left out"] if unreadable else []
    return chats, notes


def as_unix(value: object) -> float | None:
    """A send_at as stored (ISO 8601 text, datetime or Unix seconds) as Unix seconds; None when unreadable.

    A time without a timezone is taken as UTC, the time the follow-ups feature writes.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).timestamp()
    return None


def load_followups(engine: Engine) -> tuple[list[FollowupInfo], list[str]]:
    """Every recorded follow-up (customer and send time), and notes on what could not be read."""
    if not inspect(engine).has_table(FOLLOWUPS_TABLE):
        return [], ["repeat purchases: no follow-ups recorded yet (no followups table), so they show 0"]
    table = Table(FOLLOWUPS_TABLE, MetaData(), autoload_with=engine)
    missing = {"customer_id", "send_at"} - set(table.c.keys())
    if missing:
        return [], [f"repeat purchases: the followups table has no {', '.join(sorted(missing))} column"]
    out, unreadable = [], 0
    with engine.connect() as conn:
        for customer_id, send_at in conn.execute(select(table.c.customer_id, table.c.send_at)):
            t = as_unix(send_at)
            if t is None:
                unreadable += 1
                continue
            out.append(FollowupInfo(customer_id=str(customer_id) if customer_id is not None else None, send_at=t))
    if not unreadable:
        return out, []
    return out, [f"repeat purchases: {unreadable} follow-ups with an unreadable send_at were left out"]


def load_session_customers(engine: Engine) -> dict[str, str]:
    """Session id -> shop customer id, from the links the follow-up feature keeps (empty without its table)."""
    if not inspect(engine).has_table(SESSION_CUSTOMERS_TABLE):
        return {}
    table = Table(SESSION_CUSTOMERS_TABLE, MetaData(), autoload_with=engine)
    if not {"session_id", "customer_id"} <= set(table.c.keys()):
        return {}
    with engine.connect() as conn:
        return {str(s): str(c) for s, c in conn.execute(select(table.c.session_id, table.c.customer_id))}


def load_series(store: EventStore, days: int, now: float) -> MetricsSeries:
    """The merchant's series over the last ``days`` UTC days, read from the store's database."""
    start = day_start(window(days, now)[0])
    chats, chat_notes = load_chats(store.engine, start)
    followups, followup_notes = load_followups(store.engine)
    return build_series(days, now, store.since(start), chats, followups, [*chat_notes, *followup_notes],
                        customers=load_session_customers(store.engine))
