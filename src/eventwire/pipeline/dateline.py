"""Datelines: "NAIROBI, 26 June (Coastline Daily) – Kenyan police ...". The place that opens a wire
story says where it was filed; it is not an actor. This stage records the dateline's span and place
so that later stages skip its words as actors and can use its country as the story's home."""

from __future__ import annotations

import re

from .. import geo
from ..kb import KnowledgeBase
from .model import Analysis

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z\u00C0-\u00DE .'’\-]{1,40}?)"      # NAIROBI, GUATEMALA CITY, BRASÍLIA
    r"(?:,\s*(?P<extra>[A-Za-z0-9 .]{1,30}?))?"               # ", 26 June" or ", Sudan"
    r"\s*(?:\((?P<outlet>[^)\n]{1,60})\))?"                   # "(Coastline Daily)"
    r"\s*[–—-]{1,2}\s+"
)


def mask_dateline(text: str) -> str:
    """The text with its dateline blanked out (same length, so every offset stays valid): the parser
    should not read "NAIROBI, 26 June (Agency) –" as part of the first sentence."""
    match = _DATELINE.match(text)
    if match is None:
        return text
    return " " * match.end() + text[match.end():]


class DatelineFinder:
    """Pipeline stage: sets ``analysis.dateline_end`` and ``analysis.dateline_country``."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def __call__(self, analysis: Analysis) -> Analysis:
        match = _DATELINE.match(analysis.article.text)
        if match is None:
            return analysis
        place = match.group("place").strip().title()
        country = None
        for name in self.kb.lookup(place):
            if name.kind in ("capital", "country"):
                country = name.target.code  # type: ignore[union-attr]
                break
        if country is None:
            extra = (match.group("extra") or "").strip()
            named = [n for n in self.kb.lookup(extra) if n.kind == "country"] if extra else []
            city = geo.city(place)
            country = named[0].target.code if named else (city["iso3"] if city else None)  # type: ignore[union-attr]
        analysis.dateline_end = match.end()
        analysis.dateline_country = country
        return analysis
