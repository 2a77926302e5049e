"""The Store: saves coded articles with their events and quotes, and answers queries over them.

SQLAlchemy Core only. SQLite (a file) is the default; PostgreSQL works through the same code. Writes are
upserts (INSERT ... ON CONFLICT), so two processes saving the same article never store it twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, delete, event, func, insert, literal, make_url, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from ..article import Article
from ..errors import ArticleNotFound, StoreError
from . import schema

BUSY_TIMEOUT_MS = 30_000
_SQLITE_MAGIC = b"SQLite format 3\x00"
_BEGIN_IMMEDIATE = "eventwire_begin_immediate"  # execution option: take SQLite's write lock up front


def open_store(url_or_path: str | Path = "eventwire.db") -> Store:
    """Open (creating if needed) the store at a file path, ``sqlite:///path`` or ``postgresql://...``."""
    return Store(url_or_path)


class Store:
    """Coded articles, their PLOVER event records and quotes, in one SQL database."""

    url: str

    def __init__(self, url_or_path: str | Path = "eventwire.db", *, busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        url = resolve_url(url_or_path)
        self.url = url.render_as_string(hide_password=True)
        self._engine = _create_engine(url, self.url, busy_timeout_ms)
        try:
            self._create_schema()
        except BaseException:
            self._engine.dispose()
            raise

    # -- lifecycle -------------------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for query modules (store.queries) and importers that share this store."""
        return self._engine

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    # -- writing ---------------------------------------------------------------------------------------

    def is_coded(self, article_id: str, content_hash: str) -> bool:
        """True when this article id is stored as coded from the same text (a rerun can skip it)."""
        a = schema.articles
        query = select(a.c.id).where(
            a.c.id == article_id, a.c.status == "coded", a.c.content_hash == content_hash
        )
        with self._read() as conn:
            return conn.execute(query).first() is not None

    def save_article(
        self,
        article: Article,
        records: list[dict[str, Any]],
        quotes: list[dict[str, Any]],
        flags: list[dict[str, Any]] | None = None,
    ) -> None:
        """Store a coded article, replacing earlier events and quotes of the same id, in one transaction."""
        row = {
            "id": article.id,
            "content_hash": article.hash,
            "url": article.url,
            "outlet": article.outlet,
            "published": article.published,
            "title": article.title,
            "text": article.text,
            "coded_at": _now(),
            "n_events": len(records),
            "flags": list(flags or []),
            "n_flags": len(flags or []),
            "status": "coded",
            "error": None,
        }
        event_rows = [_event_row(article.id, record) for record in records]
        quote_rows = [_quote_row(article.id, quote) for quote in quotes]
        upsert = self._insert(schema.articles).values(row)
        upsert = upsert.on_conflict_do_update(
            index_elements=[schema.articles.c.id],
            set_={key: upsert.excluded[key] for key in row if key != "id"},
        )
        with self._write(f"save article {article.id!r}") as conn:
            conn.execute(upsert)  # takes the row lock first: concurrent saves of this id serialise here
            conn.execute(delete(schema.events).where(schema.events.c.article_id == article.id))
            conn.execute(delete(schema.quotes).where(schema.quotes.c.article_id == article.id))
            if event_rows:
                conn.execute(insert(schema.events), event_rows)
            if quote_rows:
                conn.execute(insert(schema.quotes), quote_rows)

    def save_failure(self, article_id: str, content_hash: str | None, reason: str) -> None:
        """Record that an article could not be coded; an already coded article of that id is left alone."""
        a = schema.articles
        row = {
            "id": article_id,
            "content_hash": content_hash,
            "coded_at": _now(),
            "n_events": 0,
            "flags": [],
            "n_flags": 0,
            "status": "failed",
            "error": reason,
        }
        upsert = self._insert(a).values(row)
        upsert = upsert.on_conflict_do_update(
            index_elements=[a.c.id],
            set_={key: upsert.excluded[key] for key in ("content_hash", "coded_at", "error")},
            where=a.c.status != "coded",
        )
        with self._write(f"record the failure of article {article_id!r}") as conn:
            conn.execute(upsert)

    # -- reading ---------------------------------------------------------------------------------------

    def events(
        self,
        *,
        types: Sequence[str] | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Event records matching every given filter, ordered by (date, article_id, sentence, id).

        ``types`` is case-insensitive; ``actor``/``recipient`` must equal one of the event's codes exactly;
        ``since``/``until`` are inclusive and exclude events without a date.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise ValueError("limit and offset must not be negative")
        e = schema.events
        query = (
            select(e.c.record)
            .where(*self._event_filters(types, actor, recipient, since, until, article_id))
            .order_by(e.c.date.asc().nulls_last(), e.c.article_id, e.c.sentence.asc().nulls_last(), e.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self._read() as conn:
            return list(conn.scalars(query))

    def count_events(
        self,
        *,
        types: Sequence[str] | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article_id: str | None = None,
    ) -> int:
        """How many events ``events()`` would return with the same filters and no limit."""
        query = (
            select(func.count())
            .select_from(schema.events)
            .where(*self._event_filters(types, actor, recipient, since, until, article_id))
        )
        with self._read() as conn:
            return int(conn.scalar(query) or 0)

    def article(self, article_id: str) -> dict[str, Any]:
        """One stored article with its ``events`` and ``quotes`` records; ArticleNotFound if absent."""
        a, e, q = schema.articles, schema.events, schema.quotes
        with self._read() as conn:
            row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
            if row is None:
                raise ArticleNotFound(f"no article with id {article_id!r} in {self.url}")
            found = _article_dict(row)
            found["events"] = list(
                conn.scalars(
                    select(e.c.record)
                    .where(e.c.article_id == article_id)
                    .order_by(e.c.sentence.asc().nulls_last(), e.c.id)
                )
            )
            found["quotes"] = list(
                conn.scalars(
                    select(q.c.record)
                    .where(q.c.article_id == article_id)
                    .order_by(q.c.start.asc().nulls_last(), q.c.id)
                )
            )
        return found

    def articles(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored articles (coded and failed), oldest first, without their events."""
        a = schema.articles
        query = select(a).order_by(a.c.coded_at, a.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [_article_dict(row) for row in conn.execute(query).mappings()]

    def stats(self) -> dict[str, int]:
        """Counts: coded ``articles``, ``failed`` articles, ``events``, ``quotes``."""
        a = schema.articles
        with self._read() as conn:
            rows = conn.execute(select(a.c.status, func.count()).group_by(a.c.status))
            by_status = {status: count for status, count in rows}
            n_events = conn.scalar(select(func.count()).select_from(schema.events))
            n_quotes = conn.scalar(select(func.count()).select_from(schema.quotes))
        return {
            "articles": int(by_status.get("coded", 0)),
            "failed": int(by_status.get("failed", 0)),
            "events": int(n_events or 0),
            "quotes": int(n_quotes or 0),
        }

    # -- internals -------------------------------------------------------------------------------------

    def _create_schema(self) -> None:
        try:
            self._create_tables()
        except StoreError:
            if self._engine.dialect.name != "postgresql":
                raise
            self._create_tables()  # another process created the same tables at the same moment: retry once
        with self._read() as conn:
            version = conn.scalar(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version"))
        if int(version or 0) < schema.SCHEMA_VERSION:
            from .migrate import upgrade

            upgrade(self, int(version or 0))
        elif self._engine.dialect.name == "sqlite":  # stores made by an early schema-2 build lack it
            with self._write("create the scan index") as conn:
                conn.exec_driver_sql(schema.SQLITE_SCAN_INDEX)
        if int(version or 0) > schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.url} was written by a newer eventwire (schema {version}, this one reads "
                f"{schema.SCHEMA_VERSION}); upgrade eventwire or use another store"
            )

    def _create_tables(self) -> None:
        version = self._insert(schema.meta).values(key="schema_version", value=str(schema.SCHEMA_VERSION))
        with self._write("create the tables") as conn:
            schema.metadata.create_all(conn, checkfirst=True)
            conn.execute(version.on_conflict_do_nothing(index_elements=[schema.meta.c.key]))

    def _insert(self, table: Any) -> Any:
        """The dialect's INSERT, which has ``on_conflict_do_update``/``on_conflict_do_nothing``."""
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    def _event_filters(
        self,
        types: Sequence[str] | None,
        actor: str | None,
        recipient: str | None,
        since: dt.date | None,
        until: dt.date | None,
        article_id: str | None,
    ) -> list[Any]:
        e = schema.events
        conditions: list[Any] = []
        if types:
            wanted = [types] if isinstance(types, str) else list(types)
            conditions.append(e.c.event_type.in_([t.strip().upper() for t in wanted]))
        if actor is not None:
            conditions.append(self._has_code(e.c.actor_codes, actor))
        if recipient is not None:
            conditions.append(self._has_code(e.c.recipient_codes, recipient))
        if since is not None:
            conditions.append(e.c.date >= since)
        if until is not None:
            conditions.append(e.c.date <= until)
        if article_id is not None:
            conditions.append(e.c.article_id == article_id)
        return conditions

    def _has_code(self, column: Any, code: str) -> Any:
        """``code`` is one of the space-separated codes in ``column`` (exact, case-sensitive, bound value)."""
        padded = literal(" ") + column + literal(" ")
        needle = literal(f" {code.strip()} ")
        position = func.strpos if self._engine.dialect.name == "postgresql" else func.instr
        return position(padded, needle) > 0

    @contextmanager
    def _write(self, doing: str) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{_BEGIN_IMMEDIATE: True})
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"could not {doing} in {self.url}: {_reason(exc)}") from exc

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"could not read {self.url}: {_reason(exc)}") from exc


# -- opening -------------------------------------------------------------------------------------------


def resolve_url(url_or_path: str | Path) -> URL:
    """A path means a SQLite file; URLs are taken as they are, ``postgresql://`` using psycopg 3."""
    if isinstance(url_or_path, Path) or "://" not in url_or_path:
        if str(url_or_path) == ":memory:":
            return URL.create("sqlite")
        return URL.create("sqlite", database=str(Path(url_or_path).expanduser().absolute()))
    try:
        url = make_url(url_or_path)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url_or_path!r}; give a file path or sqlite:///path") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def _create_engine(url: URL, shown: str, busy_timeout_ms: int) -> Engine:
    backend = url.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_file(url.database)
    elif backend != "postgresql":
        raise StoreError(f"cannot open store {shown}: only SQLite and PostgreSQL databases are supported")
    try:
        engine = create_engine(url, pool_pre_ping=backend == "postgresql")
    except ImportError as exc:
        raise StoreError(
            f"cannot open store {shown}: its database driver is not installed ({exc}); "
            "for PostgreSQL run: pip install 'psycopg[binary]'"
        ) from None
    if backend == "sqlite":
        _configure_sqlite(engine, busy_timeout_ms)
    return engine


def _check_sqlite_file(database: str | None) -> None:
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.is_dir():
        raise StoreError(
            f"cannot open store {path}: it is a directory; give a file path such as {path / 'eventwire.db'}"
        )
    if not path.parent.is_dir():
        raise StoreError(
            f"cannot open store {path}: the directory {path.parent} does not exist; "
            "create it first or choose another path"
        )
    if path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            header = fh.read(len(_SQLITE_MAGIC))
        if header != _SQLITE_MAGIC:
            raise StoreError(
                f"cannot open store {path}: the file exists but is not a SQLite database; "
                "choose another path or move that file away"
            )


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL (readers never block the writer), enforced foreign keys, waiting on locks, explicit BEGIN."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver must not BEGIN on its own; _on_begin does
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # Writers take the write lock at BEGIN, so two writers queue on busy_timeout instead of deadlocking.
        immediate = conn.get_execution_options().get(_BEGIN_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# -- rows <-> dicts ------------------------------------------------------------------------------------


def _event_row(article_id: str, record: dict[str, Any]) -> dict[str, Any]:
    try:
        event_type = record["event"]
        if isinstance(event_type, (list, tuple)):
            event_type = event_type[0] if event_type else None
        return {
            "id": str(record["id"]),
            "article_id": article_id,
            "date": _parse_date(record.get("date")),
            "event_type": str(event_type).upper() if event_type else None,
            "quad_code": record.get("quad_code"),
            "event_scale": record.get("event_scale"),
            "actor_codes": _codes(record.get("actor")),
            "recipient_codes": _codes(record.get("recipient")),
            "confidence": record.get("confidence"),
            "sentence": (record.get("text_info") or {}).get("sequence"),
            "record": record,
            **query_columns(record),
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"article {article_id!r}: event record without a usable {exc} field") from None


def _quote_row(article_id: str, quote: dict[str, Any]) -> dict[str, Any]:
    try:
        speaker = quote.get("speaker") or {}
        return {
            "id": str(quote["id"]),
            "article_id": article_id,
            "speaker_name": speaker.get("identifier_text") or speaker.get("entity_text"),
            "speaker_code": speaker.get("code"),
            "text": quote.get("text"),
            "start": quote.get("start"),
            "end": quote.get("end"),
            "kind": quote.get("kind"),
            "record": quote,
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise StoreError(f"article {article_id!r}: quote record without a usable {exc} field") from None


def query_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The events table's query columns (schema 2) for one record: modes, names, primary codes, place, flags."""
    actors, recipients = _entities(record.get("actor")), _entities(record.get("recipient"))
    place = record.get("event_loc") or {}
    text = record.get("text")
    return {
        "mode": " ".join(str(mode) for mode in record.get("mode") or [] if mode),
        "actor_names": _names(actors),
        "recipient_names": _names(recipients),
        "actor_primary": next((str(e["code"]) for e in actors if e.get("code")), None),
        "recipient_primary": next((str(e["code"]) for e in recipients if e.get("code")), None),
        "location_country": (place.get("country") or None) if isinstance(place, dict) else None,
        "n_flags": len(record.get("flags") or []),
        "text": text.casefold() if isinstance(text, str) else None,  # for word search; the record keeps the case
    }


def _entities(entities: Any) -> list[dict[str, Any]]:
    if not entities:
        return []
    return [entities] if isinstance(entities, dict) else [e for e in entities if isinstance(e, dict)]


def _names(entities: list[dict[str, Any]]) -> str:
    """Casefolded entity texts and identifier texts, each wrapped in newlines: "\nben wallace\nwallace\n"."""
    names: list[str] = []
    for entity in entities:
        for key in ("entity_text", "identifier_text"):
            value = entity.get(key)
            if isinstance(value, str) and value.strip() and value.strip().casefold() not in names:
                names.append(value.strip().casefold().replace("\n", " "))
    return "\n" + "\n".join(names) + "\n" if names else ""


def _codes(entities: Any) -> str:
    if not entities:
        return ""
    if isinstance(entities, dict):
        entities = [entities]
    return " ".join(str(entity["code"]) for entity in entities if entity.get("code"))


def _parse_date(value: Any) -> dt.date | None:
    """YYYY-MM-DD (or a longer ISO string) -> date; anything else is stored as NULL (the record keeps it)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article_dict(row: Any) -> dict[str, Any]:
    coded_at = row["coded_at"]
    if coded_at is not None:
        # SQLite hands back naive datetimes; every stored timestamp is UTC.
        coded_at = coded_at.replace(tzinfo=dt.timezone.utc) if coded_at.tzinfo is None else coded_at
        coded_at = coded_at.astimezone(dt.timezone.utc).isoformat()
    return {
        "id": row["id"],
        "url": row["url"],
        "outlet": row["outlet"],
        "published": row["published"].isoformat() if row["published"] else None,
        "title": row["title"],
        "text": row["text"],
        "content_hash": row["content_hash"],
        "coded_at": coded_at,
        "n_events": row["n_events"],
        "flags": row["flags"] or [],
        "status": row["status"],
        "error": row["error"],
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _reason(exc: SQLAlchemyError) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return str(exc).splitlines()[0]
