"""The HTTP API (`eventwire serve`), through FastAPI's TestClient over a real SQLite store that the API itself
fills by coding real articles: the bundled samples and the seed article (published 2022-01-17). One article
with check flags is added straight into the store, so flag filters and /checks have something to find.
Every filter is checked against the same filter applied in Python to all stored records.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from conftest import SAMPLES, SEED
from eventwire.article import Article
from eventwire.errors import EventwireError
from eventwire.server import create_app
from eventwire.store import open_store
from pg import pg_server, pg_url  # noqa: F401 - fixtures

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FLAG = {"kind": "role_conflict", "text": "Defense Minister Vladimir Putin", "claimed": "Defense Minister",
        "known": "President of Russia since 2012-05-07", "source": "kb", "start": 0, "end": 31}


def sample_articles() -> list[dict[str, Any]]:
    lines = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line) for line in lines if line.strip()]
    articles.append(json.loads((SAMPLES / "ceasefire.json").read_text(encoding="utf-8")))
    return articles


def seed_article() -> dict[str, Any]:
    if not SEED.exists():
        pytest.fail(f"the seed article is missing at {SEED}")
    return {"id": "seed", "published": "2022-01-17", "url": "https://news.example/seed", "outlet": "Seed Wire",
            "title": "Britain sends weapons to Ukraine", "text": SEED.read_text(encoding="utf-8")}


def add_flagged_article(store: Any, template: dict[str, Any]) -> None:
    """An article whose one event carries a check flag (copied from a coded record, under a new id)."""
    record = copy.deepcopy(template)
    record.update(id="ew-00000000000000000f1a", article_id="flagged-1", flags=[FLAG])
    article = Article(id="flagged-1", text="Defense Minister Vladimir Putin met officials.",
                      published=dt.date(2022, 1, 20), title="A flagged article")
    store.save_article(article, [record], [], [FLAG, {**FLAG, "kind": "stale_role"}])


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, coder) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("api") / "events.db"
    app = create_app(str(db), token=TOKEN, coder=coder, max_body_bytes=2_000_000, max_batch=10)
    with TestClient(app) as test_client:
        posted = test_client.post("/articles", json=[*sample_articles(), seed_article()], headers=AUTH)
        assert posted.status_code == 200, posted.text
        assert {a["status"] for a in posted.json()["articles"]} == {"coded"}
        seed_events = next(a["events"] for a in posted.json()["articles"] if a["article_id"] == "seed")
        add_flagged_article(app.state.eventwire.store, seed_events[0])
        yield test_client


@pytest.fixture(scope="module")
def everything(client: TestClient) -> list[dict[str, Any]]:
    """Every stored record, through the API, in the default order."""
    body = client.get("/events", params={"limit": 1000}).json()
    assert body["total"] == len(body["events"]) > 30
    return body["events"]


def ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def codes(entities: list[dict[str, Any]]) -> set[str]:
    return {e["code"] for e in entities if e.get("code")}


def names(entities: list[dict[str, Any]]) -> str:
    return " | ".join(f"{e.get('entity_text') or ''} {e.get('identifier_text') or ''}" for e in entities).casefold()


# -- writing: tokens, read-only, limits ------------------------------------------------------------------


def test_posting_without_a_token_is_401_and_with_a_wrong_token_403(client: TestClient) -> None:
    article = {"id": "x", "text": "France protested."}
    missing = client.post("/articles", json=article)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert "Authorization: Bearer" in missing.json()["detail"]

    wrong = client.post("/articles", json=article, headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 403
    assert wrong.json() == {"detail": "wrong token"}
    not_bearer = client.post("/articles", json=article, headers={"Authorization": f"Basic {TOKEN}"})
    assert not_bearer.status_code == 401
    assert client.get("/articles/x").status_code == 404  # nothing was stored


def test_a_read_only_server_refuses_posts_even_with_a_token(tmp_path: Path) -> None:
    with TestClient(create_app(str(tmp_path / "ro.db"), read_only=True, token=TOKEN)) as read_only:
        refused = read_only.post("/articles", json={"id": "x", "text": "France protested."}, headers=AUTH)
        assert refused.status_code == 403
        assert refused.json()["detail"].startswith("read-only server")
        assert read_only.get("/health").json()["read_only"] is True


def test_a_writable_server_will_not_start_without_a_token(tmp_path: Path) -> None:
    with pytest.raises(EventwireError, match="--read-only"):
        create_app(str(tmp_path / "open.db"))


def test_an_oversized_body_is_refused_with_413_by_its_declared_length(client: TestClient) -> None:
    big = {"id": "big", "text": "Britain sent aid. " * 150_000}  # about 2.7 MB, over the 2 MB limit
    refused = client.post("/articles", json=big, headers=AUTH)
    assert refused.status_code == 413
    assert "over this server's limit of 2,000,000" in refused.json()["detail"]


def test_an_oversized_body_without_a_length_is_refused_while_reading(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # a generator body goes out chunked, with no Content-Length
        yield b'{"id": "big", "text": "'
        for _ in range(300):
            yield b"x" * 10_000
        yield b'"}'

    refused = client.post("/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
    assert refused.status_code == 413
    assert "limit of 2,000,000 bytes" in refused.json()["detail"]
    assert client.get("/articles/big").status_code == 404


def test_a_batch_over_the_limit_is_422_and_codes_nothing(client: TestClient) -> None:
    batch = [{"id": f"many-{n}", "text": "France protested."} for n in range(11)]
    refused = client.post("/articles", json=batch, headers=AUTH)
    assert refused.status_code == 422
    assert "11 articles in one request, over this server's limit of 10" in refused.json()["detail"]
    assert client.get("/articles/many-0").status_code == 404


def test_malformed_json_is_400_and_an_unusable_article_fails_alone(client: TestClient) -> None:
    broken = client.post("/articles", content=b'{"id": "x", "text": ', headers={**AUTH, "Content-Type":
                                                                                "application/json"})
    assert broken.status_code == 400
    assert "not valid JSON" in broken.json()["detail"]

    batch = [{"id": "no-text", "title": "nothing here"},
             {"id": "short", "published": "2022-02-01", "text": "Germany sent aid to Poland on Monday."}]
    results = client.post("/articles", json=batch, headers=AUTH).json()["articles"]
    assert [(r["article_id"], r["status"]) for r in results] == [("no-text", "failed"), ("short", "coded")]
    assert results[0]["error"] == "missing or empty 'text'"
    assert results[1]["error"] is None
    assert client.get("/articles/short").json()["events"] == results[1]["events"]


def test_posting_the_same_article_again_skips_it_and_returns_its_stored_events(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    again = client.post("/articles", json=seed_article(), headers=AUTH)
    assert again.status_code == 200
    (result,) = again.json()["articles"]
    assert result["status"] == "skipped"
    assert result["events"] == [r for r in client.get("/articles/seed").json()["events"]]
    assert client.get("/events", params={"article_id": "seed"}).json()["total"] == len(result["events"])


# -- reading articles ------------------------------------------------------------------------------------


def test_an_article_comes_with_its_text_events_quotes_and_flags(client: TestClient) -> None:
    seed = client.get("/articles/seed").json()
    assert seed["text"] == seed_article()["text"]
    assert seed["published"] == "2022-01-17"
    assert len(seed["events"]) >= 10
    assert any(q["speaker"] and "Wallace" in (q["speaker"].get("identifier_text") or "") for q in seed["quotes"])
    assert client.get("/articles/flagged-1").json()["flags"][0] == FLAG


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no article with id 'no-such-article'"}
    assert client.get("/actors/ZZZ").status_code == 404
    assert "not an actor code" in client.get("/actors/not a code!").json()["detail"]


def test_the_article_list_is_paged_newest_first(client: TestClient) -> None:
    first = client.get("/articles", params={"limit": 2}).json()
    rest = client.get("/articles", params={"limit": 100, "offset": 2}).json()
    listed = first["articles"] + rest["articles"]
    assert first["total"] == len(listed) >= 6
    published = [a["published"] for a in listed if a["published"]]
    assert published == sorted(published, reverse=True)
    flagged = next(a for a in listed if a["id"] == "flagged-1")
    assert (flagged["n_events"], flagged["n_flags"]) == (1, 2)
    assert "text" not in flagged


# -- /events filters -------------------------------------------------------------------------------------


def check_filter(client: TestClient, everything: list[dict[str, Any]], params: dict[str, Any],
                 keep: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """The API's answer to ``params`` is exactly the Python filter ``keep`` over every record, in order."""
    expected = [r for r in everything if keep(r)]
    body = client.get("/events", params={**params, "limit": 1000}).json()
    assert ids(body["events"]) == ids(expected), params
    assert body["total"] == len(expected)
    assert expected, f"{params} should match something in the test corpus"
    return expected


