"""The Python API: eventwire.code_article and eventwire.Coder."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import eventwire
from conftest import SAMPLES
from eventwire.errors import ArticleError
from eventwire.readers import read_sources
from eventwire.schema import validation_errors
from helpers import summary


def test_code_article_returns_plover_records():
    result = eventwire.code_article("Britain sent tanks to Ukraine on Monday.", published="2023-01-18", id="x1")
    assert result.records[0]["event"][0] == "AID"
    assert result.records[0]["article_id"] == "x1"
    assert result.records[0]["date"] == "2023-01-16"


def test_code_article_refuses_empty_text():
    with pytest.raises(ArticleError, match="empty"):
        eventwire.code_article("   ")


def test_code_article_refuses_a_bad_published_date():
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        eventwire.code_article("Britain sent tanks to Ukraine.", published="Monday")


def test_bundled_samples_code_into_valid_records(coder):
    articles = [a for a in read_sources([SAMPLES]) if isinstance(a, eventwire.Article)]
    assert len(articles) == 6
    for result in coder.code_many(articles):
        assert not isinstance(result, ArticleError), result
        assert result.records, result.article.id
        for record in result.records:
            assert validation_errors(record) == [], (result.article.id, record)


def test_the_uk_ukraine_sample_says_what_britain_did_and_who_said_so(coder):
    """The newcomer's question in the web UI, asked of the bundled sample: what did Britain do to Ukraine in
    January 2022, and who said so?"""
    article = next(a for a in read_sources([SAMPLES / "uk_ukraine_weapons.json"]) if isinstance(a, eventwire.Article))
    records = coder.code(article).records
    dyad = [r for r in records if r["actor"] and r["actor"][0]["code"] == "GBR"
            and any(e["code"] == "UKR" for e in r["recipient"]) and (r["date"] or "").startswith("2022-01")]
    assert any("AID" in r["event"] for r in dyad)
    assert any((r["speaker"] or {}).get("identifier_text") == "Ben Wallace" for r in dyad)


def test_html_sample_keeps_its_metadata(coder):
    article = next(a for a in read_sources([SAMPLES / "flood_aid.html"]) if isinstance(a, eventwire.Article))
    assert article.published is not None and article.outlet and article.url
    result = coder.code(article)
    assert any(r["event"][0] == "AID" for r in result.records)
    assert result.records[0]["cite_info"]["outlet"] == article.outlet


def test_records_serialise_to_json(coder):
    result = eventwire.code_article("Police in Lagos arrested ten protesters yesterday.", published="2024-06-12")
    for record in result.records:
        assert json.loads(json.dumps(record)) == record


def test_batches_overlap_but_results_keep_input_order_and_match_coding_one_by_one(coder):
    texts = [f"Police in Lagos arrested {n + 2} protesters on Monday." if n % 3 else
             f"Germany sent {n + 5} ambulances to Ukraine on Tuesday." for n in range(7)]
    items = [eventwire.Article(id=f"a{n}", text=t, published=dt.date(2023, 5, 10)) for n, t in enumerate(texts)]
    items.insert(3, ArticleError("unreadable", "not UTF-8", "read"))
    batched = eventwire.Coder(batch_size=2)  # four batches: each parsed while the model reads the one before
    out = list(batched.code_many(items))
    assert [getattr(r, "article", r).id if not isinstance(r, ArticleError) else r.article_id for r in out] == [
        "a0", "a1", "a2", "unreadable", "a3", "a4", "a5", "a6"]
    one_by_one = [summary(coder.code(a).records) for a in items if isinstance(a, eventwire.Article)]
    assert [summary(r.records) for r in out if not isinstance(r, ArticleError)] == one_by_one


def test_a_sentence_never_runs_across_a_blank_line(coder):
    text = ("“We cannot wait any longer.”\n\nAustralia, which will lead the force, has put 4,500 troops on alert "
            "at bases in Darwin.")
    records = coder.code(eventwire.Article(id="p", text=text, published=dt.date(1999, 9, 13))).records
    assert records and all(not r["text"].startswith("“We cannot") for r in records)
