"""The per-article pipeline: Article + spaCy Doc -> event records and quotes.

Stages run in one direction, each adding to the Analysis:
dateline -> actors -> quotes -> sentence types (learned model) -> events -> dates -> places -> records.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..article import Article
from ..kb import KnowledgeBase, load_kb
from .actors import ActorFinder
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
            *([SentenceTyper(classifier)] if classifier else []),
            EventFinder(lexicon),
            DateResolver(),
            PlaceResolver(kb),
        ]
        self.records = RecordBuilder()

    def analyse(self, article: Article, doc: Doc) -> Analysis:
        analysis = Analysis(article=article, doc=doc)
        for stage in self.stages:
            analysis = stage(analysis)
            if not isinstance(analysis, Analysis):
                raise TypeError(f"pipeline stage {stage!r} returned {type(analysis).__name__}, not Analysis")
        return analysis

    def __call__(self, article: Article, doc: Doc) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Analysis]:
        analysis = self.analyse(article, doc)
        records, quotes = self.records(analysis)
        return records, quotes, analysis