def test_filter_by_one_or_several_types(client: TestClient, everything: list[dict[str, Any]]) -> None:
    check_filter(client, everything, {"type": "AID"}, lambda r: r["event"][0] == "AID")
    check_filter(client, everything, {"type": ["ASSAULT", "threaten"]},
                 lambda r: r["event"][0] in ("ASSAULT", "THREATEN"))


def test_filter_by_mode_and_quad(client: TestClient, everything: list[dict[str, Any]]) -> None:
    mode = Counter(m for r in everything for m in r["mode"]).most_common(1)[0][0]
    check_filter(client, everything, {"mode": mode}, lambda r: mode in r["mode"])
    for quad in (1, 2, 3, 4):
        check_filter(client, everything, {"quad": quad}, lambda r, q=quad: r["quad_code"] == q)


def test_filter_by_actor_and_recipient_code(client: TestClient, everything: list[dict[str, Any]]) -> None:
    found = check_filter(client, everything, {"actor": "GBR"}, lambda r: "GBR" in codes(r["actor"]))
    assert any(r["article_id"] == "seed" for r in found)
    check_filter(client, everything, {"recipient": "UKR"}, lambda r: "UKR" in codes(r["recipient"]))
    check_filter(client, everything, {"actor": "GBR", "recipient": "UKR"},
                 lambda r: "GBR" in codes(r["actor"]) and "UKR" in codes(r["recipient"]))


