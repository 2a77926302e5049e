"""Table definitions for the event store (SQLAlchemy Core; portable between SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    event,
)
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA_VERSION = 2  # 2: query columns on events (mode, names, primary codes, place, flags, text)

# JSON everywhere, JSONB on PostgreSQL (indexable, compact).
JSONType = JSON().with_variant(JSONB(), "postgresql")

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String, index=True),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Date),
    Column("title", Text),
    Column("text", Text),
    Column("coded_at", DateTime(timezone=True), nullable=False),
    Column("n_events", Integer, nullable=False, default=0),
    Column("flags", JSONType, nullable=False),
    Column("n_flags", Integer, nullable=False, default=0, server_default="0", index=True),
    Column("status", String(16), nullable=False),  # "coded" or "failed"
    Column("error", Text),
)

events = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True),
    Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("date", Date, index=True),
    Column("event_type", String, index=True),  # upper-cased primary PLOVER type
    Column("quad_code", Integer),
    Column("event_scale", Float),
    Column("actor_codes", Text, nullable=False, default=""),  # space-separated, e.g. "GBR GOV"
    Column("recipient_codes", Text, nullable=False, default=""),
    Column("confidence", Float),
    Column("sentence", Integer),
    Column("record", JSONType, nullable=False),  # the whole PLOVER record as given
    # Query columns (schema 2), filled from the record by the store; the record stays the source of truth.
    Column("mode", Text, nullable=False, default="", server_default=""),  # space-separated PLOVER modes
    Column("actor_names", Text, nullable=False, default="", server_default=""),  # "\n"-wrapped, casefolded
    Column("recipient_names", Text, nullable=False, default="", server_default=""),
    Column("actor_primary", String, index=True),  # the first coded actor (country or organisation code)
    Column("recipient_primary", String, index=True),
    Column("location_country", String, index=True),
    Column("n_flags", Integer, nullable=False, default=0, server_default="0"),
    Column("text", Text),  # the evidence sentence, casefolded (searched by word)
    Index("ix_events_type_date", "event_type", "date"),
    Index("ix_events_date_id", "date", "id"),
)

# SQLite only: one covering index over every filter column, so counting and paging filtered events reads this
# index and never the wide record column (100,000 events: ~25 ms instead of ~250 ms). PostgreSQL caps index rows
# at ~2.7 kB (sentences can be longer) and does well with its own plans.
SQLITE_SCAN_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_events_scan ON events (date, id, event_type, quad_code, confidence, n_flags, "
    "location_country, actor_codes, recipient_codes, mode, actor_names, recipient_names, text)"
)
event.listen(events, "after_create", DDL(SQLITE_SCAN_INDEX).execute_if(dialect="sqlite"))

# Columns added by each schema version, for upgrading older stores in place (see store/migrate.py).
ADDED_COLUMNS: dict[int, list[tuple[str, str]]] = {
    2: [
        ("articles", "n_flags"),
        *[("events", name) for name in ("mode", "actor_names", "recipient_names", "actor_primary",
                                       "recipient_primary", "location_country", "n_flags", "text")],
    ],
}

quotes = Table(
    "quotes",
    metadata,
    Column("id", String, primary_key=True),
    Column(
        "article_id",
        String,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("speaker_name", Text),
    Column("speaker_code", Text),
    Column("text", Text),
    Column("start", Integer),
    Column("end", Integer),
    Column("kind", String(16)),  # "direct" or "reported"
    Column("record", JSONType, nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)
