"""The HTTP API (``eventwire serve``): FastAPI over a store, for querying, downloading and coding articles."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
