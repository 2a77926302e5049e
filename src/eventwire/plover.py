"""PLOVER tables: the 16 event types, quad classes, PLOVER scores and CAMEO codes (data/plover.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import tomllib

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int
    score: float
    cameo: str
    modes: dict[str, float] = field(default_factory=dict)
    cameo_modes: dict[str, str] = field(default_factory=dict)
    cameo_contexts: dict[str, str] = field(default_factory=dict)

    def scale(self, modes: list[str]) -> float:
        """PLOVER score: the first listed mode with a score of its own, else the type's score."""
        for mode in modes:
            if mode in self.modes:
                return self.modes[mode]
        return self.score

    def cameo_code(self, modes: list[str], contexts: list[str]) -> str:
        for mode in modes:
            if mode in self.cameo_modes:
                return self.cameo_modes[mode]
        for context in contexts:
            if context in self.cameo_contexts:
                return self.cameo_contexts[context]
        return self.cameo


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    raw = tomllib.loads(resources.files("eventwire").joinpath("data/plover.toml").read_text("utf-8"))
    return {name: EventType(name=name, **raw[name]) for name in EVENT_TYPES}
