"""Plain data that flows through the pipeline: one Analysis per article, added to by each stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Span

from ..article import Article


@dataclass
class Entity:
    """A PLOVER entity object: who acts or is acted on."""

    code: str | None
    sector: str | None = None
    entity_text: str = ""
    identifier_id: str | None = None
    identifier_text: str | None = None
    office: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "sector": self.sector,
            "entity_text": self.entity_text,
            "identifier_id": self.identifier_id,
            "identifier_text": self.identifier_text,
            "office": self.office,
        }


@dataclass
class Mention:
    """A span of the text that names an actor, resolved to an Entity.

    kind: country, adjective, demonym, capital, metonym, organisation, person, role, pronoun, region.
    ``start``/``end`` are token indices into the Doc (end exclusive); ``head`` is the span's head token.
    """

    start: int
    end: int
    head: int
    kind: str
    entity: Entity
    gender: str | None = None
    person_key: str | None = None  # stable key of the person (KB name or the text's full name)
    also: list[Entity] = field(default_factory=list)  # "the two leaders": the other entity meant
    # What the text claims about a person: "Defense Minister" in "Defense Minister Vladimir Putin", with the
    # country it names ("Russian"), whether a qualifier makes it no claim about today ("former", "deputy"),
    # and the claim's words as token indices [claim_start, claim_end).
    title: str | None = None
    title_country: str | None = None
    title_qualified: bool = False
    claim_start: int | None = None
    claim_end: int | None = None

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


@dataclass
class Quote:
    """A direct quote or a reported statement, with its speaker."""

    start_char: int
    end_char: int
    text: str
    kind: str  # "direct" or "reported"
    speaker: Entity | None = None
    speaker_token: int | None = None
    sentence: int = 0


@dataclass
class Event:
    """An event found in one sentence, before it becomes a PLOVER record."""

    type: str
    lexical_type: str  # the type the lexicon gave, before markers re-typed it (THREATEN, REJECT)
    sentence: int
    trigger: int  # token index of the word carrying the event
    trigger_tokens: list[int]
    modes: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    actors: list[Entity] = field(default_factory=list)
    recipients: list[Entity] = field(default_factory=list)
    secondary: list[str] = field(default_factory=list)
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    reported: bool = False
    passive: bool = False  # told by whom it befell ("were arrested", "a roadside bomb killed"), not its doer
    noun: bool = False  # carried by a noun ("talks", "sanctions") rather than a verb
    noun_as_argument: bool = False
    speaker: Entity | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_precision: str | None = None
    location: dict[str, Any] | None = None
    confidence: float = 0.5
    flags: list[dict[str, Any]] = field(default_factory=list)
    model_probability: float | None = None  # the learned model's probability for this type, when it ran

    @property
    def quad(self) -> int:
        from ..plover import event_types

        return event_types()[self.type].quad


@dataclass
class Analysis:
    """Everything the pipeline learns about one article. Stages add to it; none rewrites another's work."""

    article: Article
    doc: Doc
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    speaker_at: dict[int, int] = field(default_factory=dict)  # token index -> index into quotes
    dateline_end: int = 0  # character offset where a wire dateline ("NAIROBI, 26 June (Agency) –") ends
    dateline_country: str | None = None
    home_country: str | None = None  # the country the story is mostly about, when one dominates
    sentence_types: dict[int, dict[str, float]] = field(default_factory=dict)  # sentence -> type probabilities

    @property
    def sentences(self) -> list[Span]:
        """The sentences that hold words (blank lines between paragraphs are not sentences). Read from
        the parser's sentence starts as an array: walking ``doc.sents`` token by token costs more."""
        if not hasattr(self, "_sents"):
            doc = self.doc
            if len(doc) == 0:
                self._sents, self._sent_of = [], {}
                return self._sents
            marks = doc.to_array([SENT_START, IS_SPACE])
            starts = [int(i) for i in np.flatnonzero(marks[:, 0] == 1)]
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
            bounds = zip(starts, [*starts[1:], len(doc)], strict=True)
            self._sents = [doc[a:b] for a, b in bounds if not marks[a:b, 1].all()]
            self._sent_of = {i: n for n, sent in enumerate(self._sents) for i in range(sent.start, sent.end)}
        return self._sents

    def sentence_of(self, token_i: int) -> int:
        self.sentences  # noqa: B018 - builds the index
        return self._sent_of.get(token_i, -1)

    def mention_at(self, token_i: int) -> Mention | None:
        if not hasattr(self, "_mention_index"):
            self._mention_index = {i: m for m in self.mentions for i in range(m.start, m.end)}
        return self._mention_index.get(token_i)

    def reset_mention_index(self) -> None:
        if hasattr(self, "_mention_index"):
            del self._mention_index
