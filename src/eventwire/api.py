"""The Python API: ``code_article`` for one text, ``Coder`` for batches. The CLI and the HTTP API
call the same functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .article import Article, parse_published
from .errors import ArticleError
from .kb import KnowledgeBase
from .nlp import DEFAULT_MODEL, load_nlp
from .pipeline import Batch, Pipeline
from .pipeline.dateline import mask_dateline


@dataclass
class CodedArticle:
    """The result of coding one article: PLOVER event records, quotes and article-level flags."""

    article: Article
    records: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    flags: list[dict[str, Any]] = field(default_factory=list)


class Coder:
    """Loads the spaCy pipeline and the knowledge base once, then codes articles."""

    def __init__(self, model: str = DEFAULT_MODEL, *, batch_size: int = 32, max_chars: int = 200_000,
                 kb: KnowledgeBase | None = None) -> None:
        """``kb``: the knowledge base to resolve actors and check claims with; by default the shipped one
        (``eventwire.kb.load_kb_with_store(store)`` adds what was imported into a store)."""
        self.nlp = load_nlp(model)
        self.pipeline = Pipeline(self.nlp, kb=kb)
        self.batch_size = batch_size
        self.max_chars = max_chars

    def code(self, article: Article) -> CodedArticle:
        result = next(self.code_many([article]))
        if isinstance(result, ArticleError):
            raise result
        return result

    def code_many(self, articles: Iterable[Article | ArticleError]) -> Iterator[CodedArticle | ArticleError]:
        """Code a stream of articles (errors from the readers pass through in place). One article's
        failure is yielded as an ArticleError and the rest go on. Results come in input order; one
        batch is parsed while the learned model reads the one before it."""
        in_flight: _Started | None = None
        pending: list[Article | ArticleError] = []
        for item in articles:
            pending.append(item)
            if len(pending) >= self.batch_size:
                started = self._start(pending)
                if in_flight is not None:
                    yield from self._finish(in_flight)
                in_flight, pending = started, []
        if pending:
            started = self._start(pending)
            if in_flight is not None:
                yield from self._finish(in_flight)
            in_flight = started
        if in_flight is not None:
            yield from self._finish(in_flight)

    def _start(self, items: list[Article | ArticleError]) -> _Started:
        done: dict[int, CodedArticle | ArticleError] = {}
        fits: list[Article] = []
        for item in items:
            if not isinstance(item, Article):
                continue
            if len(item.text) > self.max_chars:
                reason = f"text is {len(item.text):,} characters, over the limit of {self.max_chars:,}"
                done[id(item)] = ArticleError(item.id, reason, "code")
            else:
                fits.append(item)
        docs = self.nlp.pipe([mask_dateline(a.text) for a in fits], batch_size=self.batch_size)
        return _Started(items, fits, done, self.pipeline.start(list(zip(fits, docs, strict=True))))

    def _finish(self, started: _Started) -> Iterator[CodedArticle | ArticleError]:
        done = started.done
        for article, result in zip(started.fits, self.pipeline.finish(started.batch), strict=True):
            if isinstance(result, Exception):  # one bad article must not stop the batch
                reason = f"coding failed: {type(result).__name__}: {result}"
                done[id(article)] = ArticleError(article.id, reason, "code")
            else:
                records, quotes, analysis = result
                done[id(article)] = CodedArticle(article, records, quotes, analysis.flags)
        for item in started.items:
            yield item if isinstance(item, ArticleError) else done[id(item)]


@dataclass
class _Started:
    """A batch between parsing and the end of the pipeline: its input in order, the articles that fit
    the size limit, results known already (oversized articles), and the pipeline's batch."""

    items: list[Article | ArticleError]
    fits: list[Article]
    done: dict[int, CodedArticle | ArticleError]
    batch: Batch


_default_coders: dict[str, Coder] = {}


def _coder(model: str) -> Coder:
    if model not in _default_coders:
        _default_coders[model] = Coder(model)
    return _default_coders[model]


def code_article(
    text: str,
    *,
    published: str | dt.date | None = None,
    id: str | None = None,  # noqa: A002 - the Article's key is "id"
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
) -> CodedArticle:
    """Code one article's text into PLOVER event records.

    ``published`` (YYYY-MM-DD) anchors relative dates; without it they stay unresolved.
    Raises ArticleError if the text is empty.
    """
    article = Article.from_dict(
        {"id": id, "text": text, "url": url, "outlet": outlet, "title": title,
         "published": published.isoformat() if isinstance(published, dt.date) else published}
    )
    parse_published(article.published)
    return _coder(model).code(article)


def code_articles(articles: Iterable[Article], *, model: str = DEFAULT_MODEL) -> Iterator[CodedArticle | ArticleError]:
    """Code many articles with batching; yields a CodedArticle or an ArticleError per input, in order."""
    return _coder(model).code_many(articles)