def test_filter_by_actor_and_recipient_name_case_insensitively(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    wallace = check_filter(client, everything, {"actor": "wALLace"}, lambda r: "wallace" in names(r["actor"]))
    assert all(r["article_id"] == "seed" for r in wallace)
    check_filter(client, everything, {"recipient": "ukraine"}, lambda r: "ukraine" in names(r["recipient"]))


def test_filter_by_country_on_either_side_or_the_place(client: TestClient, everything: list[dict[str, Any]]) -> None:
    def involves(code: str) -> Callable[[dict[str, Any]], bool]:
        return lambda r: (code in codes(r["actor"]) or code in codes(r["recipient"])
                          or (r.get("event_loc") or {}).get("country") == code)

    found = check_filter(client, everything, {"country": "RUS"}, involves("RUS"))
    assert any("RUS" not in codes(r["actor"]) for r in found)  # recipients count too
    placed = {(r.get("event_loc") or {}).get("country") for r in everything} - {None}
    for code in sorted(placed)[:3]:
        check_filter(client, everything, {"country": code}, involves(code))


def test_filter_by_dates_inclusive(client: TestClient, everything: list[dict[str, Any]]) -> None:
    def between(first: str, last: str) -> Callable[[dict[str, Any]], bool]:
        return lambda r: r["date"] is not None and first <= r["date"] <= last

    check_filter(client, everything, {"since": "2022-01-17", "until": "2022-01-18"},
                 between("2022-01-17", "2022-01-18"))
    check_filter(client, everything, {"since": "2023-01-01"}, between("2023-01-01", "9999-12-31"))
    check_filter(client, everything, {"until": "2022-12-31"}, between("0000-01-01", "2022-12-31"))


def test_filter_flagged_events(client: TestClient, everything: list[dict[str, Any]]) -> None:
    flagged = check_filter(client, everything, {"flagged": "true"}, lambda r: bool(r["flags"]))
    assert "flagged-1" in {r["article_id"] for r in flagged}
    check_filter(client, everything, {"flagged": "false"}, lambda r: not r["flags"])


def test_filter_by_words_in_the_sentence_and_by_article(client: TestClient, everything: list[dict[str, Any]]) -> None:
    check_filter(client, everything, {"q": "TANK"}, lambda r: "tank" in r["text"].lower())
    check_filter(client, everything, {"q": "ukraine weapons"},
                 lambda r: "ukraine" in r["text"].lower() and "weapons" in r["text"].lower())
    check_filter(client, everything, {"article_id": "seed"}, lambda r: r["article_id"] == "seed")


@pytest.mark.parametrize(("params", "message"), [
    ({"since": "2022-13-01"}, "since must be a date as YYYY-MM-DD, got '2022-13-01'"),
    ({"until": "17/01/2022"}, "until must be a date as YYYY-MM-DD, got '17/01/2022'"),
    ({"since": "20220117"}, "since must be a date as YYYY-MM-DD, got '20220117'"),
    ({"since": "2022-02-01", "until": "2022-01-01"}, "since (2022-02-01) is after until (2022-01-01)"),
    ({"type": "HUG"}, "unknown event type HUG; PLOVER types are AGREE"),
    ({"sort": "random"}, "sort must be one of date, -date"),
])
def test_bad_filter_values_are_422_with_a_message(client: TestClient, params: dict[str, str], message: str) -> None:
    for path in ("/events", "/events.csv", "/stats/timeline", "/stats/dyads"):
        answer = client.get(path, params=params)
        assert answer.status_code == 422, path
        assert answer.json()["detail"].startswith(message)


def test_out_of_range_numbers_are_422(client: TestClient) -> None:
    for params in ({"quad": 5}, {"limit": 0}, {"limit": 1001}, {"offset": -1}, {"quad": "two"}):
        assert client.get("/events", params=params).status_code == 422, params


# -- paging and sorting ----------------------------------------------------------------------------------


def sort_key(sort: str) -> Callable[[dict[str, Any]], Any]:
    field = sort.lstrip("-")

    def value(r: dict[str, Any]) -> Any:
        return {"date": r["date"], "type": r["event"][0], "confidence": r["confidence"]}[field]

    return value


@pytest.mark.parametrize("sort", ["date", "-date", "type", "-type", "confidence", "-confidence"])
def test_pages_join_into_the_full_stable_order(client: TestClient, everything: list[dict[str, Any]], sort: str) -> None:
    full = client.get("/events", params={"sort": sort, "limit": 1000}).json()["events"]
    pages: list[dict[str, Any]] = []
    for offset in range(0, len(full) + 7, 7):
        pages += client.get("/events", params={"sort": sort, "limit": 7, "offset": offset}).json()["events"]
    assert ids(pages) == ids(full)
    assert len(set(ids(full))) == len(everything)
    assert full == client.get("/events", params={"sort": sort, "limit": 1000}).json()["events"]  # same again

    key = sort_key(sort)
    dated = [r for r in full if key(r) is not None]
    assert all(key(r) is None for r in full[len(dated):])  # missing values last
    descending = sort.startswith("-")
    for a, b in zip(dated, dated[1:], strict=False):
        assert (key(a) >= key(b)) if descending else (key(a) <= key(b))
        if key(a) == key(b):
            assert a["id"] < b["id"]  # ties broken by id


def test_default_sort_is_by_date(client: TestClient, everything: list[dict[str, Any]]) -> None:
    dates = [r["date"] for r in everything if r["date"]]
    assert dates == sorted(dates)


# -- downloads -------------------------------------------------------------------------------------------


def test_csv_download_flattens_every_matching_record(client: TestClient, everything: list[dict[str, Any]]) -> None:
    expected = [r for r in everything if "GBR" in codes(r["actor"])]
    for answer in (client.get("/events.csv", params={"actor": "GBR"}),
                   client.get("/events", params={"actor": "GBR", "format": "csv", "limit": 1})):
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/csv")
        assert 'filename="events.csv"' in answer.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(answer.text)))
        assert [row["id"] for row in rows] == ids(expected)  # no paging limit
        first, record = rows[0], expected[0]
        assert first["event"] == record["event"][0]
        assert "GBR" in first["actor_codes"].split("; ")
        assert first["text"] == record["text"]
        assert first["url"] == (record["cite_info"]["url"] or "")
        assert float(first["event_scale"]) == record["event_scale"]


