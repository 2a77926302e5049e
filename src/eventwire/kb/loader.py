"""Load the knowledge base shipped in ``kb/data/`` into an index of names."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import KnowledgeBaseError
from .model import Country, DatedSector, Name, Office, Organisation, Person, Region, Role

# Surnames that are also ordinary words or places: never resolved from the surname alone.
_AMBIGUOUS_SURNAMES = {"may", "johnson", "brown", "king", "rice", "power", "little", "good", "young", "austin",
                       "hunt", "burns", "waltz", "sharon", "champagne", "salami", "gates", "bishop", "martin",
                       "wang", "li", "kim", "park", "lee", "singh", "khan", "ali", "said", "rahman", "hamid",
                       "jr.", "jr", "sr.", "moon", "hill", "smith", "miller", "sultan", "mohamed", "mohammed", "turk",
                       "street", "pastor", "peacock", "mock", "viola", "lacoste", "wali", "rose", "best",
                       "house", "law", "love", "long", "white", "black", "green", "field", "hope"}


_ROMAN = re.compile(r"[ivxlc]+")


def _ascii(word: str) -> str:
    """"Chávez" -> "Chavez": the spelling wires without accents use."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _date(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise KnowledgeBaseError(f"{where}: bad date {value!r} (expected YYYY-MM-DD)") from None


def _strip_article(text: str) -> str:
    text = " ".join(text.split())
    return text[4:] if text.lower().startswith("the ") else text


