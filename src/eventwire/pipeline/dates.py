"""When: resolve the words that date an event ("on Tuesday", "yesterday", "last week", "3 March")
against the article's ``published`` date. A weekday in a future clause resolves forward, in a past
clause backward. ``date_precision`` says how exact the result is: day, week, month, year, or
``published`` when the text gives no date of its own (the event is dated by the article).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Span, Token

from .model import Analysis
from .phrases import ANOTHER_EVENT

_WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))}
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
# a month's name or its abbreviation ("Dec.", "Sept"), not any word that starts like one ("decades", "marches")
_MONTH_RE = re.compile(r"\b(" + "|".join(f"{m[:3]}(?:{m[3:]})?" for m in _MONTHS) + r"|sept)\.?(?![a-z])",
                       re.IGNORECASE)
_YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")
_DAY_RE = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_NOT_A_POINT = {"since", "until", "till", "for", "over", "throughout", "between", "from"}
_SPEECH_DEPS = {"ccomp", "parataxis"}


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def resolve(text: str, published: dt.date | None, future: bool = False) -> tuple[dt.date | None, str] | None:
    """Resolve date words against ``published``. Returns (date, precision), (None, "unresolved") when a
    relative date has no anchor, or None when the words are not a point in time."""
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"^(on|in|at|by|the|this past)\s+", "", low)
    words = low.split()
    if not words:
        return None
    relative = {
        "today": (0, "day"), "tonight": (0, "day"), "this morning": (0, "day"), "this afternoon": (0, "day"),
        "this evening": (0, "day"), "yesterday": (-1, "day"), "tomorrow": (1, "day"),
        "the day before yesterday": (-2, "day"), "overnight": (0, "day"), "earlier today": (0, "day"),
    }
    if low in relative:
        if published is None:
            return None, "unresolved"
        delta, precision = relative[low]
        return published + dt.timedelta(days=delta), precision
    if published is not None:
        span_words = {"week": 7}
        for unit in ("week", "month", "year"):
            for prefix, step in (("last", -1), ("past", -1), ("this", 0), ("next", 1), ("coming", 1)):
                if low in (f"{prefix} {unit}", f"the {prefix} {unit}", f"earlier this {unit}"):
                    step = -0 if low.startswith("earlier") else step
                    if unit == "week":
                        return _monday(published) + dt.timedelta(days=span_words["week"] * step), "week"
                    if unit == "month":
                        month = published.month + step
                        year = published.year + (month - 1) // 12
                        return dt.date(year, (month - 1) % 12 + 1, 1), "month"
                    return dt.date(published.year + step, 1, 1), "year"
    weekday = next((w for w in words if w.rstrip(",") in _WEEKDAYS), None)
    if weekday and not _MONTH_RE.search(low):
        if published is None:
            return None, "unresolved"
        target = _WEEKDAYS[weekday.rstrip(",")]
        if "next" in words or ("coming" in words) or (future and "last" not in words):
            delta = (target - published.weekday()) % 7 or 7
        else:
            delta = -((published.weekday() - target) % 7)
            if "last" in words and delta == 0:
                delta = -7
        return published + dt.timedelta(days=delta), "day"
    if _MONTH_RE.search(low) or _YEAR_RE.search(low):
        return _explicit(low, published, future)
    return None


@lru_cache(maxsize=2048)
def _explicit(low: str, published: dt.date | None, future: bool) -> tuple[dt.date | None, str] | None:
    import dateparser  # imported here: it is slow to load and most sentences carry no explicit date

    has_month = bool(_MONTH_RE.search(low))
    has_year = bool(_YEAR_RE.search(low))
    has_day = has_month and bool(_DAY_RE.search(_YEAR_RE.sub("", low)))
    if not has_year and published is None:
        return None, "unresolved"
    settings = {"PREFER_DATES_FROM": "future" if future else "past", "PREFER_DAY_OF_MONTH": "first",
                "REQUIRE_PARTS": [], "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(low, languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if has_day:
        return day, "day"
    if has_month:
        return day.replace(day=1), "month"
    return dt.date(day.year, 1, 1), "year"


_TIMES_OF_DAY = {"night", "morning", "afternoon", "evening", "dawn", "weekend", "midnight", "noon", "time"}


def _names_a_thing(span: Span) -> bool:
    """A year that is part of a noun's name, not a date of the sentence's act: "his 2022 election defeat",
    "the 1994 nuclear accord", "seized during the 1990 invasion"."""
    head = span.root.head
    return span.root.dep_ in ("compound", "nmod", "amod", "nummod", "poss") and head.pos_ in ("NOUN", "PROPN") and (
        head.lemma_.lower() not in _TIMES_OF_DAY)  # "on Friday night" is a date


def _elsewhere(span: Span, trigger: Token) -> bool:
    """A date that is no point in time ("since 2018") or dates another act of the sentence ("have not opened
    the border, despite agreeing to do so in 2022")."""
    for tok in span.root.ancestors:
        if tok.i == trigger.i:
            return False
        if tok.dep_ == "prep" and tok.lower_ in _NOT_A_POINT | ANOTHER_EVENT:
            return True
        if tok.dep_ in ("relcl", "acl") and not tok.is_ancestor(trigger) and _YEAR_RE.search(span.text):
            return True  # "the arms embargo it imposed on Asmara in 2009": a year in a clause about something else
    return False


_STORY_DAYS = 7  # a lead dated more than a week before publication is not the story's day


class DateResolver:
    """Pipeline stage: sets ``date``, ``date_text`` and ``date_precision`` on each event.

    The date comes from, in order: date words attached to the event's words or to the verb that
    reports it; the only date words in the same sentence; for a material act told later in the article,
    the day of the first event it dates within the week before publication (``"story"``: a wire story's
    lead sets the day of the acts its later sentences tell of; statements and reactions keep the
    publication date); the publication date (``"published"``)."""

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        dates_by_sentence: dict[int, list[Span]] = {}
        published = analysis.article.published
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME") and resolve(ent.text, published) is not None:  # not "one-day"
                dates_by_sentence.setdefault(analysis.sentence_of(ent.start), []).append(ent)
        story: tuple[dt.date, str] | None = None  # the day of the first event the article dates
        for event in sorted(analysis.events, key=lambda e: e.trigger):
            candidates = dates_by_sentence.get(event.sentence, [])
            chosen, of_speech = self._governing_date(doc[event.trigger], candidates,
                                                     [doc[i] for i in event.trigger_tokens])
            if chosen is None and len(candidates) == 1 and not _names_a_thing(candidates[0]) and not _elsewhere(
                    candidates[0], doc[event.trigger]):
                chosen, of_speech = candidates[0], False
            if chosen is not None:
                # a date on the verb of saying dates the saying, which is past: "said on Thursday it would ..."
                resolved = resolve(chosen.text, published, future=event.future and not of_speech)
                if resolved is not None:
                    event.date, event.date_precision = resolved
                    event.date_text = chosen.text
                    if story is None and event.date is not None and event.date_precision == "day" and (
                        not event.future and (published is None or 0 <= (published - event.date).days <= _STORY_DAYS)
                    ):
                        story = (event.date, chosen.text)
                    continue
            if story is not None and not event.future and event.sentence > 0 and event.quad in (2, 4):
                # "Police arrested 50 people overnight" after a lead "... stormed parliament on Tuesday"
                event.date, event.date_precision, event.date_text = story[0], "story", story[1]
                continue
            if published is not None:
                event.date, event.date_precision = published, "published"
            else:
                event.date, event.date_precision = None, "unresolved"
        return analysis

    def _governing_date(self, trigger: Token, dates: list[Span],
                        words: Sequence[Token] = ()) -> tuple[Span | None, bool]:
        """The date phrase attached to the trigger or to the words that govern it, up to (and then
        including) the verb of saying: "told Commons on Monday that it had decided to supply". The flag
        says whether it dates the verb of saying rather than the event."""
        if not dates:
            return None, False
        chain: list[Token] = [trigger]
        node = trigger
        speech_at = None
        while node.head != node and len(chain) < 8:
            crossed_speech = node.dep_ in _SPEECH_DEPS
            node = node.head
            chain.append(node)
            if crossed_speech:
                speech_at = len(chain) - 1
                if node.dep_ == "conj":  # "called it treasonous on Tuesday night and said ..."
                    chain.append(node.head)
                break
        rank = {tok.i: n for n, tok in enumerate(chain)}
        for word in words:  # "held a one-day strike on Wednesday": the event's own noun
            rank.setdefault(word.i, 0)
        best: tuple[int, int, Span] | None = None
        for span in dates:
            attach = span.root.head if span.root.dep_ == "pobj" else span.root
            if attach.dep_ == "prep":
                if attach.lower_ in _NOT_A_POINT:
                    continue
                attach = attach.head
            elif attach.dep_ in ("npadvmod", "tmod", "advmod", "nmod", "compound", "nummod", "pobj"):
                attach = attach.head
            if attach.dep_ in ("nsubj", "nsubjpass") and attach.i not in rank:
                attach = attach.head  # "Russia on Monday ordered ...", parsed as "Russia on Monday"
            if attach.i not in rank:
                continue
            key = (rank[attach.i], abs(span.start - trigger.i))
            if best is None or key < best[:2]:
                best = (*key, span)
        if best is None:
            return None, False
        return best[2], speech_at is not None and best[0] >= speech_at
