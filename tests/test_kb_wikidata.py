"""The Wikidata importer: a small dump in Wikidata's own JSON format (tests/data/kb/wikidata-sample.json) is
streamed into a real SQLite store; plain, gzip and bzip2 give the same result; an interrupted import continues
where it stopped; importing again changes nothing."""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from eventwire.errors import KnowledgeBaseError
from eventwire.kb import stored
from eventwire.kb.importers import import_wikidata
from eventwire.kb.importers.wikidata import wikidata_date
from eventwire.kb.loader import KnowledgeBase
from eventwire.store import open_store
from eventwire.store.kb_schema import kb_entities, kb_names

SAMPLE = Path(__file__).parent / "data" / "kb" / "wikidata-sample.json"


def snapshot(store) -> tuple[list, list]:
    """Everything the import wrote that matters (not the timestamps)."""
    with stored.reading(store) as conn:
        entities = [
            (r.key, r.kind, r.name, r.qid, r.data, r.refs, r.source)
            for r in conn.execute(select(kb_entities).order_by(kb_entities.c.key))
        ]
        names = [tuple(r) for r in conn.execute(select(kb_names).order_by(kb_names.c.name, kb_names.c.key))]
    return entities, names


def by_key(store) -> dict[str, dict]:
    return {row["key"]: row for row in stored.iter_entities(store)}


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "kb.db") as s:
        yield s


@pytest.fixture
def imported(store):
    result = import_wikidata(store, SAMPLE)
    return store, result


def test_people_with_positions_are_kept_with_their_dated_offices(imported):
    store, result = imported
    rows = by_key(store)
    putin = rows["wikidata:Q7747"]["data"]
    assert putin["name"] == "Vladimir Putin" and putin["gender"] == "m"
    assert "Putin" in putin["aliases"]
    assert [(o["office"], o["country"], o["sector"], o["start"], o["end"]) for o in putin["offices"]] == [
        ("Prime Minister of Russia", "RUS", "GOV", "1999-08-16", "2000-05-07"),
        ("President of Russia", "RUS", "GOV", "2000-05-07", "2008-05-07"),
        ("Prime Minister of Russia", "RUS", "GOV", "2008-05-08", "2012-05-07"),
        ("President of Russia", "RUS", "GOV", "2012-05-07", None),
    ]  # the deprecated statement (Prime Minister of the UK) is not read
    johnson = rows["wikidata:Q180589"]["data"]["offices"]
    assert johnson == [{"office": "Prime Minister of the United Kingdom", "titles": ["prime minister", "premier"],
                        "country": "GBR", "sector": "GOV", "start": "2019-07-24", "end": "2022-09-06",
                        "qid": "Q14211"}]
    assert result.finished and not result.problems


def test_a_position_found_in_the_dump_takes_its_country_from_the_country_item(imported):
    store, _ = imported
    rows = by_key(store)
    (lavrov,) = rows["wikidata:Q80137"]["data"]["offices"]
    # Q831691 is not in positions.json: its P17 is Russia, whose P298 in the dump says RUS; its P279 "minister"
    # gives the title word.
    assert (lavrov["office"], lavrov["country"], lavrov["sector"], lavrov["titles"]) == (
        "Minister of Foreign Affairs of Russia", "RUS", "GOV", ["minister"])
    (zelensky,) = rows["wikidata:Q3881980"]["data"]["offices"]
    # Ukraine has no P298 in the sample: pycountry names it.
    assert (zelensky["office"], zelensky["country"], zelensky["titles"]) == ("President of Ukraine", "UKR",
                                                                             ["president"])


def test_dates_of_year_and_month_precision_cover_the_whole_period(imported):
    store, _ = imported
    (scholz,) = by_key(store)["wikidata:Q61053"]["data"]["offices"]
    assert (scholz["start"], scholz["end"]) == ("2021-01-01", "2025-05-31")


def test_countries_organisations_and_groups(imported):
    store, _ = imported
    rows = by_key(store)
    assert rows["wikidata:Q145"]["kind"] == "country" and rows["wikidata:Q145"]["data"]["code"] == "GBR"
    assert rows["wikidata:Q212"]["data"]["code"] == "UKR"
    nato = rows["wikidata:Q7184"]
    assert nato["kind"] == "organisation" and (nato["data"]["code"], nato["data"]["sector"]) == ("NATO", "IGO")
    tories = rows["wikidata:Q9626"]
    assert tories["kind"] == "group" and (tories["data"]["code"], tories["data"]["sector"]) == ("GBR", "PTY")
    assert rows["wikidata:Q38799"]["data"]["code"] == "PSE"  # Palestine through the shipped KB's QID


def test_everything_else_is_skipped(imported):
    store, result = imported
    keys = set(by_key(store))
    assert "wikidata:Q42" not in keys  # a person without a position
    assert "wikidata:Q64" not in keys and "wikidata:Q2" not in keys and "wikidata:Q1860" not in keys
    assert "wikidata:Q999999998" not in keys  # their only position is unknown anywhere
    assert result.people_dropped == 1
    theresa_may = by_key(store)["wikidata:Q264766"]["data"]["offices"]
    assert [o["office"] for o in theresa_may] == ["Prime Minister of the United Kingdom"]
    assert stored.counts(store) == {("country", "wikidata"): 3, ("group", "wikidata"): 2,
                                    ("organisation", "wikidata"): 1, ("person", "wikidata"): 6}


