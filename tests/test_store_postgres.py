"""The store against a real PostgreSQL server: the same behaviours as test_store.py, plus two real
`eventwire code` processes racing on one database, and `eventwire events --db postgresql+psycopg://...`.

The tests imported from test_store below run here a second time, with ``store`` bound to PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import SAMPLES
from eventwire.store import Store, open_store
from eventwire.store import schema as store_schema
from pg import pg_server, pg_url  # noqa: F401 - fixtures
from test_store import (  # noqa: F401 - the shared behaviours, collected again with a PostgreSQL store
    NASTY_VALUES,
    filled,
    ids,
    make_article,
    make_quote,
    make_record,
    test_a_failure_does_not_overwrite_a_coded_article,
    test_a_failure_is_recorded_and_a_later_success_replaces_it,
    test_a_missing_article_raises_article_not_found_naming_the_id_and_the_store,
    test_a_saved_article_reads_back_with_its_events_and_quotes,
    test_an_actor_value_with_sql_metacharacters_matches_nothing_and_does_not_fail,
    test_an_unchanged_article_is_skipped_on_a_rerun,
    test_changed_text_recodes_the_article_and_replaces_its_events,
    test_events_come_back_ordered_by_date_article_and_sentence_with_limit_and_offset,
    test_events_filter_by_actor_and_recipient_codes_exactly,
    test_events_filter_by_inclusive_date_range_and_by_article,
    test_events_filter_by_type_case_insensitively,
    test_saving_the_same_article_twice_stores_it_once,
    test_stats_and_articles_list_coded_and_failed_articles_without_events,
)


@pytest.fixture
def store(pg_url: str):  # noqa: F811 - overrides test_store's SQLite fixture for the imported tests
    with open_store(pg_url) as opened:
        yield opened


def test_the_store_really_is_postgresql(store: Store) -> None:
    assert store.dialect == "postgresql"
    assert store.url.startswith("postgresql+psycopg://")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version()").scalar().startswith("PostgreSQL")


def test_opening_the_same_database_twice_keeps_one_schema(pg_url: str) -> None:  # noqa: F811
    with open_store(pg_url) as first, open_store(pg_url) as second:
        first.save_article(make_article(), [make_record("a1", 1)], [make_quote("a1", 1)])
        assert ids(second.events()) == ["a1-e1"]
        assert second.stats() == {"articles": 1, "failed": 0, "events": 1, "quotes": 1}


def test_the_query_columns_are_filled_on_postgresql(store: Store) -> None:
    record = make_record("a1", 1) | {"mode": ["military"], "event_loc": {"country": "UKR"}, "text": "Quoted."}
    store.save_article(make_article(), [record], [])
    e = store_schema.events
    with store.engine.connect() as conn:
        row = conn.execute(select(e.c.mode, e.c.actor_primary, e.c.location_country, e.c.text)).one()
    assert tuple(row) == ("military", "GBR", "UKR", "quoted.")  # the sentence casefolded, for word search


# -- the real command line against PostgreSQL ------------------------------------------------------------


def _eventwire(*args: str) -> subprocess.Popen[str]:
    """The real `eventwire` command in its own process (this interpreter, so the same installation)."""
    return subprocess.Popen([sys.executable, "-c", "from eventwire.cli import app; app()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _articles(path: Path, numbers: range) -> Path:
    lines = []
    for n in numbers:
        lines.append(json.dumps({
            "id": f"race-{n}", "published": "2024-02-01", "url": f"https://news.example.org/{n}",
            "outlet": "Example Wire", "title": f"Talks {n}",
            "text": f"Norway hosted talks between Colombian officials and ELN rebels in Oslo on Tuesday. "
                    f"Britain sent {n + 2} tanks to Ukraine on Monday.",
        }))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_code_processes_on_overlapping_inputs_store_each_article_once(tmp_path: Path, pg_url: str) -> None:  # noqa: F811
    first = _articles(tmp_path / "first.jsonl", range(0, 8))
    second = _articles(tmp_path / "second.jsonl", range(4, 12))  # race-4 .. race-7 are in both
    runs = [_eventwire("code", str(path), "--db", pg_url, "--format", "jsonl") for path in (first, second)]
    outputs = [run.communicate(timeout=600) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    with open_store(pg_url) as store:
        a = store_schema.articles
        with store.engine.connect() as conn:
            per_id = dict(conn.execute(select(a.c.id, func.count()).group_by(a.c.id)).all())
        assert per_id == {f"race-{n}": 1 for n in range(12)}
        events = store.events()
        assert len(events) == len({e["id"] for e in events})  # no event stored twice
        assert {e["article_id"] for e in events} == {f"race-{n}" for n in range(12)}
        assert store.stats()["articles"] == 12


def test_eventwire_events_reads_a_postgresql_store(pg_url: str) -> None:  # noqa: F811
    coded = _eventwire("code", str(SAMPLES / "articles.jsonl"), "--db", pg_url, "--format", "jsonl")
    out, err = coded.communicate(timeout=600)
    assert coded.returncode == 0, err
    written = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert written

    listed = _eventwire("events", "--db", pg_url, "--format", "jsonl")
    out, err = listed.communicate(timeout=300)
    assert listed.returncode == 0, err
    assert sorted(json.loads(line)["id"] for line in out.splitlines()) == sorted(r["id"] for r in written)

    one_type = written[0]["event"][0]
    typed = _eventwire("events", "--db", pg_url, "--type", one_type, "--format", "jsonl")
    out, _ = typed.communicate(timeout=300)
    assert {json.loads(line)["event"][0] for line in out.splitlines()} == {one_type}
