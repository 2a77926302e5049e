"""The gold files in eval/ follow their JSON Schemas, and their sentences are where they say."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import REPO

EVAL = REPO / "eval"
SCHEMAS = EVAL / "schema"


def _rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _validator(name):
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("folder", sorted(p for p in EVAL.iterdir() if (p / "expected.jsonl").exists()))
def test_article_gold_follows_its_schema_and_quotes_its_articles(folder):
    validator = _validator("article-expected.schema.json")
    texts = {a["id"]: a["text"] for a in _rows(folder / "articles.jsonl")}
    for row in _rows(folder / "expected.jsonl"):
        assert not list(validator.iter_errors(row)), row
        assert row["sentence"] in texts[row["article_id"]], row


@pytest.mark.parametrize("path", sorted((EVAL / "sentences").glob("*.jsonl")) if (EVAL / "sentences").exists()
                         else [])
def test_sentence_gold_follows_its_schema(path):
    validator = _validator("sentence-gold.schema.json")
    ids = set()
    for row in _rows(path):
        assert not list(validator.iter_errors(row)), row
        assert row["id"] not in ids
        ids.add(row["id"])
