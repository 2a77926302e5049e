"""Upgrading a store written by an older eventwire in place: new columns added, filled from the stored records.

Runs once, inside one write transaction, when a store's ``schema_version`` is below ``schema.SCHEMA_VERSION``;
a second process that opens the store at the same moment waits for the lock and then finds nothing to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, select, update
from sqlalchemy.engine import Connection

from ..errors import StoreError
from . import schema

if TYPE_CHECKING:
    from .store import Store

_BATCH = 1000


def upgrade(store: Store, from_version: int) -> None:
    """Bring the store from ``from_version`` up to ``schema.SCHEMA_VERSION`` (columns, indexes, values)."""
    if from_version < 1:
        raise StoreError(
            f"{store.url} has no usable schema version ({from_version}); it was not written by eventwire, "
            "or is damaged: use another store"
        )
    with store._write(f"upgrade the store from schema {from_version} to {schema.SCHEMA_VERSION}") as conn:
        if store.dialect == "postgresql":  # one upgrader at a time; others wait here, then find the new version
            conn.exec_driver_sql("LOCK TABLE meta IN EXCLUSIVE MODE")
        meta = schema.meta
        current = int(conn.scalar(select(meta.c.value).where(meta.c.key == "schema_version")) or 0)
        if current >= schema.SCHEMA_VERSION:
            return
        for version in range(current + 1, schema.SCHEMA_VERSION + 1):
            _add_columns(conn, schema.ADDED_COLUMNS.get(version, []))
        for table in schema.metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
        if store.dialect == "sqlite":
            conn.exec_driver_sql(schema.SQLITE_SCAN_INDEX)
        if current < 2:
            _fill_query_columns(conn)
        conn.execute(
            update(meta).where(meta.c.key == "schema_version").values(value=str(schema.SCHEMA_VERSION))
        )


def _add_columns(conn: Connection, columns: list[tuple[str, str]]) -> None:
    inspector = inspect(conn)
    existing: dict[str, set[str]] = {}
    for table_name, column_name in columns:
        if table_name not in existing:
            existing[table_name] = {c["name"] for c in inspector.get_columns(table_name)}
        if column_name in existing[table_name]:
            continue
        column = schema.metadata.tables[table_name].c[column_name]
        kind = column.type.compile(dialect=conn.dialect)
        preparer = conn.dialect.identifier_preparer
        ddl = f"ALTER TABLE {preparer.quote(table_name)} ADD COLUMN {preparer.quote(column_name)} {kind}"
        if column.server_default is not None:
            default = column.server_default.arg
            ddl += f" NOT NULL DEFAULT '{default}'" if not column.nullable else f" DEFAULT '{default}'"
        conn.exec_driver_sql(ddl)
        existing[table_name].add(column_name)


def _fill_query_columns(conn: Connection) -> None:
    from .store import query_columns

    e, a = schema.events, schema.articles
    last = ""
    while True:  # keyset pages, so memory stays flat on a large store
        rows = conn.execute(select(e.c.id, e.c.record).where(e.c.id > last).order_by(e.c.id).limit(_BATCH)).all()
        if not rows:
            break
        for event_id, record in rows:
            conn.execute(update(e).where(e.c.id == event_id).values(**query_columns(_as_dict(record))))
        last = rows[-1][0]
    for article_id, flags in conn.execute(select(a.c.id, a.c.flags)).all():
        conn.execute(update(a).where(a.c.id == article_id).values(n_flags=len(flags or [])))


def _as_dict(record: Any) -> dict[str, Any]:
    return record if isinstance(record, dict) else {}
