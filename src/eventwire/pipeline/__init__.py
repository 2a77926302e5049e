"""The per-article pipeline: Article + spaCy Doc -> event records and quotes.

Stages run in one direction, each adding to the Analysis:
dateline -> actors -> quotes -> sentence types (learned model) -> events -> dates -> background (history told
as background goes) -> places -> targets -> checks -> records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from ..kb import KnowledgeBase, load_kb
from .actors import ActorFinder
from .background import BackgroundFilter
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
from .targets import TargetFinder


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
            *([SentenceTyper(classifier, lexicon.trigger_words, lexicon.typed_words)] if classifier else []),
            EventFinder(lexicon),
            DateResolver(),
            BackgroundFilter(),
            PlaceResolver(kb),
            TargetFinder(),
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
        return self.finish(self.start(items))

    def start(self, items: list[tuple[Article, Doc]]) -> Batch:
        """Run the stages up to the learned model and set the model going in the background; ``finish``
        waits for it and runs the rest. A caller that parses the next batch in between (``Coder``)
        keeps both processor cores busy: the model runs while spaCy parses."""
        batch = Batch([Analysis(article=a, doc=d) for a, d in items])
        for n, stage in enumerate(self.stages):
            if hasattr(stage, "submit"):
                live = [s for s in batch.states if isinstance(s, Analysis)]
                batch.rest = self.stages[n + 1:]
                try:
                    batch.waiting = stage.submit(live) if live else None
                except Exception:  # noqa: BLE001 - run it article by article in finish() to find the culprit
                    batch.rest = self.stages[n:]
                    return batch
                batch.model = stage
                return batch
            self._run_stage(stage, batch.states)
        batch.rest = []
        return batch

    def finish(self, batch: Batch) -> list[tuple[list, list, Analysis] | Exception]:
        """Wait for the background model of ``start`` and run the remaining stages and the records."""
        rest = batch.rest
        if batch.waiting is not None:
            try:
                batch.waiting()
            except Exception:  # noqa: BLE001 - run the model again article by article to find the culprit
                rest = [batch.model, *rest]
        for stage in rest:
            self._run_stage(stage, batch.states)
        out: list[tuple[list, list, Analysis] | Exception] = []
        for state in batch.states:
            if isinstance(state, Exception):
                out.append(state)
                continue
            try:
                records, quotes = self.records(state)
                out.append((records, quotes, state))
            except Exception as exc:  # noqa: BLE001
                out.append(exc)
        return out

    @staticmethod
    def _run_stage(stage: Any, states: list[Analysis | Exception]) -> None:
        live = [s for s in states if isinstance(s, Analysis)]
        if hasattr(stage, "pipe") and len(live) > 1:
            try:
                stage.pipe(live)
                return
            except Exception:  # noqa: BLE001 - fall back to one article at a time to find the culprit
                pass
        for n, state in enumerate(states):
            if isinstance(state, Analysis):
                try:
                    states[n] = _run(stage, state)
                except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                    states[n] = exc


@dataclass
class Batch:
    """Articles between ``Pipeline.start`` and ``Pipeline.finish``: each an Analysis or the exception
    that stopped it, the stages still to run, and a call that waits for the background model."""

    states: list[Analysis | Exception]
    rest: list[Any] = field(default_factory=list)
    waiting: Callable[[], None] | None = None
    model: Any = None  # the stage ``waiting`` belongs to, run again article by article if it fails


def _run(stage: Any, analysis: Analysis) -> Analysis:
    result = stage(analysis)
    if not isinstance(result, Analysis):
        raise TypeError(f"pipeline stage {stage!r} returned {type(result).__name__}, not Analysis")
    return result
