"""Summaries: timelines, dyads, one actor's profile, the knowledge-base checks, and the server's health."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from .. import __version__
from ..store import queries
from .params import Filters
from .state import State

router = APIRouter(tags=["summaries"])


@router.get("/stats/timeline", summary="Events per day or week, by quad class or type (with the /events filters)")
def stats_timeline(
    query: Filters,
    state: State,
    interval: Literal["day", "week"] = "day",
    by: Literal["quad", "type"] = "quad",
) -> dict[str, Any]:
    series = queries.timeline(state.store, query, interval=interval, by=by)
    return {"interval": interval, "by": by, "series": series}


@router.get("/stats/dyads", summary="Actor -> recipient pairs by number of events (with the /events filters)")
def stats_dyads(
    query: Filters,
    state: State,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    return {"dyads": queries.dyads(state.store, query, limit=limit)}


@router.get("/actors/{code}", summary="What the corpus holds about one actor code")
def actor(code: str, state: State) -> dict[str, Any]:
    code = code.strip().upper()
    if not queries.is_code(code):
        raise HTTPException(404, f"{code!r} is not an actor code (codes look like GBR, NATO, UNO)")
    profile = queries.actor_profile(state.store, code)
    name = kb_names().get(code)
    if profile["events"] == 0 and name is None:
        raise HTTPException(404, f"no events involve {code} and the knowledge base does not know it")
    return {"name": name, **profile}


@router.get("/checks", summary="Check flags across the corpus (claims that contradict the knowledge base)")
def checks(
    state: State,
    kind: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    total, flags = queries.checks(state.store, kind=kind or None, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "flags": flags}


@router.get("/health", summary="Liveness and store counts")
def health(state: State) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "read_only": state.read_only, "store": state.store.url,
            "stats": state.store.stats()}


@lru_cache(maxsize=1)
def kb_names() -> dict[str, str]:
    """Actor code -> name from the shipped knowledge base (countries, organisations and groups)."""
    from ..kb.loader import load_kb

    kb = load_kb()
    names = {code: country.name for code, country in kb.countries.items()}
    for org in kb.organisations:
        names.setdefault(org.code, org.name)
    return names
