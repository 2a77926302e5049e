"""Scoring the coder against gold files written by hand.

Three gold formats are read (``load_gold`` tells them apart):

* **article-level**: a folder with ``articles.jsonl`` (Article JSON), ``expected.jsonl`` (one expected
  event per line: ``article_id, type, alt_types, actor, recipient, date, sentence, future, negated``)
  and optionally ``quotes.jsonl`` (``article_id, speaker, text``: the first words of the quote);
* **sentence-level**: a ``.jsonl`` file, one sentence per line with its events
  (``id, text, published, events: [{type, alt_types, mode, actor, recipient, negated, future}]``);
* **PLOVER gold-standard records** (``PLOVER_GSR_CAMEO.json``): the CAMEO manual's examples coded
  with PLOVER 0.5 labels, mapped to today's names by ``GSR_TYPE_MAP``.

Matching rule. A gold event is *found* when a predicted event from the same article, whose evidence
sentence overlaps the gold sentence, has the gold type (or one of its ``alt_types``) as its primary
type and, where the gold lists them, an actor code and a recipient code from the gold's lists (a
prediction with joint actors and no recipient, PLOVER's form for "A and B met", offers its actors as
recipients). Each prediction matches at most one gold event; a prediction that matches none counts
against precision. The *type* scores use the same rule without the codes; actor and recipient
accuracy are then measured on those type-matched pairs.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import CodedArticle, Coder
from .article import Article
from .errors import ArticleError, EventwireError
from .plover import EVENT_TYPES

# PLOVER 0.5 names in the gold-standard records -> today's types (and the mode the old name implied).
GSR_TYPE_MAP: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
    **{t: (t, None) for t in EVENT_TYPES},
}
# CAMEO-era country codes in the gold-standard records -> ISO 3166 alpha-3.
GSR_CODE_MAP = {"JAP": "JPN", "ITL": "ITA", "GER": "DEU", "UK": "GBR"}
# Generic codes in the gold-standard records that any code of that kind satisfies.
GENERIC_CODES = {"IGO", "NGO", "IMG", "MNC"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Rate:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def count(self, ok: bool) -> None:
        self.total += 1
        self.right += int(ok)

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


def _micro(scores: dict[str, Score]) -> Score:
    total = Score()
    for score in scores.values():
        total.add(score)
    return total


def _macro(scores: dict[str, Score]) -> float:
    scored = [s for s in scores.values() if s.tp + s.fn > 0]
    return sum(s.f1 for s in scored) / len(scored) if scored else 0.0


@dataclass
class Report:
    """What ``eventwire eval`` prints."""

    name: str = ""
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    types: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    events: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    actor: Rate = field(default_factory=Rate)
    recipient: Rate = field(default_factory=Rate)
    actor_sector: Rate = field(default_factory=Rate)
    recipient_sector: Rate = field(default_factory=Rate)
    date: Rate = field(default_factory=Rate)
    speaker: Rate = field(default_factory=Rate)
    confusion: Counter = field(default_factory=Counter)
    errors: list[dict[str, Any]] = field(default_factory=list)
    timings: list[tuple[float, str]] = field(default_factory=list)

    def merge(self, other: Report) -> None:
        self.name = f"{self.name} + {other.name}" if self.name else other.name
        self.articles += other.articles
        self.gold += other.gold
        self.predicted += other.predicted
        for mine, theirs in ((self.types, other.types), (self.events, other.events)):
            for type_, score in theirs.items():
                mine[type_].add(score)
        for attr in ("actor", "recipient", "actor_sector", "recipient_sector", "date", "speaker"):
            mine, theirs = getattr(self, attr), getattr(other, attr)
            mine.right, mine.total = mine.right + theirs.right, mine.total + theirs.total
        self.confusion.update(other.confusion)
        self.errors += other.errors
        self.timings += other.timings

    def to_dict(self, errors: int = 0) -> dict[str, Any]:
        return {
            "gold_set": self.name, "articles": self.articles, "gold": self.gold, "predicted": self.predicted,
            "type": {"micro": _micro(self.types).to_dict(), "macro_f1": round(_macro(self.types), 4),
                     "per_type": {t: s.to_dict() for t, s in sorted(self.types.items())}},
            "event": {"micro": _micro(self.events).to_dict(), "macro_f1": round(_macro(self.events), 4),
                      "per_type": {t: s.to_dict() for t, s in sorted(self.events.items())}},
            "actor_code": self.actor.to_dict(), "recipient_code": self.recipient.to_dict(),
            "actor_sector": self.actor_sector.to_dict(), "recipient_sector": self.recipient_sector.to_dict(),
            "date": self.date.to_dict(), "quote_speaker": self.speaker.to_dict(),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "errors": self.errors[:errors],
            "slowest": [{"seconds": round(s, 4), "article_id": a}
                        for s, a in sorted(self.timings, reverse=True)[:errors]],
        }


# -- reading gold -------------------------------------------------------------------------------------

@dataclass
class Gold:
    """Articles to code and what a careful human coder found in them."""

    name: str
    articles: list[Article]
    events: list[dict[str, Any]]  # each with article_id and sentence
    quotes: list[dict[str, Any]] = field(default_factory=list)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise EventwireError(f"gold file {path} not found")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise EventwireError(f"{path}:{n}: malformed JSON: {exc.msg}") from None
    return rows


def load_gold(path: Path | str) -> Gold:
    """Read an article-level folder, a sentence-level JSONL file or the PLOVER gold-standard JSON."""
    path = Path(path)
    if path.is_dir():
        articles = [Article.from_dict(row) for row in _jsonl(path / "articles.jsonl")]
        quotes = _jsonl(path / "quotes.jsonl") if (path / "quotes.jsonl").exists() else []
        return Gold(path.name, articles, _jsonl(path / "expected.jsonl"), quotes)
    if path.suffix == ".jsonl":
        return sentence_gold(path.stem, _jsonl(path))
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EventwireError(f"{path}: malformed JSON: {exc.msg}") from None
        if isinstance(data, list) and data and str(data[0].get("id", "")).startswith("PLOVER-GSR"):
            return plover_gsr(data)
    if not path.exists():
        raise EventwireError(f"gold {path} not found")
    raise EventwireError(f"{path}: not a gold folder (articles.jsonl + expected.jsonl), a sentence-level "
                         ".jsonl file, or the PLOVER gold-standard JSON")


def sentence_gold(name: str, rows: list[dict[str, Any]]) -> Gold:
    articles, events = [], []
    for row in rows:
        articles.append(Article.from_dict({"id": row["id"], "text": row["text"], "published": row.get("published")}))
        for event in row.get("events", []):
            events.append({**event, "article_id": row["id"], "sentence": row["text"]})
    return Gold(name, articles, events)


def _gsr_entities(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def plover_gsr(records: list[dict[str, Any]]) -> Gold:
    """The PLOVER gold-standard records: one sentence and one event each (the DOCUMENT record is skipped)."""
    articles, events = [], []
    for record in records:
        old = record.get("event")
        if old not in GSR_TYPE_MAP or not record.get("text"):
            continue
        type_, _mode = GSR_TYPE_MAP[old]
        actors = _gsr_entities(record.get("source"))
        targets = _gsr_entities(record.get("target"))
        articles.append(Article.from_dict({"id": record["id"], "text": record["text"]}))
        events.append({
            "article_id": record["id"], "sentence": record["text"], "type": type_, "alt_types": [],
            "actor": sorted({GSR_CODE_MAP.get(a["code"], a["code"]) for a in actors if a.get("code")}),
            "recipient": sorted({GSR_CODE_MAP.get(a["code"], a["code"]) for a in targets if a.get("code")}),
            "actor_sector": sorted({a["sector"] for a in actors if a.get("sector")}),
            "recipient_sector": sorted({a["sector"] for a in targets if a.get("sector")}),
        })
    return Gold("PLOVER_GSR_CAMEO", articles, events)


# -- matching -----------------------------------------------------------------------------------------

def _codes(entities: list[dict[str, Any]], kinds: dict[str, str]) -> set[str]:
    """A record's codes, with the generic kind (IGO, NGO) of organisation codes added."""
    found = set()
    for e in entities:
        code = e.get("code")
        if code:
            found.add(code)
            if e.get("sector") in GENERIC_CODES:
                found.add(e["sector"])
            if code in kinds:
                found.add(kinds[code])
    return found


