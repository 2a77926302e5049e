"""The training data the model is retrained from: readable, every label a PLOVER type or NONE."""

from __future__ import annotations

from collections import Counter

import pytest

from eventwire.training import LABELS, load_examples


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
