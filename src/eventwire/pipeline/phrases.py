"""Reading the parse: small questions about where a word sits, asked by more than one stage."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token


def in_prep_phrase(tok: Token, above: Token, preps: Collection[str]) -> bool:
    """``tok`` sits in a phrase opened by one of ``preps`` ("in Doha", "on the island of St Vincent")
    somewhere between itself and ``above``."""
    for ancestor in tok.ancestors:
        if ancestor.i == above.i:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in preps:
            return True
    return False
