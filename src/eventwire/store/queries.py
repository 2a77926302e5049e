"""Queries over a Store for the HTTP API: filtered, sorted, paged events; articles; actors; timelines;
dyads; the knowledge-base checks. Filtering, sorting and paging happen in SQL (SQLAlchemy Core); every value
a user gives is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, literal, literal_column, or_, select

from . import schema
from .store import Store

SORTS = ("date", "-date", "type", "-type", "confidence", "-confidence")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@dataclass(frozen=True)
class EventQuery:
    """Filters for events; every given filter must hold.

    ``actor``/``recipient``: an upper-case value (``GBR``, ``NATO``) is a code and must equal one of that
    side's codes; anything else is a name, found case-insensitively inside the side's entity texts
    (``wallace`` finds "Ben Wallace"). ``country``: a code on either side or the event's location country.
    ``q``: every word must occur (case-insensitively) in the evidence sentence. ``flagged``: events with
    (True) or without (False) check flags. ``since``/``until`` are inclusive and leave out undated events.
    """

    types: tuple[str, ...] = ()
    mode: str | None = None
    quad: int | None = None
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    flagged: bool | None = None
    q: str | None = None
    article_id: str | None = None
    sort: str = "date"


def is_code(value: str) -> bool:
    """True for values read as actor codes (upper-case letters and digits, 2-8 long), not names."""
    return bool(_CODE.match(value.strip()))


# -- events ----------------------------------------------------------------------------------------------


def count_events(store: Store, query: EventQuery) -> int:
    """How many events match the query's filters."""
    stmt = select(func.count()).select_from(schema.events).where(*_conditions(store, query))
    with store.engine.connect() as conn:
        return int(conn.scalar(stmt) or 0)


