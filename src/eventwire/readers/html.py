"""HTML pages: main text and metadata extracted with trafilatura (offline: it is only handed the bytes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..article import Article, parse_published
from ..errors import ArticleError
from .text import ReadOptions

NO_TEXT = "no article text found in HTML"
# trafilatura's fallback extractors may return a bare navigation block when a page has no body text.
_BOILERPLATE_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
# Dates from the page's metadata only: no guessing from the URL or the text, publication over modification.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(data: bytes, ident: str) -> Any:
    """Run trafilatura on the page; return its Document (or None when nothing was extracted)."""
    try:
        import trafilatura
    except ImportError as exc:
        raise ArticleError(ident, f"cannot read HTML: trafilatura is not usable ({exc})") from None
    try:
        return trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # a malformed page must not stop the batch
        raise ArticleError(ident, f"cannot parse HTML: {exc}") from None


def _field(doc: Any, name: str) -> Any:
    """A field of trafilatura's result: a Document in 2.x, a dict in 1.x."""
    if doc is None:
        return None
    return doc.get(name) if isinstance(doc, dict) else getattr(doc, name, None)


def _body_text(doc: Any, title: str | None) -> str:
    """Extracted paragraphs joined with blank lines; a leading headline equal to the title is dropped."""
    text, body = _field(doc, "text"), _field(doc, "body")
    if not text or (body is not None and body.tag in _BOILERPLATE_TAGS):
        return ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if title and len(paragraphs) > 1 and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _page_date(value: str | None, ident: str) -> dt.date | None:
    try:
        return parse_published(value, ident)
    except ArticleError:
        return None


def html_article(data: bytes, ident: str, options: ReadOptions) -> Article:
    """Build an Article from an HTML page; the page's metadata wins over the caller's options."""
    doc = _extract(data, ident)
    title = _field(doc, "title") or options.title
    text = _body_text(doc, title)
    if not text:
        raise ArticleError(ident, NO_TEXT)
    return Article(
        id=ident,
        text=text,
        url=_field(doc, "url") or options.url,
        outlet=_field(doc, "sitename") or options.outlet,
        published=_page_date(_field(doc, "date"), ident) or options.published,
        title=title,
    )


def read_html(data: bytes, stem: str, name: str, options: ReadOptions) -> Iterator[Article | ArticleError]:
    """Yield the one Article in an HTML page, or its ArticleError."""
    try:
        yield html_article(data, stem, options)
    except ArticleError as err:
        yield err
