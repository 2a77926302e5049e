"""The event store on SQLite files: saving, rerun skipping, failures, filters, errors, concurrency."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

from eventwire.article import Article
from eventwire.errors import ArticleNotFound, StoreError
from eventwire.store import Store, open_store
from eventwire.store import schema as store_schema
from eventwire.store.store import resolve_url

# -- helpers ---------------------------------------------------------------------------------------------


def make_record(
    article_id: str,
    n: int,
    *,
    event: str = "ASSAULT",
    date: str | None = "2024-03-01",
    actors: tuple[str, ...] = ("GBR",),
    recipients: tuple[str, ...] = ("FRA",),
    sentence: int = 0,
) -> dict[str, Any]:
    return {
        "id": f"{article_id}-e{n}",
        "date": date,
        "event": [event],
        "quad_code": 4,
        "event_scale": -9.0,
        # an uncoded actor entity (no "code") must not end up in the actor_codes column
        "actor": [{"code": c, "entity_text": c} for c in actors] + [{"code": None, "entity_text": "he"}],
        "recipient": [{"code": code, "entity_text": code} for code in recipients],
        "confidence": 0.9,
        "text_info": {"sequence": sentence},
    }


def make_quote(article_id: str, n: int, speaker_code: str | None = "GBR") -> dict[str, Any]:
    speaker = {"code": speaker_code, "entity_text": "the minister"} if speaker_code else None
    return {
        "id": f"{article_id}-q{n}",
        "text": "We will respond.",
        "start": 10 * n,
        "end": 10 * n + 16,
        "kind": "direct",
        "speaker": speaker,
    }


def make_article(article_id: str = "a1", text: str = "Britain attacked France.") -> Article:
    return Article(
        id=article_id,
        text=text,
        url=f"https://news.example/{article_id}",
        outlet="Example News",
        published=dt.date(2024, 3, 1),
        title="A title",
    )


@pytest.fixture
def store(tmp_path: Path):
    with open_store(tmp_path / "events.db") as opened:
        yield opened


# -- saving and reading back -----------------------------------------------------------------------------


def test_a_saved_article_reads_back_with_its_events_and_quotes(store: Store) -> None:
    article = make_article()
    records = [make_record("a1", 1), make_record("a1", 2, event="PROTEST", sentence=1)]
    quotes = [make_quote("a1", 1), make_quote("a1", 2, speaker_code=None)]
    flags = [{"kind": "low_confidence", "event": "a1-e1"}]

    store.save_article(article, records, quotes, flags)

    stored = store.article("a1")
    assert {k: stored[k] for k in article.to_dict()} == article.to_dict()
    assert stored["events"] == records
    assert stored["quotes"] == quotes
    assert stored["flags"] == flags
    assert stored["status"] == "coded"
    assert stored["error"] is None
    assert stored["n_events"] == 2
    assert dt.datetime.fromisoformat(stored["coded_at"]).tzinfo is not None
    assert store.events() == records


def test_saving_the_same_article_twice_stores_it_once(store: Store) -> None:
    article = make_article()
    records = [make_record("a1", 1), make_record("a1", 2)]
    store.save_article(article, records, [make_quote("a1", 1)])
    store.save_article(article, records, [make_quote("a1", 1)])

    assert store.stats() == {"articles": 1, "failed": 0, "events": 2, "quotes": 1}
    assert len(store.articles()) == 1


def test_an_unchanged_article_is_skipped_on_a_rerun(store: Store) -> None:
    article = make_article()
    assert not store.is_coded("a1", article.hash)

    store.save_article(article, [make_record("a1", 1)], [])

    assert store.is_coded("a1", article.hash)
    assert not store.is_coded("a1", make_article(text="Different text.").hash)
    assert not store.is_coded("other", article.hash)


def test_changed_text_recodes_the_article_and_replaces_its_events(store: Store) -> None:
    store.save_article(make_article(), [make_record("a1", 1), make_record("a1", 2)], [make_quote("a1", 1)])
    changed = make_article(text="France protested against Britain.")
    assert not store.is_coded("a1", changed.hash)

    new_records = [make_record("a1", 3, event="PROTEST", actors=("FRA",), recipients=("GBR",))]
    store.save_article(changed, new_records, [])

    stored = store.article("a1")
    assert stored["text"] == changed.text
    assert stored["events"] == new_records
    assert stored["quotes"] == []
    assert store.is_coded("a1", changed.hash)
    assert store.stats() == {"articles": 1, "failed": 0, "events": 1, "quotes": 0}


def test_a_failure_is_recorded_and_a_later_success_replaces_it(store: Store) -> None:
    article = make_article()
    store.save_failure("a1", article.hash, "parser crashed")

    failed = store.article("a1")
    assert failed["status"] == "failed"
    assert failed["error"] == "parser crashed"
    assert failed["events"] == []
    assert not store.is_coded("a1", article.hash)
    assert store.stats() == {"articles": 0, "failed": 1, "events": 0, "quotes": 0}

    store.save_failure("a1", None, "still broken")
    assert store.article("a1")["error"] == "still broken"

    store.save_article(article, [make_record("a1", 1)], [])
    coded = store.article("a1")
    assert coded["status"] == "coded"
    assert coded["error"] is None
    assert store.is_coded("a1", article.hash)
    assert store.stats() == {"articles": 1, "failed": 0, "events": 1, "quotes": 0}


def test_a_failure_does_not_overwrite_a_coded_article(store: Store) -> None:
    article = make_article()
    store.save_article(article, [make_record("a1", 1)], [])

    store.save_failure("a1", "some-other-hash", "timed out")

    stored = store.article("a1")
    assert stored["status"] == "coded"
    assert stored["error"] is None
    assert len(stored["events"]) == 1
    assert store.is_coded("a1", article.hash)


def test_stats_and_articles_list_coded_and_failed_articles_without_events(store: Store) -> None:
    store.save_article(make_article("a1"), [make_record("a1", 1)], [make_quote("a1", 1)])
    store.save_article(make_article("a2"), [make_record("a2", 1)], [])
    store.save_failure("a3", None, "empty text")

    listed = store.articles()
    assert [a["id"] for a in listed] == ["a1", "a2", "a3"]
    assert all("events" not in a and "quotes" not in a for a in listed)
    assert [a["status"] for a in listed] == ["coded", "coded", "failed"]
    assert len(store.articles(limit=2)) == 2
    assert store.stats() == {"articles": 2, "failed": 1, "events": 2, "quotes": 1}


# -- filters ---------------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_article(
        make_article("a1"),
        [
            make_record("a1", 1, event="ASSAULT", date="2024-03-01", actors=("GBR", "GBRGOV")),
            make_record("a1", 2, event="PROTEST", date="2024-03-05", actors=("FRA",), recipients=("GBR",)),
        ],
        [],
    )
    store.save_article(
        make_article("a2", "Russia threatened Ukraine."),
        [
            make_record("a2", 1, event="THREATEN", date="2024-02-20", actors=("RUS",), recipients=("UKR",)),
            make_record(
                "a2", 2, event="assault", date=None, actors=("RUS",), recipients=("UKR",), sentence=1
            ),
        ],
        [],
    )
    return store


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def test_events_filter_by_type_case_insensitively(filled: Store) -> None:
    assert ids(filled.events(types=["assault"])) == ["a1-e1", "a2-e2"]
    assert ids(filled.events(types=["Protest", "THREATEN"])) == ["a2-e1", "a1-e2"]
    assert filled.count_events(types=["ASSAULT"]) == 2
    assert filled.events(types=["SANCTION"]) == []


def test_events_filter_by_actor_and_recipient_codes_exactly(filled: Store) -> None:
    assert ids(filled.events(actor="GBR")) == ["a1-e1"]
    assert ids(filled.events(actor="GBRGOV")) == ["a1-e1"]
    assert filled.events(actor="GB") == []
    assert filled.events(actor="gbr") == []
    assert ids(filled.events(recipient="GBR")) == ["a1-e2"]
    assert ids(filled.events(actor="RUS", recipient="UKR")) == ["a2-e1", "a2-e2"]
    assert filled.count_events(recipient="UKR") == 2


def test_events_filter_by_inclusive_date_range_and_by_article(filled: Store) -> None:
    march = filled.events(since=dt.date(2024, 3, 1), until=dt.date(2024, 3, 5))
    assert ids(march) == ["a1-e1", "a1-e2"]
    assert ids(filled.events(until=dt.date(2024, 2, 29))) == ["a2-e1"]
    assert ids(filled.events(article_id="a2")) == ["a2-e1", "a2-e2"]
    assert filled.count_events(article_id="a2", since=dt.date(2024, 1, 1)) == 1
    assert filled.count_events() == 4


def test_events_come_back_ordered_by_date_article_and_sentence_with_limit_and_offset(filled: Store) -> None:
    everything = ids(filled.events())
    assert everything == ["a2-e1", "a1-e1", "a1-e2", "a2-e2"]  # undated events last
    assert ids(filled.events(limit=2)) == everything[:2]
    assert ids(filled.events(limit=2, offset=1)) == everything[1:3]
    assert ids(filled.events(offset=3)) == everything[3:]


NASTY_VALUES = ["GBR' OR 1=1 --", "%", "_BR", 'GBR" OR "1"="1', "'; DROP TABLE events; --"]


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_an_actor_value_with_sql_metacharacters_matches_nothing_and_does_not_fail(
    filled: Store, value: str
) -> None:
    assert filled.events(actor=value) == []
    assert filled.events(recipient=value) == []
    assert filled.events(types=[value]) == []
    assert filled.count_events(actor=value) == 0
    assert filled.count_events() == 4


# -- errors ----------------------------------------------------------------------------------------------


def test_a_missing_article_raises_article_not_found_naming_the_id_and_the_store(store: Store) -> None:
    with pytest.raises(ArticleNotFound) as raised:
        store.article("nope")
    assert str(raised.value) == f"no article with id 'nope' in {store.url}"
    assert isinstance(raised.value, StoreError)


def test_opening_a_path_in_a_missing_directory_raises_a_store_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "events.db"
    with pytest.raises(StoreError, match="does not exist") as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert not path.parent.exists()


def test_opening_a_file_that_is_not_a_sqlite_database_raises_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="not a SQLite database") as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert path.read_text() == "these are my notes, not a database\n"


def test_opening_a_directory_raises_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_a_path_and_a_sqlite_url_open_the_same_store(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with open_store(str(path)) as first:
        first.save_article(make_article(), [make_record("a1", 1)], [])
    with open_store(f"sqlite:///{path}") as second:
        assert ids(second.events()) == ["a1-e1"]
        assert second.url == f"sqlite:///{path}"


def test_postgresql_urls_use_psycopg_and_hide_the_password() -> None:
    url = resolve_url("postgresql://user:secret@db.example/events")
    assert url.drivername == "postgresql+psycopg"
    assert "secret" not in url.render_as_string(hide_password=True)
    assert resolve_url("postgresql+psycopg://u@h/d").drivername == "postgresql+psycopg"


def test_the_schema_compiles_for_postgresql() -> None:
    dialect = postgresql.dialect()
    for table in store_schema.metadata.sorted_tables:
        assert "CREATE TABLE" in str(CreateTable(table).compile(dialect=dialect))
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))


def test_an_unsupported_database_url_raises_a_store_error() -> None:
    with pytest.raises(StoreError, match="only SQLite and PostgreSQL"):
        open_store("mysql://user@localhost/events")


# -- SQLite settings and concurrency ---------------------------------------------------------------------


def test_the_sqlite_store_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_deleting_an_article_row_cascades_to_its_events_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with open_store(path) as store:
        store.save_article(make_article(), [make_record("a1", 1)], [make_quote("a1", 1)])
        with store._engine.begin() as conn:  # foreign_keys=ON is set per connection by the store
            conn.execute(store_schema.articles.delete())
        assert store.stats() == {"articles": 0, "failed": 0, "events": 0, "quotes": 0}


SAVES_PER_WORKER = 15


def _save_repeatedly(path: str, barrier: Any) -> None:
    article = make_article()
    records = [make_record("a1", n, sentence=n) for n in range(5)]
    with open_store(path) as store:
        barrier.wait()
        for _ in range(SAVES_PER_WORKER):
            store.save_article(article, records, [make_quote("a1", 1)])


def test_threads_saving_the_same_article_at_once_store_it_once(tmp_path: Path) -> None:
    path = str(tmp_path / "events.db")
    open_store(path).close()
    barrier = threading.Barrier(6)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            _save_repeatedly(path, barrier)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    with open_store(path) as store:
        assert store.stats() == {"articles": 1, "failed": 0, "events": 5, "quotes": 1}


def test_processes_saving_the_same_article_at_once_store_it_once(tmp_path: Path) -> None:
    path = str(tmp_path / "events.db")  # not created beforehand: the processes also race to create tables
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    workers = [context.Process(target=_save_repeatedly, args=(path, barrier)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]
    with open_store(path) as store:
        assert store.stats() == {"articles": 1, "failed": 0, "events": 5, "quotes": 1}
        assert ids(store.events()) == [f"a1-e{n}" for n in range(5)]