def _recipient_codes(record: dict[str, Any], kinds: dict[str, str]) -> set[str]:
    codes = _codes(record["recipient"], kinds)
    if not codes and len(record["actor"]) > 1:
        codes = _codes(record["actor"], kinds)  # joint actors of a reciprocal event
    return codes


def _same_sentence(record: dict[str, Any], gold: dict[str, Any], text: str) -> bool:
    start = text.find(gold["sentence"])
    info = record["text_info"]
    return start >= 0 and info["start"] < start + len(gold["sentence"]) and start < info["end"]


def _type_ok(record: dict[str, Any], gold: dict[str, Any]) -> bool:
    return record["event"][0] in {gold["type"], *gold.get("alt_types", [])}


def _codes_ok(record: dict[str, Any], gold: dict[str, Any], kinds: dict[str, str]) -> bool:
    if gold.get("actor") and not _codes(record["actor"], kinds) & set(gold["actor"]):
        return False
    return not (gold.get("recipient") and not _recipient_codes(record, kinds) & set(gold["recipient"]))


def _pair(records: list[dict[str, Any]], golds: list[dict[str, Any]], text: str, kinds: dict[str, str],
          with_codes: bool) -> list[tuple[dict[str, Any], int | None]]:
    """Each gold event with the index of the prediction it matched (None when missed)."""
    used: set[int] = set()
    pairs = []
    for gold in golds:
        hit = None
        for strict in (True, False) if not with_codes else (True,):
            for i, r in enumerate(records):
                if i in used or not _same_sentence(r, gold, text) or not _type_ok(r, gold):
                    continue
                if (with_codes or strict) and not _codes_ok(r, gold, kinds):
                    continue
                hit = i
                break
            if hit is not None:
                break
        if hit is not None:
            used.add(hit)
        pairs.append((gold, hit))
    return pairs