def find_events(store: Store, query: EventQuery, *, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """One page of event records in the query's stable order (``sort``, then id).

    Two steps: the page's ids first (filtered and sorted on narrow columns, from an index where there is one),
    then only those rows' records.
    """
    e = schema.events
    page = (
        select(e.c.id)
        .where(*_conditions(store, query, paging=True))
        .order_by(*_order(store, query.sort))
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        wanted = list(conn.scalars(page))
        if not wanted:
            return []
        records = {row[0]: row[1] for row in conn.execute(select(e.c.id, e.c.record).where(e.c.id.in_(wanted)))}
    return [records[event_id] for event_id in wanted]


def iter_events(store: Store, query: EventQuery, *, cap: int, chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """Every matching record in order, up to ``cap``, read a chunk at a time (for downloads)."""
    sent = 0
    while sent < cap:
        page = find_events(store, query, limit=min(chunk, cap - sent), offset=sent)
        yield from page
        sent += len(page)
        if len(page) < chunk:
            return


def _conditions(store: Store, query: EventQuery, *, paging: bool = False) -> list[Any]:
    """The query's filters as SQL conditions. ``paging``: for a sorted page, where the type is better read from
    the covering scan index than sought in its own index (counts are the other way round)."""
    e = schema.events
    found: list[Any] = []
    if query.types:
        event_type = _unindexed(store, e.c.event_type) if paging else e.c.event_type
        found.append(event_type.in_([t.strip().upper() for t in query.types]))
    if query.mode:
        found.append(_has_word(store, e.c.mode, query.mode.strip()))
    if query.quad is not None:
        found.append(e.c.quad_code == query.quad)
    if query.actor:
        found.append(_side(store, e.c.actor_codes, e.c.actor_names, query.actor))
    if query.recipient:
        found.append(_side(store, e.c.recipient_codes, e.c.recipient_names, query.recipient))
    if query.country:
        code = query.country.strip().upper()
        found.append(or_(_has_word(store, e.c.actor_codes, code), _has_word(store, e.c.recipient_codes, code),
                         e.c.location_country == code))
    if query.since is not None:
        found.append(e.c.date >= query.since)
    if query.until is not None:
        found.append(e.c.date <= query.until)
    if query.flagged is True:
        found.append(e.c.n_flags > 0)
    elif query.flagged is False:
        found.append(e.c.n_flags == 0)
    if query.q:
        for word in query.q.split():
            found.append(_position(store, func.coalesce(e.c.text, ""), literal(word.casefold())) > 0)
    if query.article_id is not None:
        found.append(e.c.article_id == query.article_id)
    return found


def _order(store: Store, sort: str) -> list[Any]:
    e = schema.events
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, got {sort!r}")
    by_type = _unindexed(store, e.c.event_type)
    column = {"date": e.c.date, "type": by_type, "confidence": e.c.confidence}[sort.lstrip("-")]
    key = column.desc() if sort.startswith("-") else column.asc()
    return [key.nulls_last(), e.c.id]


def _unindexed(store: Store, column: Any) -> Any:
    """On SQLite, ``column || ''``: the planner then scans the covering ix_events_scan (every filter column,
    ~25 ms for 100,000 events) instead of seeking a one-column index and reading thousands of wide rows."""
    return column + literal_column("''") if store.dialect == "sqlite" else column


def _side(store: Store, codes: Any, names: Any, value: str) -> Any:
    value = value.strip()
    if is_code(value):
        return _has_word(store, codes, value)
    return _position(store, names, literal(value.casefold())) > 0


def _has_word(store: Store, column: Any, word: str) -> Any:
    """``word`` is one of the space-separated words in ``column`` (exact; a bound value, never SQL)."""
    return _position(store, literal(" ") + column + literal(" "), literal(f" {word} ")) > 0


def _position(store: Store, haystack: Any, needle: Any) -> Any:
    position = func.strpos if store.dialect == "postgresql" else func.instr
    return position(haystack, needle)


# -- articles --------------------------------------------------------------------------------------------


def list_articles(store: Store, *, limit: int, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of articles without text: newest published first, then id)."""
    a = schema.articles
    columns = [a.c.id, a.c.title, a.c.outlet, a.c.url, a.c.published, a.c.status, a.c.n_events, a.c.n_flags]
    stmt = select(*columns).order_by(a.c.published.desc().nulls_last(), a.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        total = int(conn.scalar(select(func.count()).select_from(a)) or 0)
        rows = conn.execute(stmt).mappings().all()
    return total, [
        {**row, "published": row["published"].isoformat() if row["published"] else None} for row in rows
    ]


def checks(
    store: Store, *, kind: str | None = None, limit: int, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of the articles' check flags, each with article_id, title and published)."""
    a = schema.articles
    stmt = (
        select(a.c.id, a.c.title, a.c.published, a.c.flags)
        .where(a.c.n_flags > 0)
        .order_by(a.c.published.desc().nulls_last(), a.c.id)
    )
    found: list[dict[str, Any]] = []
    with store.engine.connect() as conn:
        for article_id, title, published, flags in conn.execute(stmt):
            for flag in flags or []:
                if not isinstance(flag, dict) or (kind and flag.get("kind") != kind):
                    continue
                found.append({
                    **{key: flag.get(key) for key in ("kind", "text", "claimed", "known", "source", "start", "end")},
                    "article_id": article_id,
                    "title": title,
                    "published": published.isoformat() if published else None,
                })
    return len(found), found[offset:offset + limit]


# -- actors, timelines, dyads ----------------------------------------------------------------------------


def actor_profile(store: Store, code: str) -> dict[str, Any]:
    """What the store holds about one actor code: counts by type on each side, top partners, date range."""
    e = schema.events
    as_actor = _has_word(store, e.c.actor_codes, code)
    as_recipient = _has_word(store, e.c.recipient_codes, code)
    with store.engine.connect() as conn:
        by_type_actor = dict(conn.execute(
            select(e.c.event_type, func.count()).where(as_actor).group_by(e.c.event_type)).all())
        by_type_recipient = dict(conn.execute(
            select(e.c.event_type, func.count()).where(as_recipient).group_by(e.c.event_type)).all())
        partners: Counter[str] = Counter()
        for partner, n in conn.execute(select(e.c.recipient_primary, func.count()).where(
                as_actor, e.c.recipient_primary.is_not(None)).group_by(e.c.recipient_primary)):
            partners[partner] += n
        for partner, n in conn.execute(select(e.c.actor_primary, func.count()).where(
                as_recipient, e.c.actor_primary.is_not(None)).group_by(e.c.actor_primary)):
            partners[partner] += n
        partners.pop(code, None)
        n_events, first, last = conn.execute(
            select(func.count(), func.min(e.c.date), func.max(e.c.date)).where(or_(as_actor, as_recipient))
        ).one()
    return {
        "code": code,
        "events": int(n_events or 0),
        "as_actor": {"total": sum(by_type_actor.values()), "by_type": _sorted_counts(by_type_actor)},
        "as_recipient": {"total": sum(by_type_recipient.values()), "by_type": _sorted_counts(by_type_recipient)},
        "partners": [{"code": c, "count": n} for c, n in sorted(partners.items(), key=lambda p: (-p[1], p[0]))[:10]],
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
    }


def timeline(store: Store, query: EventQuery, *, interval: str = "day", by: str = "quad") -> list[dict[str, Any]]:
    """Counts of dated events per ``interval`` (day, or week starting Monday) for each quad class or type."""
    if interval not in ("day", "week") or by not in ("quad", "type"):
        raise ValueError("interval must be day or week, and by must be quad or type")
    e = schema.events
    key = e.c.quad_code if by == "quad" else e.c.event_type
    stmt = (
        select(key, e.c.date, func.count())
        .where(*_conditions(store, query), e.c.date.is_not(None), key.is_not(None))
        .group_by(key, e.c.date)
    )
    counts: dict[str, Counter[dt.date]] = {}
    with store.engine.connect() as conn:
        for value, day, n in conn.execute(stmt):
            bucket = day - dt.timedelta(days=day.weekday()) if interval == "week" else day
            counts.setdefault(str(value), Counter())[bucket] += n
    return [
        {"key": name, "points": [{"date": day.isoformat(), "count": n} for day, n in sorted(points.items())]}
        for name, points in sorted(counts.items())
    ]


def dyads(store: Store, query: EventQuery, *, limit: int = 100) -> list[dict[str, Any]]:
    """Actor -> recipient pairs (primary codes) by number of events, with their mean PLOVER score."""
    e = schema.events
    n = func.count().label("n")
    stmt = (
        select(e.c.actor_primary, e.c.recipient_primary, n, func.avg(e.c.event_scale))
        .where(*_conditions(store, query), and_(e.c.actor_primary.is_not(None), e.c.recipient_primary.is_not(None)))
        .group_by(e.c.actor_primary, e.c.recipient_primary)
        .order_by(n.desc(), e.c.actor_primary, e.c.recipient_primary)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            {"actor": actor, "recipient": recipient, "count": int(count),
             "mean_score": round(float(mean), 3) if mean is not None else None}
            for actor, recipient, count, mean in conn.execute(stmt)
        ]


def _sorted_counts(counts: dict[str, int]) -> dict[str, int]:
    return dict(sorted(((str(k), int(v)) for k, v in counts.items() if k), key=lambda p: (-p[1], p[0])))
