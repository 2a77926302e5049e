"""History told as background is not news: a story of 1999 that recalls "Indonesia invaded the former
Portuguese colony in 1975" does not report that act as happening now, and an event dataset that took such
acts as the story's events would count old wars again every time a journalist recalls them.

Runs after the dates stage and drops the events it dates more than a year before the article (from words
of their own: "in 1974", "in February 2005"; not those dated by the publication day or the story's lead).
"""

from __future__ import annotations

import datetime as dt

from .model import Analysis, Event

# Older than this before the article, an act is history, not the story's news.
BACKGROUND_AFTER = dt.timedelta(days=365)
_TEXT_DATED = {"day", "week", "month", "year"}


class BackgroundFilter:
    """Pipeline stage: removes events told as history (see the module's docstring)."""

    def __call__(self, analysis: Analysis) -> Analysis:
        published = analysis.article.published
        if published is not None:
            analysis.events = [e for e in analysis.events if not _dated_long_before(e, published)]
        return analysis


def _dated_long_before(event: Event, published: dt.date) -> bool:
    return (event.date is not None and event.date_precision in _TEXT_DATED and not event.future
            and published - event.date > BACKGROUND_AFTER)
