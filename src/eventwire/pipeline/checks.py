"""Checks: compare what the text claims about people with the knowledge base on the article's date.

A claim is a title given to a person ("Defense Minister Vladimir Putin", "Ben Wallace, the British defence
secretary") or a name that looks like a known one. Four kinds of flag:

- ``role_conflict``: the title contradicts the KB ("Defense Minister Vladimir Putin" in 2022: he was president);
- ``stale_role``: a title the person had left by that date ("Prime Minister Boris Johnson" in 2024);
- ``name_variant``: an unknown name very close to a known one ("Tobias Elwood" for Tobias Ellwood);
- ``unknown_person``: an unknown person given an office whose holder on that date the KB knows.

Every flag says what the text claims, what the KB holds and where that fact comes from. Only titles of
offices the KB follows as successions (heads of state and government, foreign and defence ministers, IGO
leaders...) are checked against a person who never held them; other titles are only checked against the
person's own record. A title with a qualifier ("former", "deputy", "then-") or in a sentence about an
earlier year is not read as a claim about the article's day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rapidfuzz import fuzz

from ..kb import KnowledgeBase, Office, Person
from .model import Analysis, Mention

NAME_VARIANT_MIN = 92.0  # rapidfuzz ratio of full names, with no title to back the match
NAME_VARIANT_WITH_TITLE_MIN = 80.0  # the office's holder on that day, named a little differently
SURNAME_MIN = 80.0
SOON = dt.timedelta(days=90)  # a title given a few weeks before taking office is the usual news style
_POSSESSIVE = re.compile(r"['’]s?$")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


class ClaimChecker:
    """Pipeline stage: adds ``analysis.flags`` and puts each flag on the events of its sentence."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.checked_titles = frozenset(
            t for p in kb.people for o in p.offices if o.source.startswith("kb/data/offices/") for t in o.titles
        )

    def __call__(self, analysis: Analysis) -> Analysis:
        day = analysis.article.published
        if day is None:
            return analysis  # claims are about a date; without one there is nothing to compare
        seen: set[tuple[str, str]] = set()
        for m in analysis.mentions:
            if m.kind != "person":
                continue
            flag = self._check(analysis, m, day)
            if flag is None or (flag["kind"], flag["text"]) in seen:
                continue
            seen.add((flag["kind"], flag["text"]))
            analysis.flags.append(flag)
            for event in analysis.events:
                if event.sentence == flag["sentence"]:
                    event.flags.append(flag)
        return analysis

    # -- one person mention ----------------------------------------------------------------------------
    def _check(self, analysis: Analysis, m: Mention, day: dt.date) -> dict[str, Any] | None:
        person = self.kb.person(m.person_key) if m.person_key else None
        if person is not None and m.entity.identifier_text == person.name:
            return self._check_known(analysis, m, person, day) if m.title and not m.title_qualified else None
        if m.person_key is None or m.entity.identifier_text:
            return None
        return self._check_unknown(analysis, m, day)

    def _check_known(self, analysis: Analysis, m: Mention, person: Person, day: dt.date) -> dict[str, Any] | None:
        title, country = m.title or "", m.title_country
        offices = [o for o in person.offices if _titled(o, title) and (country is None or o.country == country)]
        about_past = self._names_earlier_year(analysis, m, day)
        if any(o.held_on(day) for o in offices):
            return None
        if offices and about_past:
            return None  # "In 2015, Prime Minister David Cameron ...": right for the year it names
        if any(o.start and day < o.start <= day + SOON for o in offices):
            return None  # about to take it up ("Prime Minister Keir Starmer" on the eve of taking office)
        past = [o for o in offices if o.end is not None and o.end < day]
        now = person.office_on(day)
        if past:
            last = max(past, key=lambda o: o.end or dt.date.min)
            known = f"{person.name} held it until {last.end} ({last.describe()})"
            if now is not None:
                known += f"; on {day} {now.describe()}"
            return self._flag(analysis, m, "stale_role", m.title, known, last.source, person)
        if title not in self.checked_titles:
            return None
        held = now.describe() if now is not None else "no office the KB knows of"
        known = f"{person.name} on {day}: {held}"
        source = now.source if now is not None else (person.offices[-1].source if person.offices else "")
        where = country or (now.country if now is not None else None)
        holder = self.kb.office_holder(where, title, day) if where else None
        if holder is not None and holder[0] is not person:
            known += f"; the {title} of {where} was {holder[0].name}"
            source = source or holder[1].source
        return self._flag(analysis, m, "role_conflict", m.title, known, source, person)

    def _check_unknown(self, analysis: Analysis, m: Mention, day: dt.date) -> dict[str, Any] | None:
        name = _POSSESSIVE.sub("", m.person_key or "").strip()
        if len(name.split()) < 2 or self.kb.person(name) is not None:
            return None
        if m.title and not m.title_qualified and m.title in self.checked_titles:
            where = m.title_country or analysis.home_country
            holder = self.kb.office_holder(where, m.title, day) if where else None
            if holder is not None:
                person, office = holder
                known = f"{person.name}: {office.describe()}"
                if _close(name, person.name, NAME_VARIANT_WITH_TITLE_MIN):
                    return self._flag(analysis, m, "name_variant", name, known, office.source, person)
                return self._flag(analysis, m, "unknown_person", f"{name}, {m.title} of {where}", known,
                                  office.source, person)
            for person, office in self.kb.holders(m.title, day):  # "Defence Minister Sergei Shiogu"
                if _close(name, person.name, NAME_VARIANT_WITH_TITLE_MIN):
                    known = f"{person.name}: {office.describe()}"
                    return self._flag(analysis, m, "name_variant", name, known, office.source, person)
            if where is not None:
                return None
        similar = self.kb.similar_person(name, NAME_VARIANT_MIN)
        if similar is None:
            return None
        person, spelling, _ = similar
        if spelling.lower() == name.lower() or not _close(name, spelling, NAME_VARIANT_MIN):
            return None
        office = person.office_on(day) or (person.offices[-1] if person.offices else None)
        known = f"{person.name}" + (f": {office.describe()}" if office else "")
        return self._flag(analysis, m, "name_variant", name, known, office.source if office else "", person)

    # -- helpers -----------------------------------------------------------------------------------------
    def _names_earlier_year(self, analysis: Analysis, m: Mention, day: dt.date) -> bool:
        sentence = analysis.sentences[analysis.sentence_of(m.start)]
        return any(int(y) < day.year for y in _YEAR.findall(sentence.text))

    def _flag(self, analysis: Analysis, m: Mention, kind: str, claimed: str | None, known: str, source: str,
              person: Person | None) -> dict[str, Any]:
        doc = analysis.doc
        lo = m.claim_start if m.claim_start is not None else m.start
        hi = m.claim_end if m.claim_end is not None else m.end
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        return {
            "kind": kind,
            "text": analysis.article.text[start:end],
            "claimed": claimed,
            "known": known,
            "source": f"eventwire KB: {source}" if source.startswith("kb/") else source,
            "start": start,
            "end": end,
            "sentence": analysis.sentence_of(m.start),
            "person": person.name if person else None,
            "identifier_id": person.qid if person else None,
        }


def _titled(office: Office, title: str) -> bool:
    """The office goes by ``title``, or by a longer form of it: "president" for "commission president"."""
    return any(t == title or t.endswith(" " + title) for t in office.titles)


def _close(a: str, b: str, minimum: float) -> bool:
    """Same person spelled differently: full names at least ``minimum`` alike and surnames close too."""
    sa, sb = a.lower().split(), b.lower().split()
    return fuzz.ratio(a.lower(), b.lower()) >= minimum and fuzz.ratio(sa[-1], sb[-1]) >= SURNAME_MIN and (
        sa[0][0] == sb[0][0]
    )

