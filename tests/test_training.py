"""The training data the model is retrained from: readable, every label a PLOVER type or NONE."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import REPO, SHARED
from eventwire.evaluation import load_gold
from eventwire.training import DATA, LABELS, load_examples

GOLD_SETS = [REPO / "eval" / "sentences" / "dev.jsonl", REPO / "eval" / "sentences" / "test.jsonl",
             REPO / "eval" / "sentences" / "dev-wire.jsonl", REPO / "eval" / "sentences" / "dev-wire2.jsonl",
             REPO / "eval" / "dev", REPO / "eval" / "dev2", REPO / "eval" / "test", REPO / "eval" / "unseen",
             SHARED / "data" / "plover" / "PLOVER_GSR_CAMEO.json"]


def test_training_sentences_cover_every_label():
    examples = load_examples()
    counts = Counter(label for _, label in examples)
    assert len(examples) >= 4000
    assert set(counts) == set(LABELS)
    assert min(counts.values()) >= 200


def test_an_unknown_label_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"text": "Talks began.", "type": "CONSULT"}\n'
                                        '{"text": "Hugs all round.", "type": "HUG"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2: unknown type 'HUG'"):
        load_examples(tmp_path)


def _five_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def test_no_training_sentence_copies_a_gold_sentence():
    """Scores on the gold sets mean something only if the model never saw their sentences: no training
    sentence shares half of its five-word runs with any sentence of any gold set."""
    gold_runs: set[tuple[str, ...]] = set()
    sentence_runs = []
    for path in GOLD_SETS:
        for article in load_gold(path).articles:
            for sentence in re.split(r"(?<=[.!?\"”])\s+|\n", article.text):
                runs = _five_word_runs(sentence)
                if runs:
                    sentence_runs.append(runs)
                    gold_runs |= runs
    copied = []
    candidates = load_examples(DATA / "candidates") if (DATA / "candidates").is_dir() else []
    for text, _ in load_examples() + candidates:
        runs = _five_word_runs(text)
        if runs and len(runs & gold_runs) / len(runs) >= 0.5 and any(
            len(runs & g) / len(runs) >= 0.5 for g in sentence_runs
        ):
            copied.append(text)
    assert not copied, f"{len(copied)} training sentences repeat gold sentences"


def test_candidate_sentences_are_not_trained_on_until_moved_up():
    """data/training/candidates/ holds sentences written for a later model; `eventwire train` reads only the
    files directly in data/training/, so the shipped model is what the documented command rebuilds."""
    trained = {text for text, _ in load_examples()}
    waiting = {text for text, _ in load_examples(DATA / "candidates")}
    assert waiting and not trained & waiting