def test_json_and_jsonl_downloads_hold_the_whole_records(client: TestClient, everything: list[dict[str, Any]]) -> None:
    as_json = client.get("/events.json")
    assert as_json.json() == everything
    as_jsonl = client.get("/events.jsonl", params={"type": "AID"})
    assert [json.loads(line) for line in as_jsonl.text.splitlines()] == [
        r for r in everything if r["event"][0] == "AID"]


def test_parquet_download_reads_back_with_pyarrow(client: TestClient, everything: list[dict[str, Any]]) -> None:
    answer = client.get("/events.parquet", params={"sort": "-date"})
    assert answer.status_code == 200
    table = pq.read_table(io.BytesIO(answer.content))
    expected = client.get("/events", params={"sort": "-date", "limit": 1000}).json()["events"]
    assert table.num_rows == len(everything)
    assert table.column("id").to_pylist() == ids(expected)
    assert table.schema.field("quad_code").type == "int64"
    assert [json.loads(r) for r in table.column("record").to_pylist()] == expected


def test_a_download_in_an_unknown_format_is_422(client: TestClient) -> None:
    assert client.get("/events.xlsx").status_code == 422
    assert "format must be one of json, jsonl, csv, parquet" in client.get("/events?format=xml").json()["detail"]


# -- injection attempts ----------------------------------------------------------------------------------

