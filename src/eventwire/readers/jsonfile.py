"""JSON files (one article object or a list of them) and JSON Lines files (one object per line)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..article import Article
from ..errors import ArticleError
from .text import ReadOptions, decode_utf8


def _malformed(where: str, exc: json.JSONDecodeError) -> ArticleError:
    return ArticleError(where, f"malformed JSON: {exc.msg} (column {exc.colno})")


def _to_article(obj: Any, default_id: str, where: str) -> Article | ArticleError:
    """Article.from_dict, with its error returned; a non-object is reported at ``where``."""
    if not isinstance(obj, dict):
        return ArticleError(where, f"expected a JSON object, got {type(obj).__name__}")
    try:
        return Article.from_dict(obj, default_id=default_id)
    except ArticleError as err:
        return err


def read_json(data: bytes, stem: str, name: str, options: ReadOptions) -> Iterator[Article | ArticleError]:
    """A .json file: one object (default id = stem) or a list (default id = "stem:index", from 0)."""
    try:
        text = decode_utf8(data, name)
    except ArticleError as err:
        yield err
        return
    if not text.strip():
        yield ArticleError(name, "empty file")
        return
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _malformed(f"{name}:{exc.lineno}", exc)
        return
    if isinstance(doc, dict):
        yield _to_article(doc, stem, name)
    elif isinstance(doc, list):
        if not doc:
            yield ArticleError(name, "empty JSON list")
        for index, obj in enumerate(doc):
            yield _to_article(obj, f"{stem}:{index}", f"{name}[{index}]")
    else:
        yield ArticleError(name, f"expected a JSON object or a list of objects, got {type(doc).__name__}")


def read_jsonl(data: bytes, stem: str, name: str, options: ReadOptions) -> Iterator[Article | ArticleError]:
    """A .jsonl/.ndjson file: one object per line, blank lines skipped; default id = "stem:line"."""
    offset = 0
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        where = f"{name}:{lineno}"
        line_offset, offset = offset, offset + len(raw) + 1
        try:
            line = decode_utf8(raw, where, line_offset, strip_bom=lineno == 1)
        except ArticleError as err:
            yield err
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _malformed(where, exc)
            continue
        yield _to_article(obj, f"{stem}:{lineno}", where)
