"""The sentence event-type classifier: a fine-tuned MiniLM shipped as int8 ONNX (``models/event_type/``)
and run with onnxruntime. It gives, for a sentence, a probability for each PLOVER type and NONE.
Retrain it with ``eventwire train`` (see ``eventwire/training.py``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Span

from ..errors import EventwireError
from .model import Analysis

SKIP_SINGLE_TRIGGER = True


class SentenceTypeClassifier:
    """Probabilities over PLOVER types (and NONE) for sentences, in batches."""

    def __init__(self, folder: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        meta = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        self.labels: list[str] = meta["labels"]
        self.max_length: int = meta.get("max_length", 64)
        self.metrics = meta.get("metrics", {})
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_length)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # One thread: the model runs beside the parser (see ``submit``), and two threads of its own would
        # fight the parser for the cores (measured: benchmarks/bench_code.py ratio 1.55 -> 1.32 on 2 cores).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(folder / "model.onnx"), options,
                                                    providers=["CPUExecutionProvider"])

    def predict(self, sentences: list[str]) -> list[dict[str, float]]:
        """One {label: probability} per sentence.

        Each sentence is read alone: the int8 model quantises a whole input tensor with one scale, so in
        a batch a sentence's probabilities would shift (by up to about 0.01) with its batch-mates, and a
        record could then depend on which articles happened to share its batch or Dask partition. Alone,
        the same sentence always gets the same numbers; it costs about 15% more model time.
        """
        out: list[dict[str, float]] = []
        for encoding in self.tokenizer.encode_batch(sentences):
            ids = np.array([encoding.ids], dtype=np.int64)
            mask = np.array([encoding.attention_mask], dtype=np.int64)
            logits = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0][0]
            probs = np.exp(logits - logits.max())
            probs /= probs.sum()
            out.append(dict(zip(self.labels, probs.tolist(), strict=True)))
        return out


def model_folder() -> Path:
    return Path(str(resources.files("eventwire").joinpath("models/event_type")))


@lru_cache(maxsize=1)
def load_classifier() -> SentenceTypeClassifier | None:
    """The shipped classifier, or None when the package has none (the coder then runs on rules alone)."""
    folder = model_folder()
    if not (folder / "model.onnx").exists():
        return None
    try:
        return SentenceTypeClassifier(folder)
    except Exception as exc:  # a damaged model must be reported, not silently skipped
        raise EventwireError(f"the event-type model in {folder} cannot be loaded: {exc}. "
                             "Reinstall eventwire or retrain it with 'eventwire train'.") from None


class SentenceTyper:
    """Pipeline stage: ``analysis.sentence_types[n]`` = {type: probability} for each sentence that names
    at least one actor (the others cannot hold a codable event, and skipping them keeps coding fast)."""

    def __init__(self, classifier: SentenceTypeClassifier, trigger_words: frozenset[str] = frozenset(),
                 typed_words: frozenset[str] | None = None) -> None:
        """``trigger_words``: every lemma that can carry an event; ``typed_words``: those the lexicon types
        by themselves (the others, like "send" or "open", need an object or particle to be typed)."""
        self.classifier = classifier
        self.trigger_words = trigger_words
        self.typed_words = trigger_words if typed_words is None else typed_words

    def _needs_model(self, sentence: Span) -> bool:
        """A sentence with exactly one event word, a verb the lexicon types by itself, is left to the rules;
        the model reads the rest: none, several competing readings, a word like "sent" whose type depends
        on what was sent, or a lone event noun ("arrived in Hanoi on the first visit by ..."), which seldom
        says who acted. This keeps coding fast."""
        if not self.trigger_words or not SKIP_SINGLE_TRIGGER:
            return True
        hits = [t for t in sentence if t.lemma_.lower() in self.trigger_words and t.pos_ in ("VERB", "NOUN")]
        return len(hits) != 1 or hits[0].lemma_.lower() not in self.typed_words or hits[0].pos_ != "VERB"

    def __call__(self, analysis: Analysis) -> Analysis:
        self.pipe([analysis])
        return analysis

    def pipe(self, analyses: list[Analysis]) -> None:
        """All the batch's sentences in one call of the model."""
        wanted, texts = self._wanted(analyses)
        if wanted:
            self._store(wanted, self.classifier.predict(texts))

    def submit(self, analyses: list[Analysis]) -> Callable[[], None]:
        """Like ``pipe``, but the model runs in a background thread (onnxruntime and the tokenizer let go
        of the interpreter while they work, so parsing the next batch goes on beside it). Returns the
        call that waits for the model and writes its probabilities into the analyses."""
        wanted, texts = self._wanted(analyses)
        future = _background().submit(self.classifier.predict, texts) if wanted else None

        def wait() -> None:
            if future is not None:
                self._store(wanted, future.result())

        return wait

    def _wanted(self, analyses: list[Analysis]) -> tuple[list[tuple[Analysis, int]], list[str]]:
        wanted = [(a, n) for a in analyses
                  for n in sorted({a.sentence_of(m.head) for m in a.mentions
                                   if m.entity.code or m.entity.sector} - {-1})
                  if self._needs_model(a.sentences[n])]
        return wanted, [a.sentences[n].text.strip() for a, n in wanted]

    @staticmethod
    def _store(wanted: list[tuple[Analysis, int]], probs: list[dict[str, float]]) -> None:
        for (analysis, n), p in zip(wanted, probs, strict=True):
            analysis.sentence_types[n] = p


@lru_cache(maxsize=1)
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-model")