def test_names_are_looked_up_in_any_case(imported):
    store, _ = imported
    assert [row["key"] for row in stored.find(store, "bojo")] == ["wikidata:Q180589"]
    assert [row["key"] for row in stored.find(store, "the Conservative Party")] == ["wikidata:Q9626"]
    assert [row["key"] for row in stored.find(store, "Q7747")] == ["wikidata:Q7747"]


@pytest.mark.parametrize("opener, suffix", [(gzip.open, ".json.gz"), (bz2.open, ".json.bz2")])
def test_compressed_dumps_give_the_same_knowledge_base(tmp_path, opener, suffix):
    dump = tmp_path / f"dump{suffix}"
    with opener(dump, "wb") as fh:
        fh.write(SAMPLE.read_bytes())
    with open_store(tmp_path / "plain.db") as plain, open_store(tmp_path / "packed.db") as packed:
        import_wikidata(plain, SAMPLE)
        import_wikidata(packed, dump)
        assert snapshot(packed) == snapshot(plain)


@pytest.mark.parametrize("suffix", [".json", ".json.gz", ".json.bz2"])
def test_an_interrupted_import_continues_where_it_stopped(tmp_path, suffix):
    dump = tmp_path / f"dump{suffix}"
    opener = {".json": open, ".json.gz": gzip.open, ".json.bz2": bz2.open}[suffix]
    with opener(dump, "wb") as fh:
        fh.write(SAMPLE.read_bytes())
    with open_store(tmp_path / "once.db") as once:
        import_wikidata(once, dump)
        expected = snapshot(once)
    with open_store(tmp_path / "twice.db") as twice:
        first = import_wikidata(twice, dump, stop_after=7, batch_size=3)
        assert not first.finished and first.lines == 8  # "[" and 7 entities
        partial = {key for key, *_ in snapshot(twice)[0]}
        assert "wikidata:Q145" in partial and "wikidata:Q3881980" not in partial
        second = import_wikidata(twice, dump, batch_size=3)
        assert second.finished and second.resumed_at == 8
        assert second.lines == 22 - 8  # nothing read twice
        assert snapshot(twice) == expected


def test_importing_again_changes_nothing(tmp_path, imported):
    store, _ = imported
    before = snapshot(store)
    again = import_wikidata(store, SAMPLE)
    assert again.already_done and again.lines == 0
    assert snapshot(store) == before
    # A changed file (new mtime) is read again from the start: the upserts give the same rows.
    copy = tmp_path / "copy.json"
    shutil.copy(SAMPLE, copy)
    import_wikidata(store, copy)
    os.utime(copy, (1_000_000_000, 1_000_000_000))
    third = import_wikidata(store, copy)
    assert third.finished and not third.already_done and third.lines == 22
    assert snapshot(store) == before


def test_a_broken_line_is_reported_and_skipped(store, tmp_path):
    lines = SAMPLE.read_text("utf-8").splitlines()
    lines.insert(3, '{"type":"item","id":"Q1","claims":{"P39": [broken')
    dump = tmp_path / "broken.json"
    dump.write_text("\n".join(lines) + "\n", "utf-8")
    result = import_wikidata(store, dump)
    assert len(result.problems) == 1 and result.problems[0].startswith(f"{dump}:4: not a JSON entity")
    assert stored.counts(store)[("person", "wikidata")] == 6


def test_a_missing_dump_is_an_error_a_user_can_act_on(store, tmp_path):
    with pytest.raises(KnowledgeBaseError, match="no Wikidata dump at"):
        import_wikidata(store, tmp_path / "nothing.json.gz")


def test_stored_entries_load_into_the_knowledge_base(imported):
    store, _ = imported
    entries = stored.stored_entries(store)
    assert {k: len(v) for k, v in entries.items()} == {"countries": 3, "organisations": 1, "groups": 2, "people": 6}
    kb = KnowledgeBase()
    for raw in entries["countries"]:
        kb.add_country(raw)
    for raw in entries["organisations"]:
        kb.add_organisation(raw, "IGO")
    for raw in entries["groups"]:
        kb.add_organisation(raw, "REB")
    for raw in entries["people"]:
        kb.add_person(raw)
    (putin,) = [n.target for n in kb.lookup("Vladimir Putin")]
    assert putin.office_on(dt.date(2010, 1, 1)).office == "Prime Minister of Russia"
    person, office = kb.office_holder("GBR", "prime minister", dt.date(2020, 1, 1))
    assert person.name == "Boris Johnson"


@pytest.mark.parametrize("time, precision, end, expected", [
    ("+2019-07-24T00:00:00Z", 11, False, "2019-07-24"),
    ("+2019-07-00T00:00:00Z", 10, False, "2019-07-01"),
    ("+2019-02-00T00:00:00Z", 10, True, "2019-02-28"),
    ("+2019-00-00T00:00:00Z", 9, True, "2019-12-31"),
    ("+2000-00-00T00:00:00Z", 8, False, None),  # a decade says no day
    ("-0044-03-15T00:00:00Z", 11, False, None),  # before the common era
])
def test_wikidata_times(time, precision, end, expected):
    assert wikidata_date({"time": time, "precision": precision}, end=end) == expected
