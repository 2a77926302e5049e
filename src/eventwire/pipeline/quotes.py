"""Quotes: direct quotes (straight and curly marks, across sentences) and reported speech
("X said that ...", "..., Wallace added."), each with its speaker resolved to an entity.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from .model import Analysis, Entity, Mention, Quote
from .phrases import quoted_spans

_SPEAKER_DEPS = {"nsubj", "nsubjpass"}


class QuoteFinder:
    """Pipeline stage: adds ``analysis.quotes`` and ``analysis.speaker_at`` (token -> quote)."""

    def __init__(self, speech_verbs: frozenset[str]) -> None:
        self.speech_verbs = speech_verbs

    def __call__(self, analysis: Analysis) -> Analysis:
        doc = analysis.doc
        direct = self._direct_quotes(analysis, doc)
        inside: set[int] = set()
        for q_index, (quote, tokens) in enumerate(direct):
            analysis.quotes.append(quote)
            for i in tokens:
                analysis.speaker_at[i] = q_index
                inside.add(i)
        lemmas = doc.to_array(LEMMA)
        speech_ids = self._speech_ids(doc)
        for i in np.flatnonzero(np.isin(lemmas, speech_ids)):
            tok = doc[int(i)]
            if tok.i in inside or tok.pos_ not in ("VERB", "AUX"):
                continue
            content = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis") and c.i not in inside]
            # "She said ..., but if not, Moscow will pay": a future clause joined to the verb of saying.
            content += [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                        and c.lemma_.lower() not in self.speech_verbs
                        and any(a.dep_ == "aux" and a.lower_ in ("will", "would") for a in c.children)]
            subject = _subject(tok)
            if subject is None:
                continue
            clauses = [[t.i for t in clause.subtree] for clause in content]
            if not clauses and _trailing_attribution(tok, subject):
                # "Britain has begun sending weapons, Wallace told MPs on Monday, as ...": the parser made the
                # verb of saying a conjunct of the clause it reports
                own = {t.i for t in tok.subtree}
                clauses = [[t.i for t in tok.head.subtree if t.i not in own and t.i < tok.i]]
            if not clauses:
                continue
            speaker = _speaker_entity(analysis, subject)
            if speaker is None:
                continue
            for clause in clauses:
                tokens = [i for i in clause if i not in inside and not doc[i].is_space]
                while tokens and doc[tokens[-1]].is_punct:
                    tokens.pop()
                if not tokens:
                    continue
                start, end = doc[min(tokens)].idx, doc[max(tokens)].idx + len(doc[max(tokens)])
                analysis.quotes.append(Quote(start, end, doc.text[start:end], "reported", speaker, subject.i,
                                             analysis.sentence_of(tok.i)))
                for i in tokens:
                    analysis.speaker_at.setdefault(i, len(analysis.quotes) - 1)
        return analysis

    def _speech_ids(self, doc: Doc) -> np.ndarray:
        """The string-store ids of the speech verbs' lemmas (lower and capitalised), for a fast scan."""
        if not hasattr(self, "_ids"):
            strings = doc.vocab.strings
            self._ids = np.array(sorted({strings.add(w) for v in self.speech_verbs for w in (v, v.capitalize())}),
                                 dtype=np.uint64)
        return self._ids

    def _direct_quotes(self, analysis: Analysis, doc: Doc) -> list[tuple[Quote, list[int]]]:
        spans = quoted_spans(doc.text)
        found: list[tuple[Quote, list[int]]] = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            tokens = [t.i for t in span] if span is not None else []
            if not tokens:
                continue
            speaker_tok = self._speaker_token(analysis, start, end, tokens)
            speaker = _speaker_entity(analysis, speaker_tok) if speaker_tok is not None else None
            if speaker is None and found:
                prev_quote, prev_tokens = found[-1]
                gap = doc.text[prev_quote.end_char:start]
                if "\n\n" not in gap or gap.strip() in ("", "”", '"'):
                    speaker, speaker_tok = prev_quote.speaker, prev_quote.speaker_token
            quote = Quote(start, end, doc.text[start:end].strip(), "direct", speaker, speaker_tok,
                          analysis.sentence_of(tokens[0]))
            found.append((quote, tokens))
        return found

    def _speaker_token(self, analysis: Analysis, start: int, end: int, tokens: list[int]) -> Token | None:
        """The subject of a speech verb outside the quote: after it in its last sentence ("...,” she
        said), else before it in its first sentence (He said: “...”)."""
        doc = analysis.doc
        last_sent = doc[tokens[-1]].sent if analysis.sentence_of(tokens[-1]) < 0 else (
            analysis.sentences[analysis.sentence_of(tokens[-1])])
        first_sent = doc[tokens[0]].sent if analysis.sentence_of(tokens[0]) < 0 else (
            analysis.sentences[analysis.sentence_of(tokens[0])])
        for tok in last_sent:
            if tok.idx > end and tok.lemma_.lower() in self.speech_verbs:
                # the parser may give the verb a second subject inside the quote ("..., one it has not paid,”)
                subjects = [c for c in tok.children if c.dep_ in _SPEAKER_DEPS and not start <= c.idx < end]
                subject = subjects[-1] if subjects else _subject(tok)
                if subject is not None and not start <= subject.idx < end:
                    return subject
        for tok in first_sent:
            if tok.idx < start and tok.lemma_.lower() in self.speech_verbs:
                subject = _subject(tok)
                if subject is not None and subject.idx < start:
                    return subject
        # words quoted inside a clause ("called the launch “an outrageous act”"): whoever the clause's verb
        # has as its subject said them
        inside = set(tokens)
        heads = [doc[i].head for i in tokens if doc[i].head.i not in inside]
        node = heads[0] if len(heads) == 1 else None
        for _ in range(8):  # up through "accusing ...", "to protest against ..." to the verb with a subject
            if node is None or node.i in inside:
                return None
            if node.pos_ in ("VERB", "AUX"):
                subject = _subject(node)
                if subject is not None:
                    return subject if subject.i not in inside and subject.dep_ == "nsubj" else None
                if node.dep_ not in ("advcl", "xcomp", "acl", "conj"):
                    return None
            if node.head.i == node.i:
                return None
            node = node.head
        return None