def _speaker_ok(predicted: dict[str, Any] | None, gold_name: str) -> bool:
    if not predicted:
        return False
    names = [predicted.get("identifier_text") or "", predicted.get("entity_text") or ""]
    gold_words = gold_name.lower().split()
    return any(n and (n.lower() in gold_name.lower() or gold_words[-1] in n.lower()) for n in names)


def score(gold: Gold, coder: Coder, kinds: dict[str, str] | None = None, *, timed: bool = False) -> Report:
    """Code the gold's articles and compare with what the gold expects. ``timed``: code each article
    alone and record how long it took (slower: batches are parsed while the model reads the one
    before, so in a stream an article's own time cannot be told apart)."""
    kinds = kinds if kinds is not None else _organisation_kinds()
    report = Report(name=gold.name)
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in gold.events:
        by_article[event["article_id"]].append(event)
    quotes_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in gold.quotes:
        quotes_by_article[quote["article_id"]].append(quote)
    for elapsed, result in _coded(gold.articles, coder, timed):
        if isinstance(result, ArticleError):
            raise EventwireError(f"gold article {result.article_id} could not be coded: {result.reason}")
        article = result.article
        if elapsed is not None:
            report.timings.append((elapsed, article.id))
        report.articles += 1
        golds = by_article.get(article.id, [])
        records = result.records
        report.gold += len(golds)
        report.predicted += len(records)
        _score_types(report, records, golds, article, kinds)
        _score_events(report, records, golds, article, kinds)
        for quote in quotes_by_article.get(article.id, []):
            found = next((q for q in result.quotes if quote["text"][:25].lower() in q["text"].lower()), None)
            report.speaker.count(found is not None and _speaker_ok(found["speaker"], quote["speaker"]))
    for type_ in EVENT_TYPES:
        report.types[type_]  # noqa: B018 - every type appears in the tables
        report.events[type_]  # noqa: B018
    return report


