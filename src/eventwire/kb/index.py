"""A compiled index of the knowledge base, so that start-up does not parse and index the JSON files again.

The first process to load the KB builds it from ``kb/data/`` and writes it, pickled, to the cache folder
(``$EVENTWIRE_CACHE``, else the user cache folder, e.g. ``~/.cache/eventwire``) under the digest of the data
files; later processes read it back. A changed data file has a new digest, so a stale index is never read.
When the cache folder cannot be written the KB is simply built in memory each time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import platformdirs

from .. import __version__

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")
FORMAT = 1  # bump when the pickled classes change shape


def cache_dir() -> Path:
    """Where compiled indexes are kept: ``$EVENTWIRE_CACHE`` or the user cache folder."""
    return Path(os.environ.get("EVENTWIRE_CACHE") or platformdirs.user_cache_dir("eventwire"))


@lru_cache(maxsize=1)
def data_digest() -> str:
    """A digest of every file in ``kb/data/`` (names and bytes), of the code that builds the index, and of the
    eventwire version."""
    digest = hashlib.sha1(f"{__version__}:{FORMAT}".encode())
    root = resources.files("eventwire").joinpath("kb/data")
    stack = [root]
    files = []
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append(entry)
            elif entry.name.endswith(".json"):
                files.append(entry)
    code = resources.files("eventwire").joinpath("kb")
    for module in ("loader.py", "model.py", "index.py"):  # how the index is built is part of what it holds
        files.append(code.joinpath(module))
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).rsplit("kb", 1)[-1].encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def compiled(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``'s result, read from the cache when an index ``name`` with this ``key`` is there; else
    built and written to the cache (atomically, so concurrent processes never read half a file)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # absent, unreadable or from another version: build it
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home or cache: the index stays in memory
    return value


class NameIndex:
    """Every KB name as a sequence of lower-cased tokens, found in a Doc the way spaCy's PhraseMatcher with
    ``attr="LOWER"`` finds them (every match, overlapping ones included), but built from a plain dict that
    pickles and loads in milliseconds."""

    def __init__(self, phrases: list[list[str]]) -> None:
        self.phrases = {tuple(p) for p in phrases if p}
        lengths: dict[str, set[int]] = {}
        for p in self.phrases:
            lengths.setdefault(p[0], set()).add(len(p))
        self.lengths = {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(0, start, end) for every name in ``doc``, like a Matcher's output."""
        lowers = [t.lower_ for t in doc]
        found = []
        for i, word in enumerate(lowers):
            for n in self.lengths.get(word, ()):
                if tuple(lowers[i:i + n]) in self.phrases:
                    found.append((0, i, i + n))
        return found


def name_index(nlp: Language, names: list[str], key: str | None) -> NameIndex:
    """The NameIndex of ``names`` tokenized by ``nlp``'s tokenizer; from the cache when ``key`` (the KB's
    digest) is given and an index for this tokenizer is there."""

    def build() -> NameIndex:
        # KB names are lower-cased, and the tokenizer keeps "U.S." and "A.B. Vajpayee" whole only as
        # written in text: tokenize each name with full stops as written in capitals and title case too.
        forms = [form for name in names
                 for form in (dict.fromkeys((name, name.upper(), name.title())) if "." in name else (name,))]
        return NameIndex([[t.lower_ for t in doc] for doc in nlp.tokenizer.pipe(forms)])

    if key is None:
        return build()
    tokenizer = f"{nlp.lang}-{nlp.meta.get('name')}-{nlp.meta.get('version')}-cased"
    return compiled("names", f"{key}-{hashlib.sha1(tokenizer.encode()).hexdigest()[:8]}", build)
