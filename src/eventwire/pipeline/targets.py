"""Whom an event is aimed at when the sentence names no one: the conventions of CAMEO-coded event data
that PLOVER keeps for domestic events.

* A material act told with where it happened and no target ("killed 30 people in central Gaza",
  "deployed special units to the north of Kosovo") is aimed at the country where it happened.
* A domestic act with no target is aimed at the actor's own country: a protest at its government,
  arrests and curfews at its people, an eased restriction at those who lived under it, troops put on
  alert at home.

Runs after the places stage (which finds where events happened) and fills only empty recipients.
"""

from __future__ import annotations

from .model import Analysis, Entity, Event

# Types whose place is also their target when no one else is named.
_PLACE_IS_TARGET = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "AID", "PROTEST"}
# Types that, done at home with no one named, are aimed at the actor's own country.
_DOMESTIC = {"PROTEST", "COERCE", "CONCEDE", "MOBILIZE"}
# Sectors that act inside their own country (not diplomats, businesses, foreign-facing bodies).
_HOME_SECTORS = {None, "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "CVL", "LAB", "EDU", "REL", "MED",
                 "HLH", "CRM"}


class TargetFinder:
    """Pipeline stage: fills in an event's recipient by the conventions above, when the text names none."""

    def __call__(self, analysis: Analysis) -> Analysis:
        for event in analysis.events:
            if any(r.code for r in event.recipients):
                continue
            target = _place_target(event) or _home_target(event)
            if target is not None:
                event.recipients = [target]
        return analysis


def _place_target(event: Event) -> Entity | None:
    where = event.location or {}
    country = where.get("country")
    if event.type not in _PLACE_IS_TARGET or not country:
        return None
    if event.type == "PROTEST":  # people protesting in a country protest at its government
        return Entity(country, "GOV", "")
    return Entity(country, None, where.get("name") or "")


def _home_target(event: Event) -> Entity | None:
    codes = {a.code for a in event.actors if a.code}
    if event.type not in _DOMESTIC or len(codes) != 1:
        return None
    if any(a.sector not in _HOME_SECTORS for a in event.actors) or any(len(c) != 3 for c in codes):
        return None  # an IGO or a company acts on others, not "at home"
    (code,) = codes
    return Entity(code, "GOV" if event.type == "PROTEST" else None, "")