NASTY = ["GBR' OR 1=1 --", "' OR ''='", "%", "_", "GBR%", "x'); DROP TABLE events; --", '" OR "1"="1',
         "\\", "Robert'); DELETE FROM articles; --", "\u0000"]


@pytest.mark.parametrize("value", NASTY)
def test_sql_in_any_string_filter_matches_nothing_and_changes_nothing(
    client: TestClient, everything: list[dict[str, Any]], value: str
) -> None:
    if "\x00" in value:  # PostgreSQL cannot hold NUL characters: refused up front, on every store
        for name in ("actor", "recipient", "country", "mode", "q", "article_id"):
            assert client.get("/events", params={name: value}).status_code == 422
        return
    for name in ("actor", "recipient", "country", "mode", "article_id"):
        answer = client.get("/events", params={name: value})
        assert answer.status_code == 200, (name, answer.text)
        assert answer.json()["total"] == 0, name
    literally = [r for r in everything if all(w.lower() in r["text"].lower() for w in value.split())]
    assert client.get("/events", params={"q": value}).json()["total"] == len(literally)  # "20%" has a "%"
    assert client.get("/events", params={"type": value}).status_code == 422
    assert client.get("/checks", params={"kind": value}).json()["total"] == 0
    assert client.get("/stats/dyads", params={"actor": value}).json()["dyads"] == []
    assert client.get("/articles/" + quote(value, safe="")).status_code == 404
    assert client.get("/events", params={"limit": 1000}).json()["events"] == everything


# -- summaries -------------------------------------------------------------------------------------------


