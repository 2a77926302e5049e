"""The shipped event-type model loads offline, is small, and reads plain sentences sensibly."""

from __future__ import annotations

import pytest

from eventwire.pipeline.classifier import load_classifier, model_folder
from eventwire.training import LABELS


@pytest.fixture(scope="module")
def classifier():
    model = load_classifier()
    if model is None:
        pytest.fail(f"no event-type model in {model_folder()}: run 'eventwire train'")
    return model


def test_model_is_small_and_labels_every_plover_type(classifier):
    size = sum(p.stat().st_size for p in model_folder().iterdir())
    assert size < 40_000_000
    assert tuple(classifier.labels) == LABELS


def test_probabilities_sum_to_one(classifier):
    (probs,) = classifier.predict(["The two presidents held talks in Geneva on Monday."])
    assert abs(sum(probs.values()) - 1) < 1e-4


def test_a_sentence_gets_the_same_probabilities_whatever_shares_its_batch(classifier):
    """Records must not depend on which articles were coded together (batches, Dask partitions)."""
    sentence = "Rebels shelled the town overnight, officials said."
    (alone,) = classifier.predict([sentence])
    crowd = classifier.predict([
        "The talks collapsed.",
        sentence,
        "Ministers from twelve countries signed a long and detailed agreement on river water sharing "
        "after three years of negotiations in Geneva, Addis Ababa and Cairo.",
    ])
    assert crowd[1] == alone


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Riot police detained dozens of opposition supporters in the capital overnight.", "COERCE"),
        ("Thousands of teachers marched on parliament to demand higher wages.", "PROTEST"),
        ("Artillery shells slammed into a market on the edge of the city, killing nine people.", "ASSAULT"),
        ("The foreign ministers of both countries met in Vienna to discuss the dispute.", "CONSULT"),
    ],
)
def test_obvious_sentences_get_their_type(classifier, sentence, expected):
    (probs,) = classifier.predict([sentence])
    assert max(probs, key=probs.get) == expected


def test_the_model_records_how_it_was_trained(classifier):
    assert classifier.metrics["train_sentences"] >= 3000
    assert classifier.metrics["held_out_accuracy"] > 0.85


def test_a_sentence_the_background_model_fails_on_costs_only_its_own_article(coder):
    import datetime as dt

    from eventwire import Article
    from eventwire.pipeline import Pipeline
    from eventwire.pipeline.classifier import SentenceTypeClassifier

    class FailsOnAtlantis(SentenceTypeClassifier):  # the shipped model, refusing one kind of sentence
        def predict(self, sentences):
            if any("Atlantis" in s for s in sentences):
                raise ValueError("cannot read Atlantis")
            return super().predict(sentences)

    pipeline = Pipeline(coder.nlp, classifier=FailsOnAtlantis(model_folder()))
    texts = ["France accused Atlantis of sheltering the hackers.",
             "Germany delivered 20 ambulances to Ukraine on Tuesday.",
             "Police in Lagos arrested 12 protesters on Monday."]
    items = [(Article(id=str(n), text=t, published=dt.date(2023, 5, 10)), coder.nlp(t)) for n, t in enumerate(texts)]
    results = pipeline.finish(pipeline.start(items))
    assert isinstance(results[0], ValueError)
    assert [r[0][0]["event"] for r in results[1:]] == [["AID"], ["COERCE"]]


def test_the_model_reads_sentences_the_rules_cannot_settle_alone(coder):
    from eventwire import Article
    from eventwire.pipeline.classifier import SentenceTyper

    typer = next(s for s in coder.pipeline.stages if isinstance(s, SentenceTyper))
    doc = coder.nlp("Police arrested the opposition leader. "
                    "Li Peng arrived in Hanoi on Monday on the first visit by a Chinese premier since 1979.")
    first, second = doc.sents
    assert not typer._needs_model(first)  # one verb the lexicon types by itself: the rules decide
    assert typer._needs_model(second)  # a lone event noun seldom says who acted: the model reads it
    import datetime as dt

    records = coder.code(Article(id="v", text=second.text, published=dt.date(1991, 11, 25))).records
    assert any(r["event"][0] == "CONSULT" for r in records)
