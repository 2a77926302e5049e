"""Table definitions for the event store (SQLAlchemy Core; portable between SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import (
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
)
from sqlalchemy.dialects.postgresql import JSONB

SCHEMA_VERSION = 1

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
    Index("ix_events_type_date", "event_type", "date"),
)

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
