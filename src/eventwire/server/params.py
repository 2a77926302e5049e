"""The /events filters as query parameters, checked and turned into a store EventQuery (422 on bad values)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from ..plover import EVENT_TYPES
from ..store.queries import SORTS, EventQuery

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
Text = Annotated[str | None, Query(max_length=500)]


def parse_day(value: str | None, name: str) -> dt.date | None:
    """YYYY-MM-DD -> date; anything else is a 422 naming the parameter."""
    if value is None or value == "":
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


def event_query(
    event_type: Annotated[list[str] | None, Query(alias="type", description="PLOVER type; repeat for several.")]
    = None,
    mode: Text = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="Quad class 1-4.")] = None,
    actor: Annotated[str | None, Query(max_length=500, description="Code (GBR) or name (case-insensitive).")]
    = None,
    recipient: Annotated[str | None, Query(max_length=500, description="Code or name.")] = None,
    country: Annotated[str | None, Query(max_length=500, description="Code on either side, or the place's "
                                                                      "country.")] = None,
    since: Annotated[str | None, Query(description="First date, YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[str | None, Query(description="Last date, YYYY-MM-DD, inclusive.")] = None,
    flagged: Annotated[bool | None, Query(description="true: only events with check flags.")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words that must all occur in the sentence.")]
    = None,
    article_id: Text = None,
    sort: Annotated[str, Query(description=f"One of {', '.join(SORTS)}; id breaks ties.")] = "date",
) -> EventQuery:
    """FastAPI dependency: the event filters of a request."""
    given = [*(event_type or []), mode, actor, recipient, country, q, article_id]
    if any(value and "\x00" in value for value in given):
        raise HTTPException(422, "filter values must not contain NUL characters")
    types = tuple(t.strip().upper() for t in event_type or [] if t.strip())
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise HTTPException(422, f"unknown event type {', '.join(unknown)}; PLOVER types are {', '.join(EVENT_TYPES)}")
    if sort not in SORTS:
        raise HTTPException(422, f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and first > last:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return EventQuery(
        types=types, mode=mode or None, quad=quad, actor=actor or None, recipient=recipient or None,
        country=country or None, since=first, until=last, flagged=flagged, q=q or None,
        article_id=article_id or None, sort=sort,
    )


Filters = Annotated[EventQuery, Depends(event_query)]
