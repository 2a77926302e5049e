"""The office successions in kb/data/offices/: well-formed, gap-free from 2000, and what the coder resolves.

Heads of state and government and foreign ministers go back to 1979 in most files (archive news); before 2000
they are checked for order and overlaps, not for gaps.

The project promises (issue 4) heads of state and government, foreign and defence ministers from 2000 to
today for the G20, the permanent Security Council members, NATO and EU members and the states of the main
conflicts since 2014, plus the UN, NATO and EU leaders. Each country is its own test case, so
``pytest tests/test_kb_offices.py -k GBR`` checks one file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.kb import load_kb
from eventwire.kb.loader import read_successions

G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
NATO = ("ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU "
        "SVK SVN ESP SWE TUR GBR USA").split()
EU = ("AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN "
      "ESP SWE").split()
CONFLICTS = ("UKR RUS BLR ISR PSE IRN SYR YEM SAU AFG PAK IND ETH SDN MMR VEN COL MLI NGA COD").split()
COUNTRIES = sorted(set(G20) | set(NATO) | set(EU) | set(CONFLICTS) | {"CHN", "FRA", "GBR", "RUS", "USA"})
KINDS = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
IGOS = ("UNO", "NATO", "EU")

START = dt.date(2000, 1, 1)
TODAY = dt.date(2026, 11, 1)  # the files are written to be current at least to this day
MAX_GAP_DAYS = 60  # caretaker weeks between two holders; longer vacancies must list the acting holder

FILES = {data["country"]: data for data in read_successions()}


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _terms(data: dict[str, Any], kind: str) -> list[tuple[dt.date, dt.date | None, str, dt.date | None]]:
    """(start, end, holder, established) of every holder of every office of ``kind``, by start."""
    terms = []
    for office in data["offices"]:
        if kind in office.get("kinds", []):
            for h in office["holders"]:
                terms.append((_day(h["start"]), _day(h.get("end")), h["name"], _day(office.get("established"))))
    return sorted(terms, key=lambda t: t[0])


def _declared(vacancies: list[dict[str, Any]], kind: str, start: dt.date, end: dt.date) -> bool:
    """The file declares [start, end] a vacancy of ``kind`` (with why), or a time whose holder it does not know."""
    for v in vacancies:
        if v.get("kind") == kind and v.get("why") and _day(v["start"]) <= start + dt.timedelta(days=1) and (
            v.get("end") is None or _day(v["end"]) >= end - dt.timedelta(days=1)
        ):
            return True
    return False


def _check_covered(code: str, kind: str, terms: list, vacancies: list[dict[str, Any]] = ()) -> None:
    assert terms, f"{code}: no office of kind {kind!r}"
    established = min((t[3] for t in terms if t[3]), default=None)
    begin = max(START, established) if established else START
    assert terms[0][0] <= begin, f"{code} {kind}: first holder {terms[0][2]} starts {terms[0][0]}, after {begin}"
    reach = terms[0][1] or dt.date.max
    for start, end, name, _ in terms[1:]:
        gap = (start - reach).days
        assert gap <= MAX_GAP_DAYS or _declared(vacancies, kind, reach, start), (
            f"{code} {kind}: {gap} days with no holder before {name} ({start})")
        reach = max(reach, end or dt.date.max)
    assert reach >= TODAY or _declared(vacancies, kind, reach, TODAY), f"{code} {kind}: nobody holds it after {reach}"


@pytest.mark.parametrize("code", sorted(set(COUNTRIES) | set(IGOS) | set(FILES)))
def test_offices_file_is_well_formed(code: str) -> None:
    assert code in FILES, f"no kb/data/offices/{code}.json"
    data = FILES[code]
    for office in data["offices"]:
        name = office.get("office")
        assert name and office.get("titles") and office.get("sector"), f"{code}: office without name/titles/sector"
        assert all(t == t.lower() for t in office["titles"]), f"{code} {name}: titles must be lower case"
        assert set(office.get("kinds", [])) <= {*KINDS, "leader", "other"}, f"{code} {name}: unknown kind"
        previous = None
        for h in office["holders"]:
            start, end = _day(h["start"]), _day(h.get("end"))
            assert start is not None, f"{code} {name}: {h['name']} has no start"
            assert end is None or start <= end, f"{code} {name}: {h['name']} ends before starting"
            if previous is not None:
                assert previous[0] <= start, f"{code} {name}: holders out of order at {h['name']}"
                overlap = (previous[1] - start).days if previous[1] else None
                assert overlap is not None and overlap <= 1 or h.get("co") or previous[2].get("co"), (
                    f"{code} {name}: {h['name']} starts {start} while {previous[2]['name']} still holds it"
                )
            previous = (start, end, h)


@pytest.mark.parametrize("code", COUNTRIES)
def test_country_has_its_leaders_and_ministers_from_2000_to_today(code: str) -> None:
    assert code in FILES, f"no kb/data/offices/{code}.json"
    data = FILES[code]
    for kind in KINDS:
        reason = data.get("none", {}).get(kind)
        if reason:  # e.g. Iceland has no defence ministry: the file says so and why
            continue
        _check_covered(code, kind, _terms(data, kind), data.get("vacancies", []))


@pytest.mark.parametrize("code", IGOS)
def test_igo_has_its_leaders_from_2000_to_today(code: str) -> None:
    assert code in FILES, f"no kb/data/offices/{code}.json"
    offices = [o for o in FILES[code]["offices"] if "leader" in o.get("kinds", [])]
    assert offices, f"{code}: no office of kind 'leader'"
    for office in offices:
        _check_covered(code, f"leader ({office['office']})", _terms({"offices": [office]}, "leader"))


@pytest.mark.parametrize("code", sorted(FILES))
def test_every_holder_is_what_the_coder_resolves_mid_term(code: str) -> None:
    """The knowledge base the coder loads answers "who was the X of Y on day D" with the file's holder."""
    kb = load_kb()
    for office in FILES[code]["offices"]:
        holders = office["holders"]
        for i, h in enumerate(holders):
            start, end = _day(h["start"]), _day(h.get("end")) or TODAY
            if (end - start).days < 30 or h.get("co") or (i + 1 < len(holders) and holders[i + 1].get("co")):
                continue
            mid = start + (end - start) / 2
            assert any(n.kind == "person" for n in kb.lookup(h["name"])), f"{h['name']} is not in the KB"
            found = kb.office_holder(code, office["titles"][0], mid)
            assert found is not None, f"{code}: nobody is {office['titles'][0]!r} on {mid} (expected {h['name']})"
            assert any(n.target is found[0] for n in kb.lookup(h["name"])), (
                f"{code} {office['titles'][0]!r} on {mid}: KB says {found[0].name}, the file {h['name']}"
            )


@pytest.mark.parametrize("text, day, code", [
    ("Shevardnadze met Baker in Wyoming.", "1989-09-22", "RUS"),  # Soviet foreign minister: the successor's code
    ("Shevardnadze met Putin in Moscow.", "1996-05-02", "GEO"),  # by then Georgia's president
    ("Kohl and Mitterrand laid a wreath at Verdun.", "1984-09-22", "DEU"),
    ("Suharto dismissed the cabinet.", "1998-03-01", "IDN"),
    ("Fujimori dissolved Congress.", "1992-04-06", "PER"),
    ("President Mubarak received Arafat.", "1995-03-01", "EGY"),
])
def test_archive_news_names_leaders_of_their_time(coder, text: str, day: str, code: str) -> None:
    from eventwire import Article

    analysis = coder.pipeline.analyse(Article(id="a", text=text, published=dt.date.fromisoformat(day)),
                                      coder.nlp(text))
    first = min(analysis.mentions, key=lambda m: m.start)
    assert first.entity.code == code, (text, first.entity)
