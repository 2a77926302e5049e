"""Records: where a record is made. Turns the pipeline's events and quotes into PLOVER JSON dicts
(the output contract in DESIGN.md), with stable ids: the same article text and the same event give
the same id on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from .. import __version__
from ..plover import event_types
from .model import Analysis, Event, Quote

CODER = f"eventwire {__version__}"


def _stable_id(*parts: object) -> str:
    return hashlib.sha1(":".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:20]


def _today() -> str:
    return dt.date.today().isoformat()


def _confidence(event: Event) -> float:
    score = 0.45
    if any(a.code for a in event.actors):
        score += 0.25
    if any(r.code for r in event.recipients):
        score += 0.15
    if event.hypothetical:
        score -= 0.15
    if event.negated:
        score -= 0.1
    if event.date_precision in ("day", "week"):
        score += 0.05
    if event.model_probability is not None:  # rules and model agree or not
        score = 0.5 * score + 0.5 * event.model_probability
    return round(max(0.05, min(0.95, score)), 2)


def event_record(analysis: Analysis, event: Event) -> dict[str, Any]:
    article = analysis.article
    doc = analysis.doc
    sent = analysis.sentences[event.sentence]
    etype = event_types()[event.type]
    trigger_char = doc[event.trigger].idx
    first, last = doc[min(event.trigger_tokens)], doc[max(event.trigger_tokens)]
    return {
        "id": "ew-" + _stable_id(article.hash, event.sentence, trigger_char, event.type),
        "article_id": article.id,
        "date": event.date.isoformat() if event.date else None,
        "date_text": event.date_text,
        "date_precision": event.date_precision,
        "actor": [a.to_dict() for a in event.actors],
        "recipient": [r.to_dict() for r in event.recipients],
        "event": [event.type, *[s for s in event.secondary if s != event.type]],
        "mode": list(event.modes),
        "context": list(event.contexts),
        "quad_code": etype.quad,
        "event_scale": etype.scale(event.modes),
        "cameo": etype.cameo_code(event.modes, event.contexts),
        "event_loc": event.location,
        "event_text": doc.text[first.idx:last.idx + len(last)],
        "text": sent.text.strip(),
        "text_info": {"sequence": event.sentence, "start": sent.start_char, "end": sent.end_char},
        "speaker": event.speaker.to_dict() if event.speaker else None,
        "markers": {"negated": event.negated, "future": event.future, "hypothetical": event.hypothetical,
                    "reported": event.reported},
        "confidence": _confidence(event),
        "flags": list(event.flags),
        "cite_info": {"url": article.url, "outlet": article.outlet,
                      "published": article.published.isoformat() if article.published else None,
                      "title": article.title},
        "coder": CODER,
        "coded_date": _today(),
    }


def quote_record(analysis: Analysis, quote: Quote) -> dict[str, Any]:
    return {
        "id": "q-" + _stable_id(analysis.article.hash, quote.start_char, quote.end_char, quote.kind),
        "article_id": analysis.article.id,
        "kind": quote.kind,
        "text": quote.text,
        "start": quote.start_char,
        "end": quote.end_char,
        "sequence": quote.sentence,
        "speaker": quote.speaker.to_dict() if quote.speaker else None,
    }


class RecordBuilder:
    """Last stage: the records and quote records for one article."""

    def __call__(self, analysis: Analysis) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        records: list[dict[str, Any]] = []
        seen: set[str] = set()
        for event in analysis.events:
            record = event_record(analysis, event)
            if record["id"] not in seen:
                seen.add(record["id"])
                records.append(record)
        quotes = [quote_record(analysis, q) for q in analysis.quotes]
        return records, quotes
