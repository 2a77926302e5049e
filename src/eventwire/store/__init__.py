"""The event store: coded articles, their PLOVER event records and quotes (SQLite or PostgreSQL)."""

from __future__ import annotations

from . import kb_schema  # noqa: F401  (registers the knowledge-base tables with the store's metadata)
from .store import Store, open_store

__all__ = ["Store", "open_store"]
