"""Plain-text files: one file is one article, its id the file stem."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..article import Article
from ..errors import ArticleError


@dataclass(frozen=True)
class ReadOptions:
    """Metadata given by the caller for sources that carry none (plain text, HTML without it)."""

    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None


def decode_utf8(data: bytes, ident: str, base_offset: int = 0, strip_bom: bool = True) -> str:
    """Decode UTF-8 (a leading BOM dropped); undecodable bytes raise ArticleError with their offset."""
    skip = len(codecs.BOM_UTF8) if strip_bom and data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        pos = skip + exc.start
        reason = f"not UTF-8 text: byte 0x{data[pos]:02x} at offset {base_offset + pos}"
        raise ArticleError(ident, reason) from None


def text_article(ident: str, text: str, options: ReadOptions) -> Article:
    """Build an Article from raw text, keeping it verbatim except CRLF -> LF."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise ArticleError(ident, "empty text")
    return Article(
        id=ident,
        text=text,
        url=options.url,
        outlet=options.outlet,
        published=options.published,
        title=options.title,
    )


def read_text(data: bytes, stem: str, name: str, options: ReadOptions) -> Iterator[Article | ArticleError]:
    """Yield the one Article in a plain-text file, or its ArticleError."""
    try:
        yield text_article(stem, decode_utf8(data, stem), options)
    except ArticleError as err:
        yield err