class KnowledgeBase:
    """Names -> entities, people's dated offices, and role words."""

    def __init__(self) -> None:
        self.names: dict[str, list[Name]] = defaultdict(list)
        self.countries: dict[str, Country] = {}
        self.organisations: list[Organisation] = []
        self.people: list[Person] = []
        self.roles: dict[str, Role] = {}
        self._holders: dict[tuple[str, str], list[tuple[Person, Office]]] = defaultdict(list)
        self.office_titles: set[str] = set()  # every title word of every office ("defence minister", ...)
        self._full_names: list[tuple[str, Person]] | None = None
        self.regions: dict[str, Region] = {}  # lower-case name or alias -> sub-national place of note
        self.digest: str | None = None  # the data files' digest, for the shipped KB (compiled indexes key on it)

    # -- building -------------------------------------------------------------------------------
    def add_name(self, text: str, name: Name) -> None:
        key = _strip_article(text).lower()
        if key and all(n.kind != name.kind or n.target is not name.target for n in self.names[key]):
            self.names[key].append(Name(name.kind, name.target, name.sector, _strip_article(text)))

    def add_country(self, raw: dict[str, Any]) -> None:
        country = Country(code=raw["code"], name=raw["name"], qid=raw.get("qid"), capital=raw.get("capital"))
        self.countries[country.code] = country
        for text in [raw["name"], *raw.get("aliases", [])]:
            self.add_name(text, Name("country", country))
        for text in raw.get("adjectives", []):
            self.add_name(text, Name("adjective", country))
        for text in raw.get("demonyms", []):
            self.add_name(text, Name("demonym", country, "CVL"))
        for text in [raw.get("capital"), *raw.get("capital_aliases", [])]:
            if text:
                self.add_name(text, Name("capital", country, "GOV"))
        for meto in raw.get("metonyms", []):
            self.add_name(meto["text"], Name("metonym", country, meto.get("sector", "GOV")))

    def add_region(self, raw: dict[str, Any]) -> None:
        """A place of note (kb/data/places.json): found as an event's location, never as an actor."""
        region = Region(name=raw["name"], country=raw["country"], kind=raw.get("kind", "region"),
                        lat=raw.get("lat"), lon=raw.get("lon"), qid=raw.get("qid"))
        for text in [raw["name"], *raw.get("aliases", [])]:
            self.regions.setdefault(_strip_article(text).lower(), region)

    def add_organisation(self, raw: dict[str, Any], default_sector: str) -> None:
        where = f"organisation {raw.get('name')!r}"
        org = Organisation(
            name=raw["name"],
            code=raw.get("code") or raw.get("country") or "IGO",
            sector=raw.get("sector", default_sector),
            qid=raw.get("qid"),
            sectors=tuple(
                DatedSector(s["sector"], _date(s.get("start"), where), _date(s.get("end"), where))
                for s in raw.get("sectors", [])
            ),
        )
        self.organisations.append(org)
        for text in [raw["name"], *raw.get("aliases", [])]:
            self.add_name(text, Name("organisation", org))

    def add_person(self, raw: dict[str, Any], source: str = "kb/data/people.json") -> None:
        where = f"person {raw.get('name')!r}"
        offices = tuple(
            sorted(
                (
                    Office(
                        office=o["office"],
                        country=o["country"],
                        sector=o["sector"],
                        start=_date(o.get("start"), where),
                        end=_date(o.get("end"), where),
                        titles=tuple(t.lower() for t in o.get("titles", [])),
                        source=o.get("source") or source,
                    )
                    for o in raw.get("offices", [])
                ),
                key=lambda o: o.start or dt.date.min,
            )
        )
        person = Person(name=raw["name"], qid=raw.get("qid"), gender=raw.get("gender"), offices=offices)
        self.people.append(person)
        for text in [raw["name"], *raw.get("aliases", [])]:
            self.add_name(text, Name("person", person))
        for office in offices:
            for title in office.titles:
                self._holders[(office.country, title)].append((person, office))
                self.office_titles.add(title)

    def add_role(self, raw: dict[str, Any]) -> None:
        role = Role(sector=raw["sector"], is_title=bool(raw.get("titles")), words=tuple(raw["words"]))
        for word in raw["words"]:
            self.roles.setdefault(word.lower(), role)

    def add_surnames(self) -> None:
        """Index each person's surname (the last word of their name, and its spelling without accents:
        "Chávez", "Chavez") unless it is a common word or names something else. A surname two or three people
        share is indexed for each: which one a text means is decided by who held office on its date (see
        ``Person.office_on``). Aliases give no surnames: their last words are too often titles or places
        ("Lord Cameron of Chipping Norton", "King of Saudi Arabia")."""
        by_surname: dict[str, dict[int, str]] = defaultdict(dict)
        for i, person in enumerate(self.people):
            parts = person.name.split()
            if len(parts) > 1:
                for form in dict.fromkeys((parts[-1], _ascii(parts[-1]))):
                    by_surname[form.lower()].setdefault(i, form)
        for surname, people in by_surname.items():
            if _ROMAN.fullmatch(surname) or surname in _AMBIGUOUS_SURNAMES or len(people) > 3:
                continue  # "Frederik X", "Harald V": a bare "X" is not the king
            if any(n.kind != "surname" for n in self.names.get(surname, [])):
                continue  # a country, an organisation or someone's full name
            for i, form in people.items():
                if form[:1].isupper():  # "Ferdinand Marcos Jr." has no surname "Jr."; lower-case words are words
                    self.add_name(form, Name("surname", self.people[i]))

    def add_office_roles(self) -> None:
        """Make the many-word titles of the offices kept as successions ("external affairs minister",
        "secretary-general") role words too, so that "the Indian external affairs minister" resolves to
        its holder on the day. Single words ("chairman") stay out: too many offices share them."""
        for person in self.people:
            for office in person.offices:
                if not office.source.startswith("kb/data/offices/"):
                    continue
                for title in office.titles:
                    if (" " in title or "-" in title) and title not in self.roles:
                        self.roles[title] = Role(sector=office.sector, is_title=True, words=(title,))

    # -- queries --------------------------------------------------------------------------------
    def region(self, text: str) -> Region | None:
        """The sub-national place of note called ``text`` ("Crimea", "the Gaza Strip"), if the KB has it."""
        return self.regions.get(_strip_article(text).lower())

    def lookup(self, text: str) -> list[Name]:
        return self.names.get(_strip_article(text).lower(), [])

    def person(self, text: str) -> Person | None:
        """The person a name or alias stands for, when it stands for exactly one."""
        found = {id(n.target): n.target for n in self.lookup(text) if n.kind in ("person", "surname")}
        return next(iter(found.values())) if len(found) == 1 else None  # type: ignore[return-value]

    def similar_person(self, text: str, cutoff: float = 90.0) -> tuple[Person, str, float] | None:
        """The known person whose full name (or alias) is closest in spelling to ``text`` and at least
        ``cutoff`` similar (0-100, rapidfuzz ratio): (person, the known spelling, score); None if none is."""
        from rapidfuzz import fuzz, process

        if self._full_names is None:
            self._full_names = [
                (n.text, n.target)  # type: ignore[misc]
                for names in self.names.values() for n in names
                if n.kind == "person" and len(n.text.split()) > 1
            ]
        best = process.extractOne(text, [name for name, _ in self._full_names], scorer=fuzz.ratio,
                                  score_cutoff=cutoff)
        if best is None:
            return None
        name, score, i = best
        return self._full_names[i][1], name, score

    def holders(self, title: str, day: dt.date) -> list[tuple[Person, Office]]:
        """Everyone, in any country, holding an office called ``title`` on ``day``."""
        return [(p, o) for (_, t), held in self._holders.items() if t == title.lower() for p, o in held
                if o.held_on(day)]

    def office_holder(self, country: str, title: str, day: dt.date | None) -> tuple[Person, Office] | None:
        """Who held ``title`` (e.g. "foreign minister") for ``country`` on ``day``; None if unknown."""
        if day is None:
            return None
        for person, office in self._holders.get((country, title.lower()), []):
            if office.held_on(day):
                return person, office
        return None


def _read_json(name: str) -> list[dict[str, Any]]:
    path = resources.files("eventwire").joinpath(f"kb/data/{name}")
    if not path.is_file():
        return []
    data = _parse(path.read_text("utf-8"), f"kb/data/{name}")
    if not isinstance(data, list):
        raise KnowledgeBaseError(f"kb/data/{name}: expected a JSON list of entries")
    return data


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise KnowledgeBaseError(f"{where}: malformed JSON: {exc}") from None


