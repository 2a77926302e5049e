"""Scoring coded events against gold files written by hand.

Article-level gold is a folder (or two files) holding ``articles.jsonl`` (Article JSON) and
``expected.jsonl`` (one expected event per line: ``article_id, type, alt_types, actor, recipient,
date, sentence, future, negated``; actor/recipient are lists of acceptable codes, empty when the gold
names none).

Matching rule: a gold event is found when a predicted event from the same article, whose evidence
sentence overlaps the gold ``sentence``, has the gold type (or one of its ``alt_types``) as its primary
type and, where the gold lists them, an actor code and a recipient code from the gold's lists. Each
prediction matches at most one gold event. A prediction that matches no gold event counts against
precision.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import Coder
from .article import Article
from .errors import EventwireError
from .plover import EVENT_TYPES


@dataclass
class TypeScore:
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


@dataclass
class Report:
    per_type: dict[str, TypeScore] = field(default_factory=lambda: defaultdict(TypeScore))
    gold: int = 0
    predicted: int = 0
    found: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    confusion: Counter = field(default_factory=Counter)

    @property
    def micro(self) -> TypeScore:
        total = TypeScore()
        for score in self.per_type.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total

    @property
    def macro_f1(self) -> float:
        scored = [s for s in self.per_type.values() if s.tp + s.fn > 0]
        return sum(s.f1 for s in scored) / len(scored) if scored else 0.0

    def to_dict(self) -> dict[str, Any]:
        micro = self.micro
        return {
            "gold": self.gold, "predicted": self.predicted, "found": self.found,
            "micro": {"precision": micro.precision, "recall": micro.recall, "f1": micro.f1},
            "macro_f1": self.macro_f1,
            "per_type": {t: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp,
                             "fn": s.fn} for t, s in sorted(self.per_type.items())},
            "missed": self.missed,
        }


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


def load_article_gold(folder: Path) -> tuple[list[Article], list[dict[str, Any]]]:
    articles = [Article.from_dict(row) for row in _jsonl(folder / "articles.jsonl")]
    return articles, _jsonl(folder / "expected.jsonl")


def _codes(entities: list[dict[str, Any]]) -> set[str]:
    return {e["code"] for e in entities if e.get("code")}


def _matches(record: dict[str, Any], gold: dict[str, Any], text: str) -> bool:
    types = {gold["type"], *gold.get("alt_types", [])}
    if record["event"][0] not in types:
        return False
    start = text.find(gold["sentence"])
    info = record["text_info"]
    if start < 0 or not (info["start"] < start + len(gold["sentence"]) and start < info["end"]):
        return False
    if gold.get("actor") and not _codes(record["actor"]) & set(gold["actor"]):
        return False
    recipients = _codes(record["recipient"])
    if not recipients and len(record["actor"]) > 1:
        recipients = _codes(record["actor"])  # PLOVER codes reciprocal events ("A and B met") as joint actors
    if gold.get("recipient") and not recipients & set(gold["recipient"]):
        return False
    return True


def score(articles: Iterable[Article], expected: list[dict[str, Any]], coder: Coder) -> Report:
    report = Report()
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for gold in expected:
        by_article[gold["article_id"]].append(gold)
    for result in coder.code_many(list(articles)):
        if isinstance(result, EventwireError):
            raise result
        golds = by_article.get(result.article.id, [])
        text = result.article.text
        used: set[int] = set()
        report.gold += len(golds)
        report.predicted += len(result.records)
        for gold in golds:
            hit = next((i for i, r in enumerate(result.records) if i not in used and _matches(r, gold, text)), None)
            if hit is None:
                report.per_type[gold["type"]].fn += 1
                same_sentence = [r["event"][0] for r in result.records
                                 if gold["sentence"] in r["text"] or r["text"] in gold["sentence"]]
                report.confusion[(gold["type"], same_sentence[0] if same_sentence else "-")] += 1
                report.missed.append({"article_id": result.article.id, "type": gold["type"],
                                      "actor": gold.get("actor"), "recipient": gold.get("recipient"),
                                      "sentence": gold["sentence"], "predicted_here": same_sentence})
            else:
                used.add(hit)
                report.found += 1
                report.per_type[gold["type"]].tp += 1
                report.confusion[(gold["type"], result.records[hit]["event"][0])] += 1
        for i, record in enumerate(result.records):
            if i not in used:
                report.per_type[record["event"][0]].fp += 1
    for type_ in EVENT_TYPES:
        report.per_type[type_]  # noqa: B018 - every type appears in the table
    return report
