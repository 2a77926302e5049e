"""Latency of `GET /events` over a large store, against `GET /health` through the same stack, in the same run.

    python benchmarks/bench_events_api.py [--events 100000] [--rounds 20] [--db URL]

Fills a fresh store (SQLite in a temporary directory unless --db names another, e.g. postgresql://...) with
synthetic PLOVER event records written straight through Store.save_article (no NLP: seeded, reproducible
records with varied types, codes, names, dates, places, modes and flags), then times a mix of /events
queries (no filter, type, actor code, actor name, country and dates, words in the sentence, flagged, deep
offset, sorts) through FastAPI's TestClient: the whole ASGI app, JSON encoding included, without a socket.
Prints the 95th percentile latency in ms per query and over the mix, and the ratio to /health's p95.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3, "SANCTION": 4, "MOBILIZE": 4,
        "COERCE": 4, "ASSAULT": 4}
COUNTRIES = {"GBR": "Britain", "UKR": "Ukraine", "RUS": "Russia", "USA": "the United States", "FRA": "France",
             "DEU": "Germany", "CHN": "China", "TUR": "Turkey", "POL": "Poland", "ISR": "Israel", "EGY": "Egypt",
             "QAT": "Qatar", "MLI": "Mali", "NER": "Niger", "GTM": "Guatemala", "IND": "India", "PAK": "Pakistan",
             "JPN": "Japan", "BRA": "Brazil", "NGA": "Nigeria", "NATO": "the alliance", "EU": "the bloc",
             "UNO": "the United Nations"}
PEOPLE = ["Ben Wallace", "Annalena Baerbock", "Sergei Lavrov", "Antony Blinken", "Mevlut Cavusoglu", None, None]
MODES = ["military", "economic", "humanitarian", "troops", "visit", "phone", "diplomatic"]
WORDS = ["troops", "border", "talks", "sanctions", "aid", "weapons", "ceasefire", "convoy", "protest", "summit",
         "minister", "statement", "envoy", "tanks", "election", "fuel", "refugees", "port", "drones", "loan"]


def synthetic_records(article_id: str, n: int, rng: random.Random, start: int) -> list[dict[str, Any]]:
    """``n`` PLOVER-shaped records for one article (the fields the store and the API read)."""
    records = []
    for k in range(n):
        kind = rng.choice(TYPES)
        actor, recipient = rng.sample(list(COUNTRIES), 2)
        person = rng.choice(PEOPLE)
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1500)) if rng.random() > 0.05 else None
        words = " ".join(rng.sample(WORDS, 6))
        place = rng.choice([None, actor, recipient])
        records.append({
            "id": f"ew-{start + k:020x}",
            "article_id": article_id,
            "date": day.isoformat() if day else None,
            "date_precision": "day" if day else "unresolved",
            "actor": [{"code": actor, "sector": "GOV", "entity_text": person or COUNTRIES[actor],
                       "identifier_text": person, "office": None}],
            "recipient": [{"code": recipient, "sector": None, "entity_text": COUNTRIES[recipient]}],
            "event": [kind],
            "mode": [rng.choice(MODES)] if rng.random() < 0.4 else [],
            "context": [],
            "quad_code": QUAD[kind],
            "event_scale": round(rng.uniform(-10, 10), 1),
            "cameo": "010",
            "event_loc": {"name": "somewhere", "country": place, "lat": None, "lon": None, "geonameid": None}
            if place else None,
            "text": f"{COUNTRIES[actor]} and {COUNTRIES[recipient]}: {words}.",
            "text_info": {"sequence": k, "start": 0, "end": 40},
            "event_text": words.split()[0],
            "speaker": None,
            "markers": {"negated": False, "future": False, "hypothetical": False, "reported": False},
            "confidence": round(rng.random(), 3),
            "flags": [{"kind": "role_conflict", "text": person}] if person and rng.random() < 0.02 else [],
            "cite_info": {"url": None, "outlet": "Synthetic Wire", "published": None, "title": None},
        })
    return records


def fill(store: Any, n_events: int, per_article: int = 25, seed: int = 11) -> float:
    from eventwire.article import Article

    rng = random.Random(seed)
    t0 = time.perf_counter()
    made = 0
    for a in range(0, (n_events + per_article - 1) // per_article):
        n = min(per_article, n_events - made)
        article = Article(id=f"bench-{a:06d}", text=f"Synthetic article {a}.", published=dt.date(2024, 1, 1))
        store.save_article(article, synthetic_records(article.id, n, rng, made), [])
        made += n
    return time.perf_counter() - t0


QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("no filter", {}),
    ("type", {"type": "ASSAULT"}),
    ("two types, by confidence", {"type": ["AID", "AGREE"], "sort": "-confidence"}),
    ("actor code", {"actor": "GBR"}),
    ("actor name", {"actor": "wallace"}),
    ("recipient and quad", {"recipient": "RUS", "quad": 4}),
    ("country and dates", {"country": "UKR", "since": "2021-01-01", "until": "2021-06-30"}),
    ("dates, newest first", {"since": "2022-01-01", "sort": "-date"}),
    ("words", {"q": "tanks border"}),
    ("flagged", {"flagged": "true"}),
    ("mode", {"mode": "military"}),
    ("deep page", {"offset": 5000, "limit": 100}),
    ("by type, page 3", {"sort": "type", "offset": 100}),
]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="times each query is run (after one warm-up)")
    parser.add_argument("--db", help="an empty store to fill (default: a new SQLite file)")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from eventwire.server import create_app
    from eventwire.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or str(Path(tmp) / "bench.db"))
        seconds = fill(store, args.events)
        print(f"store: {store.url}: {store.stats()['events']:,} events written in {seconds:.1f} s")
        with TestClient(create_app(store, read_only=True)) as client:
            timings: dict[str, list[float]] = {}
            for name, params in [("/health (baseline)", None), *QUERIES]:
                path, query = ("/health", {}) if params is None else ("/events", params)
                client.get(path, params=query)  # warm-up
                for _ in range(args.rounds):
                    t0 = time.perf_counter()
                    answer = client.get(path, params=query)
                    timings.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
                    if answer.status_code != 200:
                        raise SystemExit(f"{path} {query}: {answer.status_code} {answer.text[:200]}")
                if params is not None:
                    print(f"  {name:28s} p95 {p95(timings[name]):7.1f} ms   (total {answer.json()['total']:,})")
        store.close()
    baseline = p95(timings.pop("/health (baseline)"))
    mix = p95([t for samples in timings.values() for t in samples])
    print(f"GET /events over {args.events:,} events: p95 {mix:.1f} ms over the mix "
          f"({len(QUERIES)} queries x {args.rounds}); /health p95 {baseline:.1f} ms; ratio {mix / baseline:.1f}")


if __name__ == "__main__":
    main()
