"""Stores written by an older eventwire (schema 1, before the query columns) are upgraded in place when opened;
stores from a newer eventwire are refused with a message saying what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.store import open_store
from eventwire.store import schema as store_schema
from eventwire.store.queries import EventQuery, count_events, find_events
from test_store import make_article, make_record

SCHEMA_2_INDEXES = ["ix_events_scan", "ix_events_actor_primary", "ix_events_recipient_primary",
                    "ix_events_location_country", "ix_events_date_id", "ix_articles_n_flags"]


def make_schema_1_store(path: Path) -> None:
    """A store as schema 1 left it: no query columns, no indexes for them, schema_version 1."""
    record = make_record("a1", 1, actors=("GBR",), recipients=("UKR",)) | {
        "mode": ["military"], "text": "Britain sent tanks.", "event_loc": {"country": "UKR"},
        "flags": [{"kind": "role_conflict", "text": "x"}]}
    with open_store(path) as store:
        store.save_article(make_article("a1"), [record], [], [{"kind": "role_conflict", "text": "x"}])
    with sqlite3.connect(path) as conn:
        for index in SCHEMA_2_INDEXES:
            conn.execute(f"DROP INDEX {index}")
        for table, column in store_schema.ADDED_COLUMNS[2]:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")


def test_a_schema_1_store_is_upgraded_and_its_query_columns_filled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_schema_1_store(path)
    with sqlite3.connect(path) as conn:
        assert "mode" not in {row[1] for row in conn.execute("PRAGMA table_info(events)")}

    with open_store(path) as store:
        assert [r["id"] for r in find_events(store, EventQuery(actor="GBR"), limit=10)] == ["a1-e1"]
        assert count_events(store, EventQuery(mode="military", country="UKR", flagged=True, q="tanks")) == 1
        assert store.stats()["events"] == 1

    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
        indexes = {row[1] for row in conn.execute("SELECT type, name FROM sqlite_master WHERE type = 'index'")}
        assert set(SCHEMA_2_INDEXES) <= indexes
        assert conn.execute("SELECT n_flags FROM articles").fetchone()[0] == 1


def test_a_store_from_a_newer_eventwire_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer eventwire .*upgrade eventwire"):
        open_store(path)
