"""The per-article pipeline: Article + spaCy Doc -> event records and quotes.

Stages run in one direction, each adding to the Analysis:
dateline -> actors -> quotes -> sentence types (learned model) -> events -> dates -> places -> checks -> records.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from ..kb import KnowledgeBase, load_kb
from .actors import ActorFinder
from .checks import ClaimChecker
from .classifier import SentenceTypeClassifier, SentenceTyper, load_classifier
from .dateline import DatelineFinder
from .dates import DateResolver
from .events import EventFinder
from .lexicon import Lexicon, load_lexicon
from .model import Analysis
from .places import PlaceResolver
from .quotes import QuoteFinder
from .records import RecordBuilder


class Pipeline:
    """Runs the stages over one parsed article."""

    def __init__(self, nlp: Language, kb: KnowledgeBase | None = None, lexicon: Lexicon | None = None,
                 classifier: SentenceTypeClassifier | None | bool = True) -> None:
        kb = kb or load_kb()
        lexicon = lexicon or load_lexicon()
        if classifier is True:
            classifier = load_classifier()
        self.stages = [
            DatelineFinder(kb),
            ActorFinder(nlp, kb, lexicon.speech),
            QuoteFinder(lexicon.speech),
            *([SentenceTyper(classifier, lexicon.trigger_words)] if classifier else []),
            EventFinder(lexicon),
            DateResolver(),
            PlaceResolver(kb),
            ClaimChecker(kb),
        ]
        self.records = RecordBuilder()

    def analyse(self, article: Article, doc: Doc) -> Analysis:
        analysis = Analysis(article=article, doc=doc)
        for stage in self.stages:
            analysis = _run(stage, analysis)
        return analysis

    def __call__(self, article: Article, doc: Doc) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Analysis]:
        analysis = self.analyse(article, doc)
        records, quotes = self.records(analysis)
        return records, quotes, analysis

    def pipe(self, items: list[tuple[Article, Doc]]) -> list[tuple[list, list, Analysis] | Exception]:
        """Code a batch of articles. Stages that work better on many articles at once (the learned
        model, which batches sentences across articles) get the whole batch through their ``pipe``
        method; a failure is kept per article (as the exception) and the others go on."""
        states: list[Analysis | Exception] = [Analysis(article=a, doc=d) for a, d in items]
        for stage in self.stages:
            live = [s for s in states if isinstance(s, Analysis)]
            if hasattr(stage, "pipe") and len(live) > 1:
                try:
                    stage.pipe(live)
                    continue
                except Exception:  # noqa: BLE001 - fall back to one article at a time to find the culprit
                    pass
            for n, state in enumerate(states):
                if isinstance(state, Analysis):
                    try:
                        states[n] = _run(stage, state)
                    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                        states[n] = exc
        out: list[tuple[list, list, Analysis] | Exception] = []
        for state in states:
            if isinstance(state, Exception):
                out.append(state)
                continue
            try:
                records, quotes = self.records(state)
                out.append((records, quotes, state))
            except Exception as exc:  # noqa: BLE001
                out.append(exc)
        return out


def _run(stage: Any, analysis: Analysis) -> Analysis:
    result = stage(analysis)
    if not isinstance(result, Analysis):
        raise TypeError(f"pipeline stage {stage!r} returned {type(result).__name__}, not Analysis")
    return result
