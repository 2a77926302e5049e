"""The knowledge base kept in the store: imported entities, their names, import progress.

Importers (``kb/importers/``) and ``eventwire kb add`` write here; ``stored_entries`` hands the entries back in
kb/FORMAT.md's shape so that the coder can merge them into the shipped knowledge base.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..store import Store
from ..store.kb_schema import kb_entities, kb_imports, kb_names, kb_wikidata_refs

KINDS = ("country", "organisation", "group", "person")
# kind -> the key of its list in kb/FORMAT.md's files (countries.json, organisations.json, ...)
GROUPED = {"country": "countries", "organisation": "organisations", "group": "groups", "person": "people"}


@dataclass
class Entity:
    """One knowledge-base entry ready to be stored: ``data`` is in kb/FORMAT.md's shape."""

    key: str
    kind: str
    data: dict[str, Any]
    source: str
    refs: dict[str, Any] | None = None
    extra_names: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.data.get("name") or self.key)

    def names(self) -> set[str]:
        """The normalised forms this entity is found under."""
        texts = [self.data.get("name"), *self.data.get("aliases", []), *self.extra_names]
        return {n for n in (normalise(t) for t in texts if t) if n}


def normalise(text: str) -> str:
    """A name as looked up: lower case, single spaces, no leading "the"."""
    text = " ".join(str(text).replace("_", " ").split()).lower()
    return text[4:] if text.startswith("the ") else text


def engine_of(store: Store) -> Engine:
    """The store's SQLAlchemy engine."""
    return store.engine


def dialect_insert(conn: Connection, table: Any) -> Any:
    """The dialect's INSERT, which has ``on_conflict_do_update``/``on_conflict_do_nothing`` (as Store._insert)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


@contextmanager
def transaction(store: Store, doing: str) -> Iterator[Connection]:
    """One write transaction on the store; database errors become StoreError naming what was being done."""
    try:
        with engine_of(store).begin() as conn:
            yield conn
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError(f"could not {doing} in {store.url}: {reason}") from exc


@contextmanager
def reading(store: Store) -> Iterator[Connection]:
    """A read-only connection; database errors become StoreError."""
    try:
        with engine_of(store).connect() as conn:
            yield conn
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise StoreError(f"could not read the knowledge base in {store.url}: {reason}") from exc


# -- writing -------------------------------------------------------------------------------------------------


def upsert_entities(conn: Connection, entities: Iterable[Entity]) -> int:
    """Insert or replace entities (keyed by ``key``) and their names, in the caller's transaction."""
    rows = []
    names = []
    now = dt.datetime.now(dt.timezone.utc)
    for entity in entities:
        if entity.kind not in KINDS:
            raise ValueError(f"unknown entity kind {entity.kind!r}; expected one of {', '.join(KINDS)}")
        rows.append(
            {
                "key": entity.key,
                "kind": entity.kind,
                "name": entity.name,
                "qid": entity.data.get("qid"),
                "data": entity.data,
                "refs": entity.refs,
                "source": entity.source,
                "imported_at": now,
            }
        )
        names.extend({"name": name, "key": entity.key} for name in sorted(entity.names()))
    if not rows:
        return 0
    stmt = dialect_insert(conn, kb_entities)
    stmt = stmt.on_conflict_do_update(
        index_elements=[kb_entities.c.key],
        set_={col: stmt.excluded[col] for col in ("kind", "name", "qid", "data", "refs", "source", "imported_at")},
    )
    conn.execute(stmt, rows)
    keys = [row["key"] for row in rows]
    for start in range(0, len(keys), 500):
        conn.execute(delete(kb_names).where(kb_names.c.key.in_(keys[start : start + 500])))
    if names:
        conn.execute(dialect_insert(conn, kb_names).on_conflict_do_nothing(), names)
    return len(rows)


def delete_entities(conn: Connection, keys: list[str]) -> None:
    """Remove entities and their names (in the caller's transaction)."""
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        conn.execute(delete(kb_names).where(kb_names.c.key.in_(chunk)))
        conn.execute(delete(kb_entities).where(kb_entities.c.key.in_(chunk)))


def save_entities(store: Store, entities: Iterable[Entity]) -> int:
    """Insert or replace entities in one transaction; returns how many were written."""
    with transaction(store, "save knowledge-base entries") as conn:
        return upsert_entities(conn, entities)


