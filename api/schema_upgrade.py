"""Additive schema upgrades: columns added to a table after databases holding it were created."""

from __future__ import annotations

from sqlalchemy import Engine, Table, inspect, text
from sqlalchemy.exc import DBAPIError

from agent.sql_store import write_lock


def add_missing_columns(engine: Engine, table: Table) -> list[str]:
    """ALTER TABLE … ADD COLUMN for every nullable column of ``table`` the database lacks; returns their names.

    Only nullable columns are added, so existing rows stay valid (their value is NULL). Two processes upgrading
    the same database at once are fine: the loser's "duplicate column" error is ignored.
    """
    present = {c["name"] for c in inspect(engine).get_columns(table.name)}
    added = []
    for column in table.columns:
        if column.name in present or not column.nullable:
            continue
        ddl = column.type.compile(dialect=engine.dialect)
        try:
            with write_lock(engine), engine.begin() as conn:
                conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {ddl}'))
        except DBAPIError as exc:
            if "duplicate" not in str(exc).lower() and "already exists" not in str(exc).lower():
                raise
        added.append(column.name)
    return added
