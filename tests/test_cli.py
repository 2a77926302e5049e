"""The `eventwire` command, run in-process: code, events, show, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES
from eventwire.cli import app

runner = CliRunner()

GOOD = {"id": "good-1", "published": "2024-02-01", "url": "https://news.example.org/1", "outlet": "Example Wire",
        "title": "Talks", "text": "Norway hosted talks between Colombian officials and ELN rebels in Oslo on Tuesday."}


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "events.db")


def test_code_prints_jsonl_and_stores_events(tmp_path, db):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    result = run("code", str(src), "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert lines and lines[0]["article_id"] == "good-1"
    stored = run("events", "--db", db, "--format", "jsonl")
    assert [json.loads(x)["id"] for x in stored.stdout.splitlines()] == [r["id"] for r in lines]


def test_coding_the_same_article_twice_stores_nothing_twice(tmp_path, db):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    first = run("code", str(src), "--db", db, "--format", "jsonl")
    second = run("code", str(src), "--db", db, "--format", "jsonl")
    assert "1 already stored" in second.stderr
    assert first.stdout == second.stdout
    stored = run("events", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert len(stored) == len(first.stdout.splitlines())


def test_bad_inputs_each_give_one_error_line_and_good_articles_are_stored(tmp_path, db):
    (tmp_path / "batch.jsonl").write_text(
        json.dumps(GOOD) + "\n"
        + '{"id": "broken", "text": "unterminated\n'
        + json.dumps({"id": "empty", "text": "   "}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners protested in Lyon.".encode("latin-1"))
    (tmp_path / "notext.json").write_text(json.dumps({"id": "notext", "title": "No body"}), encoding="utf-8")
    result = run("code", str(tmp_path), "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, result.stderr
    assert any("batch.jsonl:2" in e and "malformed JSON" in e for e in errors)
    assert any("empty" in e and "empty 'text'" in e for e in errors)
    assert any("latin1" in e and "UTF-8" in e for e in errors)
    assert any("notext" in e for e in errors)
    shown = run("show", "good-1", "--db", db)
    assert json.loads(shown.stdout)["id"] == "good-1"


def test_exit_code_is_non_zero_only_when_nothing_could_be_coded(tmp_path, db):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    result = run("code", str(tmp_path / "bad.json"), "--db", db)
    assert result.exit_code == 1
    assert "bad.json" in result.stderr


def test_missing_file_is_reported_by_name(tmp_path, db):
    result = run("code", str(tmp_path / "nowhere.txt"), "--db", db)
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr


def test_plain_text_with_published_option(tmp_path, db):
    src = tmp_path / "story.txt"
    src.write_text("Police in Lagos arrested ten protesters yesterday.", encoding="utf-8")
    result = run("code", str(src), "--published", "2024-06-12", "--outlet", "Wire", "--db", db, "--format", "jsonl")
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert records and records[0]["date"] == "2024-06-11"
    assert records[0]["cite_info"]["outlet"] == "Wire"


def test_bad_published_option_is_a_clear_error(tmp_path, db):
    src = tmp_path / "story.txt"
    src.write_text("Police in Lagos arrested ten protesters yesterday.", encoding="utf-8")
    result = run("code", str(src), "--published", "last week", "--db", db)
    assert result.exit_code == 1
    assert "YYYY-MM-DD" in result.stderr


def test_events_filters_by_type_actor_and_dates(db):
    run("code", str(SAMPLES), "--db", db, "--format", "jsonl")
    everything = [json.loads(x) for x in run("events", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert everything
    some_type = everything[0]["event"][0]
    typed = [json.loads(x) for x in run("events", "--db", db, "-t", some_type.lower(), "--format", "jsonl")
             .stdout.splitlines()]
    assert typed and all(r["event"][0] == some_type for r in typed)
    actor = next(a["code"] for r in everything for a in r["actor"] if a["code"])
    by_actor = [json.loads(x) for x in run("events", "--db", db, "--actor", actor, "--format", "jsonl")
                .stdout.splitlines()]
    assert by_actor and all(actor in {a["code"] for a in r["actor"]} for r in by_actor)
    dated = [r for r in everything if r["date"]]
    day = dated[0]["date"]
    same_day = [json.loads(x) for x in run("events", "--db", db, "--since", day, "--until", day, "--format",
                                           "jsonl").stdout.splitlines()]
    assert same_day and all(r["date"] == day for r in same_day)


def test_events_rejects_unknown_type_and_bad_dates(db):
    assert "unknown event type" in run("events", "--db", db, "-t", "HUG").stderr
    assert "YYYY-MM-DD" in run("events", "--db", db, "--since", "May").stderr


def test_table_format_renders(tmp_path, db):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    result = run("code", str(src), "--db", db, "--format", "table")
    assert "CONSULT" in result.stdout


def test_validate_accepts_coded_records_and_rejects_broken_ones(tmp_path, db):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    out.write_text(run("code", str(src), "--db", db, "--format", "jsonl").stdout, encoding="utf-8")
    assert run("validate", str(out)).exit_code == 0
    broken = json.loads(out.read_text().splitlines()[0])
    broken["event"] = ["HUG"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(broken) + "\n", encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1 and "event/0" in result.stderr


def test_every_command_has_help_text():
    for command in ("code", "events", "show", "validate", "schema", "eval", "train"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert len(result.stdout) > 100


def test_readme_documents_every_command():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for command in ("code", "events", "show", "validate", "schema", "eval", "train"):
        assert f"eventwire {command}" in readme, command


def test_eval_reports_scores_worst_cases_and_each_slow_articles_own_time(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "g1", "text": "Kenyan police arrested forty protesters in Nairobi on Tuesday.",
         "published": "2024-06-25", "events": [{"type": "COERCE", "actor": ["KEN"]}]},
        {"id": "g2", "text": "Chile and Peru signed a fisheries agreement in Lima on Friday.",
         "published": "2024-06-21", "events": [{"type": "ASSAULT", "actor": ["CHL"]}]},  # wrong on purpose
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run("eval", str(gold), "--format", "json", "--errors", "5")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["type"]["per_type"]["COERCE"]["f1"] == 1.0
    assert any("Chile" in case["sentence"] for case in report["errors"])
    times = {slow["article_id"]: slow["seconds"] for slow in report["slowest"]}
    assert set(times) == {"g1", "g2"}
    # Each is coded alone: two short sentences take times of one order, not "all of it" and "nothing".
    assert min(times.values()) > 0.05 * max(times.values()), times