def _trailing_attribution(verb: Token, subject: Token) -> bool:
    """``verb`` is a verb of saying joined as a conjunct after a comma, with no "and"/"but": an attribution
    after the words it reports, not a second statement."""
    head = verb.head
    if verb.dep_ != "conj" or head.i >= verb.i or head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return False
    before = subject.left_edge.i - 1
    return before >= 0 and verb.doc[before].text == ","


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SPEAKER_DEPS:
            return child
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None


def _speaker_entity(analysis: Analysis, tok: Token) -> Entity | None:
    named = _named_in_apposition(analysis, tok)
    if named is not None:
        return named
    mention: Mention | None = analysis.mention_at(tok.i)
    if mention is None:
        for child in tok.subtree:
            mention = analysis.mention_at(child.i)
            if mention is not None:
                break
    if mention is None:
        return None
    if mention.kind == "pronoun" and mention.person_key:  # "..., he said": the person named before
        return Entity(**{**mention.entity.to_dict(), "entity_text": mention.person_key})
    return mention.entity


def _named_in_apposition(analysis: Analysis, tok: Token) -> Entity | None:
    """"the spokesman, Colonel Winthai Suvaree, told reporters": the person the role word names, with the
    role's country and sector where the KB does not know them."""
    role = analysis.mention_at(tok.i)
    for child in tok.children:
        if child.dep_ != "appos":
            continue
        person = next((m for t in child.subtree if (m := analysis.mention_at(t.i)) is not None and m.kind == "person"),
                      None)
        if person is None:
            continue
        entity = Entity(**person.entity.to_dict())
        if role is not None and entity.code is None:
            entity.code, entity.sector = role.entity.code, entity.sector or role.entity.sector
        return entity
    return None
