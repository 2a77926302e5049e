"""The event lexicon (data/lexicon.toml): which words carry which PLOVER type, mode and context.

Entry syntax, one string each: ``LEMMA[ WORD...][ /MODE][ @CONTEXT[,CONTEXT]]``. Extra words are a
particle or preposition the verb must govern ("call for", "pull out"), or a modifier a noun must have
("air strike"). A longer entry outranks the bare lemma.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import tomllib

from ..errors import EventwireError
from ..plover import EVENT_TYPES


@dataclass(frozen=True)
class Entry:
    lemma: str
    extra: tuple[str, ...]
    type: str
    mode: str | None
    contexts: tuple[str, ...]


@dataclass
class Lexicon:
    verbs: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    light_verbs: frozenset[str] = frozenset()
    object_rules: dict[tuple[str, str], Entry] = field(default_factory=dict)
    non_event_objects: frozenset[tuple[str, str]] = frozenset()
    non_event_nouns: frozenset[str] = frozenset()
    anaphora: frozenset[str] = frozenset()
    trigger_words: frozenset[str] = frozenset()  # every lemma that can carry an event
    typed_words: frozenset[str] = frozenset()  # ... of which the lexicon types these alone (no particle/object)
    verdict_verbs: frozenset[str] = frozenset()  # "called the sanctions illegal"
    favourable_verdicts: frozenset[str] = frozenset()
    context_nouns: dict[str, str] = field(default_factory=dict)
    speech: frozenset[str] = frozenset()
    future_governors: frozenset[str] = frozenset()
    negating_governors: frozenset[str] = frozenset()
    hypothetical_words: frozenset[str] = frozenset()


def _trigger_words(lex: Lexicon) -> frozenset[str]:
    return (frozenset(lex.verbs) | frozenset(lex.nouns) | frozenset(v.split()[0] for v, _ in lex.object_rules)
            | lex.verdict_verbs)


def parse_entry(text: str, type_: str, head_last: bool = False) -> Entry:
    """``"pull out /withdraw @military"`` -> Entry("pull", ("out",), type_, "withdraw", ("military",)).

    Noun entries are written in English order with the head last ("air strike"): ``head_last``."""
    contexts: tuple[str, ...] = ()
    mode = None
    if "@" in text:
        text, ctx = text.split("@", 1)
        contexts = tuple(c.strip() for c in ctx.split(",") if c.strip())
    if "/" in text:
        text, mode_text = text.split("/", 1)
        mode = mode_text.strip() or None
    words = text.lower().split()
    if not words:
        raise EventwireError(f"lexicon: empty entry under {type_}")
    if head_last:
        return Entry(words[-1], tuple(words[:-1]), type_, mode, contexts)
    return Entry(words[0], tuple(words[1:]), type_, mode, contexts)


def _words(section: dict, key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in section.get(key, []))


def _group(groups: dict[str, list[str]], word: str, kind: str) -> list[str]:
    """``"<handover>"`` -> the words of that group; a plain word stands for itself."""
    if not (word.startswith("<") and word.endswith(">")):
        return [word]
    name = word[1:-1]
    if name not in groups:
        raise EventwireError(f"lexicon: object rule names an unknown {kind} group <{name}>; "
                             f"known: {', '.join(sorted(groups)) or 'none'}")
    return [" ".join(w.lower().split()) for w in groups[name]]


def _object_rules(section: dict) -> dict[tuple[str, str], Entry]:
    """``"send + troop = MOBILIZE /troops"`` -> {("send", "troop"): Entry}. A side written ``<name>`` stands for
    every word of ``verb_groups``/``noun_groups`` ``name``; a rule naming both words outranks a group rule."""
    verb_groups, noun_groups = section.get("verb_groups", {}), section.get("noun_groups", {})
    rules: dict[tuple[str, str], Entry] = {}
    grouped: dict[tuple[str, str], Entry] = {}
    for rule in section.get("rules", []):
        left, right = rule.split("=", 1)
        verb_side, noun_side = (w.strip().lower() for w in left.split("+", 1))
        right = right.strip()
        type_ = right.split()[0]
        into = grouped if "<" in verb_side + noun_side else rules
        for verb in _group(verb_groups, verb_side, "verb"):
            for noun in _group(noun_groups, noun_side, "noun"):
                into.setdefault((verb, noun), parse_entry(f"{verb} {right[len(type_):]}", type_))
    return {**grouped, **rules}


def load_lexicon_file(path: Path | None = None) -> Lexicon:
    if path is None:
        raw_text = resources.files("eventwire").joinpath("data/lexicon.toml").read_text("utf-8")
    else:
        raw_text = Path(path).read_text("utf-8")
    try:
        raw = tomllib.loads(raw_text)
    except tomllib.TOMLDecodeError as exc:
        raise EventwireError(f"lexicon {path or 'data/lexicon.toml'}: {exc}") from None
    lex = Lexicon()
    for type_ in EVENT_TYPES:
        section = raw.get(type_, {})
        for text in section.get("verbs", []):
            entry = parse_entry(text, type_)
            lex.verbs[entry.lemma].append(entry)
        for text in section.get("nouns", []):
            entry = parse_entry(text, type_, head_last=True)
            lex.nouns[entry.lemma].append(entry)
    for table in (lex.verbs, lex.nouns):
        for entries in table.values():
            entries.sort(key=lambda e: -len(e.extra))
    lex.light_verbs = _words(raw.get("light_verbs", {}), "verbs")
    lex.verdict_verbs = _words(raw.get("verdicts", {}), "verbs")
    lex.favourable_verdicts = _words(raw.get("verdicts", {}), "favourable")
    lex.object_rules = _object_rules(raw.get("object_rules", {}))
    vetoes = raw.get("non_event_objects", {})
    lex.non_event_objects = frozenset(
        tuple(w.strip().lower() for w in rule.split("+", 1)) for rule in vetoes.get("rules", [])  # type: ignore[misc]
    )
    lex.non_event_nouns = frozenset(" ".join(n.lower().split()) for n in vetoes.get("nouns", []))
    for context, nouns in raw.get("context_nouns", {}).items():
        for noun in nouns:
            lex.context_nouns.setdefault(noun.lower(), context)
    lex.anaphora = _words(raw.get("anaphora", {}), "nouns")
    lex.trigger_words = _trigger_words(lex)
    lex.typed_words = frozenset(lemma for table in (lex.verbs, lex.nouns)
                                for lemma, entries in table.items() if any(not e.extra for e in entries))
    speech = raw.get("speech", {})
    lex.speech = _words(speech, "verbs") if isinstance(speech, dict) else frozenset(w.lower() for w in speech)
    markers = raw.get("markers", {})
    lex.future_governors = _words(markers, "future_governors")
    lex.negating_governors = _words(markers, "negating_governors")
    lex.hypothetical_words = _words(markers, "hypothetical_words")
    return lex


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon shipped with the package (parsed once per process)."""
    return load_lexicon_file()
