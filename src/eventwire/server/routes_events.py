"""/events: filtered, sorted, paged event records; the same query as a JSON, JSONL, CSV or Parquet download."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response, StreamingResponse

from ..store import queries
from ..store.queries import EventQuery
from . import downloads
from .params import Filters
from .state import ServerState, State

router = APIRouter(tags=["events"])


@router.get("/events", summary="Event records matching the filters, one page at a time")
def list_events(
    query: Filters,
    state: State,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Annotated[str | None, Query(description="json, jsonl, csv or parquet: download every match "
                                                    "(no paging) instead.")] = None,
) -> Any:
    if format is not None:
        return download(format, query, state)
    return {
        "total": queries.count_events(state.store, query),
        "limit": limit,
        "offset": offset,
        "events": queries.find_events(state.store, query, limit=limit, offset=offset),
    }


@router.get("/events.{fmt}", summary="Download every matching event record (json, jsonl, csv, parquet)")
def download_events(
    fmt: str, query: Filters, state: State
) -> Response:
    return download(fmt, query, state)


def download(fmt: str, query: EventQuery, state: ServerState) -> Response:
    """The whole query (up to the server's download cap) in one format; streamed except for Parquet."""
    if fmt not in downloads.FORMATS:
        raise HTTPException(422, f"format must be one of {', '.join(downloads.FORMATS)}, got {fmt!r}")
    total = queries.count_events(state.store, query)
    headers = {
        "Content-Disposition": f'attachment; filename="events.{fmt}"',
        "X-Total-Count": str(total),
        "X-Truncated": "true" if total > state.max_download else "false",
    }
    records = queries.iter_events(state.store, query, cap=state.max_download)
    media = downloads.FORMATS[fmt]
    if fmt == "parquet":
        return Response(downloads.parquet_bytes(records), media_type=media, headers=headers)
    writer = {"json": downloads.stream_json, "jsonl": downloads.stream_jsonl, "csv": downloads.stream_csv}[fmt]
    return StreamingResponse(writer(records), media_type=media, headers=headers)
