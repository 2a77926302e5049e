"""Knowledge-base records: countries, organisations, groups, people with dated offices, role words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Office:
    office: str
    country: str
    sector: str
    start: dt.date | None
    end: dt.date | None
    titles: tuple[str, ...] = ()
    source: str = ""  # where the fact comes from: "kb/data/offices/RUS.json", "wikidata:Q7747", ...

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        """ "Secretary of State for Defence (GBR), 2019-07-24 to 2023-08-31" """
        span = f"since {self.start}" if self.end is None else f"{self.start or '?'} to {self.end}"
        return f"{self.office} ({self.country}), {span}"


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    qid: str | None = None
    capital: str | None = None


@dataclass(frozen=True)
class Region:
    """A sub-national place of note (Crimea, Darfur, Kashmir): where events happen, not who acts."""

    name: str
    country: str
    kind: str = "region"
    lat: float | None = None
    lon: float | None = None
    qid: str | None = None


@dataclass(frozen=True)
class DatedSector:
    sector: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Organisation:
    """An IGO, NGO, court, armed group or party: one code and a sector (possibly dated)."""

    name: str
    code: str
    sector: str
    qid: str | None = None
    sectors: tuple[DatedSector, ...] = ()

    def sector_on(self, day: dt.date | None) -> str:
        if day is not None:
            for dated in self.sectors:
                if (dated.start is None or dated.start <= day) and (dated.end is None or day < dated.end):
                    return dated.sector
        return self.sector


@dataclass(frozen=True)
class Person:
    name: str
    qid: str | None = None
    gender: str | None = None
    offices: tuple[Office, ...] = ()

    def office_on(self, day: dt.date | None) -> Office | None:
        """The office held on ``day`` (most recent start wins); None if none was held."""
        if day is None:
            return self.offices[-1] if self.offices and self.offices[-1].end is None else None
        held = [o for o in self.offices if o.held_on(day)]
        return max(held, key=lambda o: o.start or dt.date.min) if held else None

    def last_office_before(self, day: dt.date) -> Office | None:
        past = [o for o in self.offices if o.end is not None and o.end < day]
        return max(past, key=lambda o: o.end) if past else None

    def first_office_after(self, day: dt.date) -> Office | None:
        later = [o for o in self.offices if o.start is not None and o.start > day]
        return min(later, key=lambda o: o.start) if later else None  # type: ignore[arg-type, return-value]


@dataclass(frozen=True)
class Name:
    """One surface form in the KB and what it stands for.

    kind: country, adjective, demonym, capital, metonym, organisation, person, surname, title, role.
    """

    kind: str
    target: Country | Organisation | Person | None
    sector: str | None = None
    text: str = ""


@dataclass
class Role:
    sector: str
    is_title: bool = False
    words: tuple[str, ...] = field(default_factory=tuple)