def _coded(articles: list[Article], coder: Coder,
           timed: bool) -> Iterator[tuple[float | None, CodedArticle | ArticleError]]:
    if not timed:
        yield from ((None, result) for result in coder.code_many(articles))
        return
    # Loading (the parser's and the model's first run) is not an article's time: one warm-up article first.
    next(coder.code_many([Article(id="warm-up", text="France and Germany met in Paris and signed a trade deal.")]))
    for article in articles:
        started = time.perf_counter()
        result = next(coder.code_many([article]))
        yield time.perf_counter() - started, result


def _tally(scores: dict[str, Score], records: list[dict[str, Any]],
           pairs: list[tuple[dict[str, Any], int | None]]) -> set[int]:
    """Count found and missed gold events and unmatched predictions; return the matched predictions."""
    matched = {i for _, i in pairs if i is not None}
    for gold, i in pairs:
        if i is None:
            scores[gold["type"]].fn += 1
        else:
            scores[gold["type"]].tp += 1
    for i, record in enumerate(records):
        if i not in matched:
            scores[record["event"][0]].fp += 1
    return matched


def _score_types(report: Report, records: list[dict[str, Any]], golds: list[dict[str, Any]], article: Article,
                 kinds: dict[str, str]) -> None:
    pairs = _pair(records, golds, article.text, kinds, with_codes=False)
    matched = _tally(report.types, records, pairs)
    for gold, i in pairs:
        if i is None:
            here = [r for k, r in enumerate(records) if k not in matched and _same_sentence(r, gold, article.text)]
            report.confusion[(gold["type"], here[0]["event"][0] if here else "-")] += 1
            report.errors.append({"kind": "missed", "article_id": article.id, "gold": gold["type"],
                                  "predicted_here": [r["event"][0] for r in here], "sentence": gold["sentence"]})
            continue
        record = records[i]
        report.confusion[(gold["type"], record["event"][0])] += 1
        if gold.get("actor"):
            report.actor.count(bool(_codes(record["actor"], kinds) & set(gold["actor"])))
        if gold.get("recipient"):
            report.recipient.count(bool(_recipient_codes(record, kinds) & set(gold["recipient"])))
        if gold.get("actor_sector"):
            report.actor_sector.count(any(a.get("sector") in gold["actor_sector"] for a in record["actor"]))
        if gold.get("recipient_sector"):
            report.recipient_sector.count(any(a.get("sector") in gold["recipient_sector"]
                                              for a in record["recipient"]))
        if gold.get("date"):
            report.date.count(record["date"] == gold["date"])
    for i, record in enumerate(records):
        if i not in matched:
            report.confusion[("-", record["event"][0])] += 1
            report.errors.append({"kind": "extra", "article_id": article.id, "predicted": record["event"][0],
                                  "actor": sorted(_codes(record["actor"], {})), "sentence": record["text"]})


def _score_events(report: Report, records: list[dict[str, Any]], golds: list[dict[str, Any]], article: Article,
                  kinds: dict[str, str]) -> None:
    _tally(report.events, records, _pair(records, golds, article.text, kinds, with_codes=True))


def _organisation_kinds() -> dict[str, str]:
    """Organisation code -> its generic kind (IGO, NGO, ...), from the knowledge base."""
    from .kb import load_kb

    kb = load_kb()
    kinds: dict[str, str] = {}
    for org in kb.organisations:
        if org.sector in GENERIC_CODES and org.code not in kb.countries:
            kinds.setdefault(org.code, org.sector)
    kinds.setdefault("UNO", "IGO")
    kinds.setdefault("EU", "IGO")
    return kinds
