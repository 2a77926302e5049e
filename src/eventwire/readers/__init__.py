"""Read articles from files, directories, glob patterns or stdin; unreadable items yield ArticleError."""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..article import Article, parse_published
from ..errors import ArticleError
from .html import read_html
from .jsonfile import read_json, read_jsonl
from .text import ReadOptions, decode_utf8, read_text, text_article

__all__ = ["SUPPORTED_SUFFIXES", "ReadOptions", "read_file", "read_sources"]

Reader = Callable[[bytes, str, str, ReadOptions], Iterator[Article | ArticleError]]

_READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_text,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)
_GLOB_CHARS = frozenset("*?[")
STDIN = "-"


def read_sources(
    sources: Iterable[str | Path],
    *,
    published: str | dt.date | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Iterator[Article | ArticleError]:
    """Yield every article in ``sources``, with an ArticleError in place of each unreadable item.

    The keyword options fill in metadata for plain text, and for HTML pages that lack it.
    A bad ``published`` raises ValueError at once, before anything is read.
    """
    options = ReadOptions(published=_check_published(published), url=url, outlet=outlet, title=title)
    if isinstance(sources, (str, Path)):
        sources = [sources]
    return _read_all(list(sources), options)


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Article | ArticleError]:
    """Read one file by its extension (.gz decompressed first); an unknown extension is read as text."""
    options = options or ReadOptions()
    name = str(path)
    suffix, stem = _format_of(path)
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        yield ArticleError(name, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
        return
    yield from _READERS.get(suffix, read_text)(data, stem, name, options)


def _check_published(value: str | dt.date | None) -> dt.date | None:
    try:
        return parse_published(value, "--published")
    except ArticleError:
        raise ValueError(f"published must be an ISO date (YYYY-MM-DD), got {value!r}") from None


def _read_all(sources: list[str | Path], options: ReadOptions) -> Iterator[Article | ArticleError]:
    for source in sources:
        if str(source) == STDIN:
            yield from _read_stdin(options)
            continue
        paths = _expand(source)
        if isinstance(paths, ArticleError):
            yield paths
            continue
        for path in paths:
            yield from read_file(path, options)


def _expand(source: str | Path) -> list[Path] | ArticleError:
    """The files a source names, in order; an ArticleError when it names none."""
    path = Path(source)
    if path.is_dir():
        files = _walk(path)
        return files or ArticleError(str(source), f"no {'/'.join(SUPPORTED_SUFFIXES)} files in directory")
    if path.exists() or path.is_symlink():
        return [path]
    if not _GLOB_CHARS.intersection(str(source)):
        return ArticleError(str(source), "no such file or directory")
    files = _from_glob(str(source))
    return files or ArticleError(str(source), "pattern matched no files")


def _from_glob(pattern: str) -> list[Path]:
    """Supported files matched by a glob pattern ("**" spans directories); matched directories are walked."""
    files: list[Path] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        path = Path(match)
        files.extend(_walk(path) if path.is_dir() else [path] if _is_supported(path) else [])
    return list(dict.fromkeys(files))


def _walk(root: Path) -> list[Path]:
    """Supported files under ``root``, recursively, sorted; hidden files and directories skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(Path(dirpath, f) for f in filenames if not f.startswith(".") and _is_supported(Path(f)))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _format_of(path: Path) -> tuple[str, str]:
    """(format suffix, stem) of a file name, looking through a trailing .gz."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    inner = Path(name)
    return inner.suffix.lower(), inner.stem if inner.suffix else name


def _is_supported(path: Path) -> bool:
    return _format_of(path)[0] in _READERS


def _read_stdin(options: ReadOptions) -> Iterator[Article | ArticleError]:
    """Standard input: JSON Lines if it starts with "{", otherwise one plain-text article with id "stdin"."""
    if sys.stdin is None:
        yield ArticleError(STDIN, "standard input is not available")
        return
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from read_jsonl(data, "stdin", "<stdin>", options)
        return
    try:
        yield text_article("stdin", decode_utf8(data, "stdin"), options)
    except ArticleError as err:
        yield err
