"""The event store: coded articles, their PLOVER event records and quotes (SQLite or PostgreSQL)."""

from __future__ import annotations

from .store import Store, open_store

__all__ = ["Store", "open_store"]
