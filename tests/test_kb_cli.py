"""``eventwire kb``: import-wikidata, import-cameo, add, show, stats, run through typer's CliRunner on the kb
sub-app against a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.kb_cli import app

SAMPLE = Path(__file__).parent / "data" / "kb" / "wikidata-sample.json"
PETRARCH = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"

runner = CliRunner()


def kb(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "kb.db")


def test_import_wikidata_then_show_a_person_on_a_date(db):
    result = kb("import-wikidata", SAMPLE, "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    assert "22 lines read: 3 country, 2 group, 1 organisation, 7 person, 3 position; 1 people without a known " \
           "office left out; finished" in " ".join(result.output.split())
    shown = kb("show", "BoJo", "--on", "2020-01-01", "--db", db)
    assert shown.exit_code == 0, shown.output
    assert "wikidata person Boris Johnson [wikidata:Q180589] on 2020-01-01: Prime Minister of the United " \
           "Kingdom (GBR GOV)" in shown.output
    again = kb("import-wikidata", SAMPLE, "--db", db, "--quiet")
    assert "already imported" in again.output


def test_an_interrupted_import_says_how_to_continue(db):
    first = kb("import-wikidata", SAMPLE, "--db", db, "--quiet", "--stop-after", "5")
    assert first.exit_code == 0 and "run the same command again to continue" in first.output
    second = kb("import-wikidata", SAMPLE, "--db", db, "--quiet")
    assert "continued after line 6" in second.output and "finished" in second.output


def test_show_lists_shipped_and_stored_offices(db):
    kb("import-wikidata", SAMPLE, "--db", db, "--quiet")
    shown = kb("show", "Vladimir Putin", "--db", db)
    assert shown.exit_code == 0, shown.output
    assert "shipped person Vladimir Putin [Q7747]" in shown.output
    assert "wikidata person Vladimir Putin [wikidata:Q7747]" in shown.output
    assert "President of Russia (RUS GOV) 2012-05-07 to present" in shown.output


@pytest.mark.skipif(not PETRARCH.is_dir(), reason="the PETRARCH dictionaries are not on this machine")
def test_import_cameo_reports_counts_and_shows_groups(db):
    result = kb("import-cameo", PETRARCH / "Phoenix.MilNonState.actors.txt", "--db", db)
    assert result.exit_code == 0, result.output
    assert "1,018 entries (1 country, 1,016 group, 1 person); 0 lines skipped" in result.output
    shown = kb("show", "Taleban", "--db", db)
    assert "cameo group Taliban [cameo:TALIBAN]: AFG REB" in shown.output


def test_bad_cameo_lines_are_warnings_not_failures(db, tmp_path):
    path = tmp_path / "bad.actors.txt"
    path.write_text("SOMEONE_\n\t[GBRGOV 991301-000101]\n\t[GBRGOV >000101]\n", "utf-8")
    result = kb("import-cameo", path, "--db", db)
    assert result.exit_code == 0
    assert f"warning: {path}:2: [GBRGOV 991301-000101]: bad date '991301' (no such day); skipped" in result.output
    assert "1 entries (1 person); 1 lines skipped" in result.output


def test_add_a_person_from_options_and_show_the_office_of_the_day(db):
    result = kb("add", "--kind", "person", "--name", "Ada Example", "--alias", "A. Example",
                "--office", "Minister of Defence", "--country", "xyz", "--sector", "mil",
                "--title", "Defence Minister", "--start", "2020-01-01", "--end", "2021-12-31", "--db", db)
    assert result.exit_code == 0, result.output
    assert "added person Ada Example as user:person:ada-example" in result.output
    during = kb("show", "a. example", "--on", "2021-06-01", "--db", db)
    assert "on 2021-06-01: Minister of Defence (XYZ MIL)" in during.output
    after = kb("show", "Ada Example", "--on", "2022-06-01", "--db", db)
    assert "on 2022-06-01: no known office" in after.output


def test_add_entries_from_a_json_file(db, tmp_path):
    entries = tmp_path / "entries.json"
    entries.write_text(json.dumps([
        {"name": "Example Front", "aliases": ["EF"], "code": "XYZ", "sector": "REB"},
        {"name": "Example Union", "code": "EXU", "sector": "IGO", "country": None},
    ]), "utf-8")
    result = kb("add", "--json", entries, "--db", db)
    assert result.exit_code == 0, result.output
    assert "added group Example Front" in result.output and "added organisation Example Union" in result.output
    stats = kb("stats", "--db", db)
    assert stats.exit_code == 0, stats.output
    assert "group" in stats.output and "user" in stats.output


def test_stats_counts_by_kind_and_source(db):
    kb("import-wikidata", SAMPLE, "--db", db, "--quiet")
    result = kb("stats", "--db", db)
    assert result.exit_code == 0, result.output
    rows = [line.split("│") for line in result.output.splitlines() if "wikidata" in line and "│" in line]
    assert {(r[1].strip(), r[3].strip()) for r in rows} == {("country", "3"), ("group", "2"),
                                                            ("organisation", "1"), ("person", "6")}
    assert "finished" in result.output


@pytest.mark.parametrize("args, message", [
    (["show", "Nobody Knownname"], "knows nothing called 'Nobody Knownname'"),
    (["show", "Putin", "--on", "yesterday"], "--on must be a date as YYYY-MM-DD"),
    (["add", "--kind", "person"], "give --name"),
    (["add", "--name", "X", "--kind", "country"], "a country needs --code"),
    (["add", "--name", "X", "--office", "Minister"], "needs --country (ISO3) and --sector"),
    (["import-wikidata", "missing.json.gz", "--quiet"], "no Wikidata dump at missing.json.gz"),
])
def test_mistakes_give_a_message_and_exit_code_1(db, args, message):
    result = kb(*args, "--db", db)
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
