"""The batch runner: sources -> articles -> coder -> store, one article at a time.

An unreadable or uncodable article is reported with its id and reason and the batch goes on; what
was stored stays stored; a rerun skips articles already coded with the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import CodedArticle, Coder
from .article import Article
from .errors import ArticleError
from .readers import read_sources
from .store import Store


@dataclass
class RunSummary:
    coded: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    errors: list[ArticleError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True unless nothing at all could be coded (or found already coded)."""
        return self.coded + self.skipped > 0 or not self.errors


@dataclass
class Skipped:
    """An article the store already holds with the same text; its stored records are attached."""

    article: Article
    records: list[dict[str, Any]]


Result = CodedArticle | Skipped | ArticleError


def run(
    sources: Iterable[str | Path],
    coder: Coder,
    store: Store | None = None,
    *,
    force: bool = False,
    read_options: dict[str, Any] | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> RunSummary:
    """Code every article the sources hold, store the results, and report each one to ``on_result``."""
    summary = RunSummary()
    skipped: list[Skipped] = []

    def to_code() -> Iterator[Article | ArticleError]:
        for item in read_sources(sources, **(read_options or {})):
            if isinstance(item, Article) and store is not None and not force and store.is_coded(item.id, item.hash):
                skipped.append(Skipped(item, store.events(article_id=item.id)))
                continue
            yield item

    for result in coder.code_many(to_code()):
        while skipped:  # report skips in input order, before the next coded article
            done = skipped.pop(0)
            summary.skipped += 1
            if on_result:
                on_result(done)
        if isinstance(result, ArticleError):
            summary.failed += 1
            summary.errors.append(result)
            if store is not None and result.stage == "code":
                store.save_failure(result.article_id, None, result.reason)
        else:
            if store is not None:
                store.save_article(result.article, result.records, result.quotes, result.flags)
            summary.coded += 1
            summary.events += len(result.records)
        if on_result:
            on_result(result)
    for done in skipped:
        summary.skipped += 1
        if on_result:
            on_result(done)
    return summary