def upsert_refs(conn: Connection, refs: list[dict[str, Any]]) -> None:
    """Insert or replace Wikidata helper items (``qid``, ``kind``, ``label``, ``data``)."""
    if not refs:
        return
    stmt = dialect_insert(conn, kb_wikidata_refs)
    stmt = stmt.on_conflict_do_update(
        index_elements=[kb_wikidata_refs.c.qid],
        set_={col: stmt.excluded[col] for col in ("kind", "label", "data")},
    )
    conn.execute(stmt, refs)


def load_refs(conn: Connection, qids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Stored Wikidata helper items by QID (those absent are left out)."""
    wanted = sorted(set(qids))
    found: dict[str, dict[str, Any]] = {}
    r = kb_wikidata_refs
    for start in range(0, len(wanted), 500):
        query = select(r.c.qid, r.c.kind, r.c.label, r.c.data).where(r.c.qid.in_(wanted[start : start + 500]))
        for row in conn.execute(query).mappings():
            found[row["qid"]] = {"kind": row["kind"], "label": row["label"], **(row["data"] or {})}
    return found


# -- import progress -----------------------------------------------------------------------------------------


def import_state(conn: Connection, path: str) -> dict[str, Any] | None:
    """The progress row of an imported file, or None when it was never imported."""
    row = conn.execute(select(kb_imports).where(kb_imports.c.path == path)).mappings().first()
    return dict(row) if row else None


def save_import_state(conn: Connection, state: dict[str, Any]) -> None:
    """Insert or replace a file's progress row (``path``, ``kind``, ``size``, ``mtime``, offsets, ``finished``)."""
    row = {**state, "updated_at": dt.datetime.now(dt.timezone.utc)}
    stmt = dialect_insert(conn, kb_imports).values(row)
    stmt = stmt.on_conflict_do_update(
        index_elements=[kb_imports.c.path], set_={col: stmt.excluded[col] for col in row if col != "path"}
    )
    conn.execute(stmt)


# -- reading -------------------------------------------------------------------------------------------------


def find(store: Store, name: str) -> list[dict[str, Any]]:
    """Stored entities found under ``name`` (any case, with or without "the"), or by key or QID."""
    e, n = kb_entities, kb_names
    wanted = normalise(name)
    by_name = select(n.c.key).where(n.c.name == wanted)
    query = select(e).where(
        e.c.key.in_(by_name) | (e.c.key == name.strip()) | (e.c.qid == name.strip().upper())
    ).order_by(e.c.kind, e.c.key)
    with reading(store) as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def iter_entities(store: Store, *, kind: str | None = None, source: str | None = None,
                  batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every stored entity (as a row dict), ordered by key, read in batches so memory stays small."""
    e = kb_entities
    last = ""
    while True:
        query = select(e).where(e.c.key > last).order_by(e.c.key).limit(batch)
        if kind is not None:
            query = query.where(e.c.kind == kind)
        if source is not None:
            query = query.where(e.c.source == source)
        with reading(store) as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        if not rows:
            return
        yield from rows
        last = rows[-1]["key"]


def counts(store: Store) -> dict[tuple[str, str], int]:
    """How many stored entities there are per (kind, source)."""
    e = kb_entities
    query = select(e.c.kind, e.c.source, func.count()).group_by(e.c.kind, e.c.source)
    with reading(store) as conn:
        return {(kind, source): int(n) for kind, source, n in conn.execute(query)}


def imports(store: Store) -> list[dict[str, Any]]:
    """Every file import recorded in the store, with its progress."""
    with reading(store) as conn:
        return [dict(row) for row in conn.execute(select(kb_imports).order_by(kb_imports.c.path)).mappings()]


def stored_entries(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The imported entries as raw dicts in FORMAT.md's shape, grouped as "countries", "organisations",
    "groups" and "people" (the lists of the shipped kb/data/ files), so the coder can merge them in."""
    grouped: dict[str, list[dict[str, Any]]] = {group: [] for group in GROUPED.values()}
    for row in iter_entities(store):
        data = dict(row["data"])
        if row["kind"] == "person":  # each office says where its fact comes from ("wikidata:Q7747", ...)
            data["offices"] = [{**o, "source": o.get("source") or row["key"]} for o in data.get("offices", [])]
        grouped[GROUPED[row["kind"]]].append(data)
    return grouped


def set_data(conn: Connection, key: str, data: dict[str, Any]) -> None:
    """Replace one entity's ``data`` (its names stay as they are)."""
    conn.execute(update(kb_entities).where(kb_entities.c.key == key).values(data=data))


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A key-safe form of a name: "Ben Wallace" -> "ben-wallace"."""
    return _SLUG.sub("-", normalise(text)).strip("-") or "unnamed"
