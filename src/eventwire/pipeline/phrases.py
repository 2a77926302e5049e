"""Reading the parse: small questions about where a word sits, asked by more than one stage."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

# A quote does not run across a blank line; the opening mark follows a space, a line start or a colon.
QUOTE_RES = (
    re.compile(r"“([^“”]{3,}?)”"),
    re.compile(r'(?:(?<=^)|(?<=[\s(:—–-]))"([^"\n]{3,}?(?:\n(?!\n)[^"\n]*?)*?)"', re.MULTILINE),
)

# Words for a kind of place: "the city of Sake", "the Kenyan lakeside town of Naivasha".
GENERIC_PLACES = {"city", "town", "village", "region", "province", "district", "state", "capital", "port",
                  "island", "islands", "area", "county", "municipality", "strip", "enclave", "outskirts",
                  "peninsula", "valley", "coast", "highlands", "desert", "delta"}

# Prepositions that open a phrase telling another event ("after a bombing on a Jerusalem bus").
ANOTHER_EVENT = {"after", "before", "despite", "amid", "following", "since", "until", "ahead"}


@lru_cache(maxsize=64)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the words inside quotation marks, in order, none inside another."""
    spans: list[tuple[int, int]] = []
    for pattern in QUOTE_RES:
        for match in pattern.finditer(text):
            if "\n\n" in match.group(1) or any(s <= match.start() < e for s, e in spans):
                continue
            spans.append((match.start(1), match.end(1)))
    return tuple(sorted(spans))


def in_prep_phrase(tok: Token, above: Token, preps: Collection[str]) -> bool:
    """``tok`` sits in a phrase opened by one of ``preps`` ("in Doha", "on the island of St Vincent")
    somewhere between itself and ``above``."""
    for ancestor in tok.ancestors:
        if ancestor.i == above.i:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in preps:
            return True
    return False


def entity_at(doc: Doc, i: int) -> Span | None:
    """The named entity the recogniser drew over token ``i``, if any."""
    return next((e for e in doc.ents if e.start <= i < e.end), None)
