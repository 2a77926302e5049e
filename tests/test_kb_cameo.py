"""The CAMEO/PETRARCH importer, on the real Phoenix actor dictionaries in ../shared/data/petrarch2/ (read in
place, never copied) and on small files written here for the edge cases."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from eventwire.kb import stored
from eventwire.kb.importers import import_cameo
from eventwire.kb.importers.cameo import cameo_date, entities_of, translate
from eventwire.kb.loader import KnowledgeBase
from eventwire.store import open_store

PETRARCH = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"
needs_files = pytest.mark.skipif(not PETRARCH.is_dir(), reason="the PETRARCH dictionaries are not on this machine")


@pytest.fixture(scope="module")
def countries():
    problems: list[str] = []
    return entities_of(PETRARCH / "Phoenix.Countries.actors.txt", problems), problems


@needs_files
@pytest.mark.parametrize("name, expected", [
    ("Countries", {"person": 18028, "country": 202, "group": 107}),
    ("International", {"organisation": 6311, "person": 335, "group": 42, "country": 2}),
    ("MilNonState", {"group": 1016, "country": 1, "person": 1}),
])
def test_entities_per_file(name, expected):
    problems: list[str] = []
    entities = entities_of(PETRARCH / f"Phoenix.{name}.actors.txt", problems)
    assert Counter(e.kind for e in entities.values()) == expected


@needs_files
def test_putin_has_his_cameo_roles_with_their_dates(countries):
    entities, _ = countries
    putin = entities["cameo:VLADIMIR_PUTIN"]
    assert putin.kind == "person" and putin.data["name"] == "Vladimir Putin"
    assert {"Putin", "President Vladimir Putin", "Vladimir V. Putin"} <= set(putin.data["aliases"])
    roles = [(o["cameo"], o["country"], o["sector"], o["start"], o["end"]) for o in putin.data["offices"]]
    assert roles == [
        ("RUSELI", "RUS", "ELI", None, None),  # the undated code: outside the dated ones
        ("RUSELI", "RUS", "ELI", "1970-01-01", "1999-08-09"),
        ("RUSGOV", "RUS", "GOV", "1999-08-09", "2000-05-07"),
        ("RUSGOV", "RUS", "GOV", "1999-12-31", "2008-05-07"),
        ("RUSGOV", "RUS", "GOV", "2008-05-08", None),
    ]
    kb = KnowledgeBase()
    kb.add_person(putin.data)
    (person,) = [n.target for n in kb.lookup("putin")]
    assert person.office_on(dt.date(2005, 1, 1)).sector == "GOV"
    assert person.office_on(dt.date(1990, 1, 1)).sector == "ELI"


@needs_files
def test_countries_and_dependencies(countries):
    entities, _ = countries
    afghanistan = entities["cameo:AFGHANISTAN"]
    assert afghanistan.kind == "country" and afghanistan.data["code"] == "AFG"
    assert "Kabul" in afghanistan.data["aliases"]
    assert entities["cameo:AMERICAN_SAMOA"].data["code"] == "ASM"  # [USAASM]: a dependency of the USA


@needs_files
def test_bad_lines_are_reported_with_file_and_line(countries):
    _, problems = countries
    assert f"{PETRARCH / 'Phoenix.Countries.actors.txt'}:14190: [EGYGOV 20121207-20120802]: the range ends " \
           "(2012-08-02) before it starts (2012-12-07); skipped" in problems
    assert all(":" in p.split(".txt:", 1)[1] for p in problems)


@needs_files
def test_organisations_and_groups(tmp_path):
    problems: list[str] = []
    international = entities_of(PETRARCH / "Phoenix.International.actors.txt", problems)
    nato = international["cameo:NATO"]
    assert (nato.kind, nato.data["code"], nato.data["sector"]) == ("organisation", "NATO", "IGO")
    assert "North Atlantic Treaty Organization" in nato.data["aliases"]
    icj = international["cameo:INTERNATIONAL_COURT_OF_JUSTICE"]
    assert (icj.data["code"], icj.data["sector"], icj.data["name"]) == ("ICJ", "JUD", "International Court of Justice")
    annan = international["cameo:KOFI_ANNAN"].data["offices"]
    assert ("UNO", "IGO", "1997-01-01", "2006-12-31") in [(o["country"], o["sector"], o["start"], o["end"])
                                                          for o in annan]
    groups = entities_of(PETRARCH / "Phoenix.MilNonState.actors.txt", problems)
    assert (groups["cameo:TALIBAN"].data["code"], groups["cameo:TALIBAN"].data["sector"]) == ("AFG", "REB")
    assert groups["cameo:HAMAS"].data["code"] == "PSE"


@needs_files
def test_importing_a_dictionary_twice_changes_nothing(tmp_path):
    path = PETRARCH / "Phoenix.MilNonState.actors.txt"
    with open_store(tmp_path / "kb.db") as store:
        first = import_cameo(store, path)
        rows = {r["key"]: r["data"] for r in stored.iter_entities(store)}
        second = import_cameo(store, path)
        assert first.entries == second.entries == 1018
        assert {r["key"]: r["data"] for r in stored.iter_entities(store)} == rows
        assert stored.counts(store) == {("group", "cameo"): 1016, ("country", "cameo"): 1, ("person", "cameo"): 1}
        assert [r["key"] for r in stored.find(store, "Taleban")] == ["cameo:TALIBAN"]


def test_a_small_dictionary_with_every_convention(tmp_path):
    path = tmp_path / "sample.actors.txt"
    path.write_text(
        "# a header comment\n"
        "<!-- an XML comment -->\n"
        "ATLANTIS_  [ATL]\n"
        "+ATLANTEAN_\n"
        "JANE_DOE_  # a person\n"
        "+PRESIDENT_DOE_\n"
        "\t[FRAGOV 990101-031231]\n"
        "\t[FRAGOVMIL >20040101]\n"
        "\t[FRAELI <981231]\n"
        "\t[FRAGOV 99x101-031231]\n"
        "\tno code here\n"
        "\t[ELI]\n"
        "ATLANTIS_LIBERATION_FRONT_ [FRAINS] [---]\n"
        "NO_CODE_ENTRY_\n"
        "---STOP---\n"
        "IGNORED_ [USA]\n",
        "utf-8",
    )
    problems: list[str] = []
    entities = entities_of(path, problems)
    assert sorted(entities) == ["cameo:ATLANTIS", "cameo:ATLANTIS_LIBERATION_FRONT", "cameo:JANE_DOE"]
    assert entities["cameo:ATLANTIS"].kind == "country" and entities["cameo:ATLANTIS"].data["code"] == "ATL"
    doe = entities["cameo:JANE_DOE"].data
    assert doe["aliases"] == ["Jane Doe", "President Doe"]
    assert [(o["country"], o["sector"], o["start"], o["end"]) for o in doe["offices"]] == [
        ("FRA", "ELI", None, "1998-12-31"),
        ("FRA", "ELI", None, None),  # bare [ELI] takes the entry's country
        ("FRA", "GOV", "1999-01-01", "2003-12-31"),
        ("FRA", "MIL", "2004-01-01", None),
    ]
    front = entities["cameo:ATLANTIS_LIBERATION_FRONT"]
    assert (front.kind, front.data["code"], front.data["sector"]) == ("group", "FRA", "REB")
    assert problems == [
        f"{path}:10: [FRAGOV 99x101-031231]: bad date '99x101' (expected YYMMDD or YYYYMMDD); skipped",
        f"{path}:11: expected a [CODE] line, got 'no code here'; line skipped",
        f"{path}:14: NO_CODE_ENTRY_ has no code; entry skipped",
    ]


@pytest.mark.parametrize("code, expected", [
    ("RUSGOV", ("RUS", "GOV")),
    ("AFGGOVMIL", ("AFG", "MIL")),
    ("RUS", ("RUS", None)),
    ("TMP", ("TLS", None)),
    ("USAOPP", ("USA", "OPP")),
    ("COLINS", ("COL", "REB")),
    ("IGOWSTNAT", ("NATO", "IGO")),
    ("IGOEUREEC", ("EU", "IGO")),
    ("IGOUNOKID", ("UNO", "IGO")),
    ("IGOUNOJUDICJ", ("ICJ", "JUD")),
    ("IGOLAM", ("IGO", "IGO")),
    ("NGOHRIAMN", ("AMN", "NGO")),
    ("IMGMUSALQ", ("IMG", "REB")),
    ("MNCUSA", ("MNC", "BUS")),
    ("ELI", (None, "ELI")),
])
def test_cameo_codes_become_eventwire_codes_and_sectors(code, expected):
    assert translate(code) == expected


@pytest.mark.parametrize("text, expected", [
    ("000507", dt.date(2000, 5, 7)),
    ("301231", dt.date(2030, 12, 31)),
    ("310101", dt.date(1931, 1, 1)),
    ("19280101", dt.date(1928, 1, 1)),
])
def test_dates_are_read_as_petrarch_reads_them(text, expected):
    assert cameo_date(text) == expected


@pytest.mark.parametrize("text", ["2004017", "990231", "20100931", "abcdef"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        cameo_date(text)
