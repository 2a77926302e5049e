"""Score the claim checks against gold sentences (eval/claims/): false flags on right text, hits on wrong text.

A gold line is ``{"id", "published", "text", "flags": [{"kind", "text"}]}``: no flags for a sentence whose
titles and names are right on its date, one or more for a sentence with a wrong one. A gold flag is found
when a flag the coder raises overlaps its words; its kind is scored separately.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import Coder
from .article import Article
from .errors import EventwireError


def is_claims_gold(path: Path) -> bool:
    """True for a JSONL file whose lines carry ``flags`` and no ``events`` (a claims gold set)."""
    if path.suffix != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8") as f:
        first = next((line for line in f if line.strip()), "")
    try:
        row = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(row, dict) and "flags" in row and "events" not in row


def load_claims(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EventwireError(f"{path}:{n}: malformed JSON: {exc.msg}") from None
            if not isinstance(row, dict) or not row.get("text") or not isinstance(row.get("flags"), list):
                raise EventwireError(f"{path}:{n}: expected an object with 'text' and a 'flags' list")
            rows.append(row)
    return rows


@dataclass
class ClaimReport:
    right: int = 0  # sentences with no gold flag
    false_flagged: int = 0  # ... on which the coder raised a flag anyway
    wrong: int = 0  # gold flags
    found: int = 0  # ... overlapped by a flag the coder raised
    kind_right: int = 0  # ... of the same kind
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def false_flag_rate(self) -> float:
        return self.false_flagged / self.right if self.right else 0.0

    @property
    def detection_rate(self) -> float:
        return self.found / self.wrong if self.wrong else 0.0

    def to_dict(self, errors: int = 0) -> dict[str, Any]:
        return {
            "right_sentences": self.right,
            "false_flag_rate": round(self.false_flag_rate, 4),
            "wrong_claims": self.wrong,
            "detection_rate": round(self.detection_rate, 4),
            "kind_accuracy": round(self.kind_right / self.found, 4) if self.found else 0.0,
            "misses": self.misses[:errors],
            "false_flags": self.false_flags[:errors],
        }


def score_claims(rows: list[dict[str, Any]], coder: Coder) -> ClaimReport:
    report = ClaimReport()
    articles = [Article.from_dict({"id": r.get("id") or str(n), "text": r["text"], "published": r.get("published")})
                for n, r in enumerate(rows)]
    for row, result in zip(rows, coder.code_many(articles), strict=True):
        if isinstance(result, Exception):
            raise EventwireError(f"claims gold {row.get('id')}: {result}")
        flags = result.flags
        if not row["flags"]:
            report.right += 1
            if flags:
                report.false_flagged += 1
                report.false_flags.append({"id": row.get("id"), "text": row["text"],
                                           "flags": [(f["kind"], f["text"], f["known"]) for f in flags]})
            continue
        for gold in row["flags"]:
            report.wrong += 1
            lo = row["text"].find(gold["text"])
            hi = lo + len(gold["text"])
            hit = next((f for f in flags if lo >= 0 and f["start"] < hi and lo < f["end"]), None)
            if hit is None:
                report.misses.append({"id": row.get("id"), "text": row["text"], "gold": gold,
                                      "flags": [(f["kind"], f["text"]) for f in flags]})
                continue
            report.found += 1
            report.kind_right += hit["kind"] == gold.get("kind")
    return report