def test_timeline_counts_dated_events_per_day_and_per_week(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    daily = client.get("/stats/timeline").json()
    assert (daily["interval"], daily["by"]) == ("day", "quad")
    got = {(s["key"], p["date"]): p["count"] for s in daily["series"] for p in s["points"]}
    assert got == Counter((str(r["quad_code"]), r["date"]) for r in everything if r["date"])

    weekly = client.get("/stats/timeline", params={"interval": "week", "by": "type", "actor": "GBR"}).json()
    expected: Counter[tuple[str, str]] = Counter()
    for r in everything:
        if r["date"] and "GBR" in codes(r["actor"]):
            day = dt.date.fromisoformat(r["date"])
            expected[(r["event"][0], (day - dt.timedelta(days=day.weekday())).isoformat())] += 1
    assert {(s["key"], p["date"]): p["count"] for s in weekly["series"] for p in s["points"]} == expected
    assert expected


def test_dyads_count_primary_code_pairs_with_their_mean_score(
    client: TestClient, everything: list[dict[str, Any]]
) -> None:
    dyads = client.get("/stats/dyads", params={"since": "2022-01-01", "until": "2022-12-31"}).json()["dyads"]
    pairs: dict[tuple[str, str], list[float]] = {}
    for r in everything:
        actor = next((e["code"] for e in r["actor"] if e.get("code")), None)
        recipient = next((e["code"] for e in r["recipient"] if e.get("code")), None)
        if actor and recipient and r["date"] and r["date"].startswith("2022"):
            pairs.setdefault((actor, recipient), []).append(r["event_scale"])
    assert {(d["actor"], d["recipient"]): d["count"] for d in dyads} == {k: len(v) for k, v in pairs.items()}
    for d in dyads:
        assert d["mean_score"] == pytest.approx(sum(pairs[d["actor"], d["recipient"]]) / d["count"], abs=1e-3)
    assert [d["count"] for d in dyads] == sorted((d["count"] for d in dyads), reverse=True)
    assert ("GBR", "UKR") in pairs


def test_an_actor_profile_counts_both_sides_by_type(client: TestClient, everything: list[dict[str, Any]]) -> None:
    profile = client.get("/actors/gbr").json()
    assert profile["code"] == "GBR"
    assert profile["name"] == "United Kingdom"
    as_actor = Counter(r["event"][0] for r in everything if "GBR" in codes(r["actor"]))
    as_recipient = Counter(r["event"][0] for r in everything if "GBR" in codes(r["recipient"]))
    assert profile["as_actor"]["by_type"] == dict(as_actor)
    assert profile["as_recipient"]["total"] == sum(as_recipient.values())
    assert "UKR" in [p["code"] for p in profile["partners"]]
    dates = sorted(r["date"] for r in everything if r["date"] and "GBR" in codes(r["actor"]) | codes(r["recipient"]))
    assert (profile["first_date"], profile["last_date"]) == (dates[0], dates[-1])


def test_an_actor_known_to_the_knowledge_base_without_events_still_has_a_profile(client: TestClient) -> None:
    profile = client.get("/actors/ISL").json()
    assert profile["name"] == "Iceland"
    assert profile["events"] == 0 and profile["partners"] == []


def test_checks_list_the_articles_flags_with_their_article(client: TestClient) -> None:
    everything = client.get("/checks").json()
    assert everything["total"] >= 2
    ours = [f for f in everything["flags"] if f["article_id"] == "flagged-1"]
    assert ours[0] == {**FLAG, "article_id": "flagged-1", "title": "A flagged article", "published": "2022-01-20"}
    stale = client.get("/checks", params={"kind": "stale_role"}).json()
    assert {f["kind"] for f in stale["flags"]} == {"stale_role"}
    assert client.get("/checks", params={"limit": 1, "offset": 1}).json()["flags"] == everything["flags"][1:2]


def test_health_reports_the_store_counts(client: TestClient, everything: list[dict[str, Any]]) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert health["stats"]["events"] == len(everything)
    assert health["read_only"] is False


def test_docs_work_offline_from_the_openapi_description(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/events", "/events.{fmt}", "/articles", "/articles/{article_id}", "/actors/{code}",
                 "/stats/timeline", "/stats/dyads", "/checks", "/health"):
        assert path in spec["paths"], path
    page = client.get("/docs")
    assert page.status_code == 200
    assert "openapi.json" in page.text
    assert "http://" not in page.text and "https://" not in page.text  # nothing loaded from a CDN


# -- the same API over PostgreSQL ------------------------------------------------------------------------


def test_the_api_over_postgresql(pg_url: str, coder) -> None:  # noqa: F811
    with open_store(pg_url) as store, TestClient(create_app(store, token=TOKEN, coder=coder)) as pg:
        posted = pg.post("/articles", json=seed_article(), headers=AUTH).json()["articles"][0]
        assert posted["status"] == "coded"
        assert pg.post("/articles", json=seed_article(), headers=AUTH).json()["articles"][0]["status"] == "skipped"
        events = posted["events"]
        gbr = [r for r in events if "GBR" in codes(r["actor"])]
        body = pg.get("/events", params={"actor": "GBR", "limit": 1000}).json()
        assert sorted(ids(body["events"])) == sorted(ids(gbr)) and body["total"] == len(gbr)
        assert pg.get("/events", params={"actor": "wallace"}).json()["total"] >= 1
        assert pg.get("/events", params={"q": "tank", "country": "UKR"}).json()["total"] >= 1
        rows = list(csv.DictReader(io.StringIO(pg.get("/events.csv", params={"sort": "-date"}).text)))
        assert len(rows) == len(events)
        assert {"actor": "GBR", "recipient": "UKR"} in [
            {k: d[k] for k in ("actor", "recipient")} for d in pg.get("/stats/dyads").json()["dyads"]]
        assert pg.get("/actors/GBR").json()["as_actor"]["total"] == len(gbr)
        for value in NASTY[:6]:
            assert pg.get("/events", params={"actor": value, "q": value}).json()["total"] == 0
        assert pg.get("/health").json()["stats"]["events"] == len(events)