def read_successions() -> list[dict[str, Any]]:
    """The office files in ``kb/data/offices/``, one dict per file (see FORMAT.md), sorted by code."""
    folder = resources.files("eventwire").joinpath("kb/data/offices")
    if not folder.is_dir():
        return []
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    found = []
    for f in files:
        data = _parse(f.read_text("utf-8"), f"kb/data/offices/{f.name}")
        if not isinstance(data, dict) or not isinstance(data.get("offices"), list) or not data.get("country"):
            raise KnowledgeBaseError(f"kb/data/offices/{f.name}: expected {{'country': ..., 'offices': [...]}}")
        found.append(data)
    return found


def _same_term(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two office entries for one person describe the same term (same country, start within a week)."""
    if a.get("country") != b.get("country") or not a.get("start") or not b.get("start"):
        return False
    gap = abs((dt.date.fromisoformat(a["start"]) - dt.date.fromisoformat(b["start"])).days)
    return gap <= 7 and bool({t.lower() for t in a.get("titles", [])} & {t.lower() for t in b.get("titles", [])})


def merge_successions(people: list[dict[str, Any]], successions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """People entries with every holder of the office files merged in (by QID, name or alias).

    A term already in ``people`` (same country, titles in common, start within a week) is replaced by the
    succession's, which is the checked one. Returns new dicts; the inputs are not changed.
    """
    merged = [{**p, "aliases": list(p.get("aliases", [])), "offices": list(p.get("offices", []))} for p in people]
    by_key: dict[str, dict[str, Any]] = {}
    for person in merged:
        for key in [person.get("qid"), person["name"], *person["aliases"]]:
            if key:
                by_key.setdefault(key.lower(), person)
    for data in successions:
        where = f"kb/data/offices/{data['country']}.json"
        for office in data["offices"]:
            for holder in office.get("holders", []):
                if not holder.get("name") or "start" not in holder:
                    raise KnowledgeBaseError(f"{where}: {office.get('office')!r} has a holder without name or start")
                term = {
                    "office": office["office"] + (" (acting)" if holder.get("acting") else ""),
                    "titles": office.get("titles", []),
                    "country": data["country"],
                    "sector": office.get("sector", "GOV"),
                    "start": holder["start"],
                    "end": holder.get("end"),
                    "source": where,
                }
                keys = [holder.get("qid"), holder["name"], *holder.get("aliases", [])]
                person = next((by_key[k.lower()] for k in keys if k and k.lower() in by_key), None)
                if person is not None and holder.get("qid") and person.get("qid") not in (None, holder["qid"]):
                    person = None  # two people of one name (Latvia's two Andris Berzins): QIDs keep them apart
                if person is None:
                    person = {"name": holder["name"], "aliases": [], "offices": []}
                    for opt in ("qid", "gender"):
                        if holder.get(opt):
                            person[opt] = holder[opt]
                    merged.append(person)
                    for key in keys:
                        if key:
                            by_key.setdefault(key.lower(), person)
                for alias in holder.get("aliases", []):
                    if alias not in person["aliases"]:
                        person["aliases"].append(alias)
                person["offices"] = [o for o in person["offices"] if not _same_term(o, term)] + [term]
    return merged


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base shipped with the package: read from its compiled index when there is one
    (see ``kb/index.py``), else built from ``kb/data/``; once per process."""
    from .index import compiled, data_digest

    kb = compiled("kb", data_digest(), build_kb)
    kb.digest = data_digest()
    return kb


def build_kb(extra: dict[str, list[dict[str, Any]]] | None = None) -> KnowledgeBase:
    """The knowledge base built from the data files in ``kb/data/``, plus ``extra`` entries in the same
    shape grouped as "countries", "organisations", "groups", "people" (what users imported into a store)."""
    extra = extra or {}
    kb = KnowledgeBase()
    for raw in [*_read_json("countries.json"), *extra.get("countries", [])]:
        kb.add_country(raw)
    for raw in [*_read_json("organisations.json"), *extra.get("organisations", [])]:
        kb.add_organisation(raw, "IGO")
    for raw in [*_read_json("groups.json"), *extra.get("groups", [])]:
        kb.add_organisation(raw, "REB")
    for raw in _read_json("companies.json"):
        kb.add_organisation(raw, "BUS")
    for raw in _read_json("places.json"):
        kb.add_region(raw)
    for raw in merge_successions([*_read_json("people.json"), *extra.get("people", [])], read_successions()):
        kb.add_person(raw)
    for raw in _read_json("roles.json"):
        kb.add_role(raw)
    kb.add_surnames()
    kb.add_office_roles()
    return kb


def load_kb_with_store(store: Any) -> KnowledgeBase:
    """The shipped knowledge base plus what was imported into ``store`` (``eventwire kb import-...``);
    the shipped one alone, from its compiled index, when the store holds no KB entries."""
    from .stored import stored_entries

    extra = stored_entries(store)
    if not any(extra.values()):
        return load_kb()
    return build_kb(extra)
