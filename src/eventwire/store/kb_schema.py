"""Knowledge-base tables in the store: imported entities, their names, and import progress.

They live in the same ``metadata`` as the event tables, so ``Store`` creates them with the others
(SQLAlchemy Core; the same definitions work on SQLite and PostgreSQL).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, DateTime, Float, Index, Integer, String, Table, Text

from .schema import JSONType, metadata

# One imported entity. ``key`` is "<source>:<id>": "wikidata:Q7747", "cameo:VLADIMIR_PUTIN", "user:...".
# ``kind`` is country, organisation, group or person; ``data`` is the entry in kb/FORMAT.md's shape.
# ``refs`` keeps what an importer still has to resolve (Wikidata position and country QIDs).
kb_entities = Table(
    "kb_entities",
    metadata,
    Column("key", String, primary_key=True),
    Column("kind", String(16), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("qid", String(24), index=True),
    Column("data", JSONType, nullable=False),
    Column("refs", JSONType),
    Column("source", String(32), nullable=False, index=True),
    Column("imported_at", DateTime(timezone=True), nullable=False),
)

# Normalised surface form -> entity key (lower case, single spaces, no leading "the").
kb_names = Table(
    "kb_names",
    metadata,
    Column("name", Text, primary_key=True),
    Column("key", String, primary_key=True),
    Index("ix_kb_names_key", "key"),
)

# Items a Wikidata import needs to resolve others: positions (office, country, sector) and countries (ISO3).
kb_wikidata_refs = Table(
    "kb_wikidata_refs",
    metadata,
    Column("qid", String(24), primary_key=True),
    Column("kind", String(16), nullable=False),  # "position" or "country"
    Column("label", Text),
    Column("data", JSONType, nullable=False),
)

# One row per imported file: how far the import got, so that a rerun continues where it stopped.
kb_imports = Table(
    "kb_imports",
    metadata,
    Column("path", Text, primary_key=True),
    Column("kind", String(16), nullable=False),  # "wikidata" or "cameo"
    Column("size", BigInteger, nullable=False),
    Column("mtime", Float, nullable=False),
    Column("bytes_done", BigInteger, nullable=False, default=0),  # offset in the (decompressed) stream
    Column("lines_done", BigInteger, nullable=False, default=0),
    Column("entities", Integer, nullable=False, default=0),
    Column("finished", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
