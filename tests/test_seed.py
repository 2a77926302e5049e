"""The seed article (a reworded Guardian report of 17 January 2022) codes into the events a
researcher would expect. Published date: 2022-01-17 (a Monday)."""

from __future__ import annotations

import datetime as dt

from eventwire.schema import validation_errors
from helpers import find

PUBLISHED = dt.date(2022, 1, 17)


def test_britain_aids_ukraine_militarily(seed_coded):
    aid = find(seed_coded.records, "AID", ["GBR"], ["UKR"])
    assert aid
    assert any("military" in r["context"] for r in aid)


def test_russia_mobilizes_troops_toward_belarus(seed_coded):
    moves = find(seed_coded.records, "MOBILIZE", ["RUS"])
    assert moves
    assert any("troops" in r["mode"] for r in moves)
    assert any((r["event_loc"] or {}).get("country") == "BLR" for r in moves)


def test_putin_complains_about_nato_or_turkey(seed_coded):
    assert find(seed_coded.records, "ACCUSE", ["RUS"], ["NATO", "TUR"])


def test_putin_and_erdogan_consult(seed_coded):
    assert find(seed_coded.records, "CONSULT", ["RUS"], ["TUR"]) or find(
        seed_coded.records, "CONSULT", ["TUR"], ["RUS"]
    )


def test_turkey_sells_drones_to_ukraine(seed_coded):
    assert find(seed_coded.records, "AID", ["TUR"], ["UKR"]) or find(seed_coded.records, "COOPERATE", ["TUR"], ["UKR"])


def test_wallace_invitation_to_shoigu_is_a_future_consultation(seed_coded):
    # PLOVER codes a promised meeting as AGREE with the meeting (CONSULT) second.
    invite = [r for r in find(seed_coded.records, "AGREE", ["GBR"], ["RUS"]) if "CONSULT" in r["event"]]
    assert invite
    assert any(r["markers"]["future"] for r in invite)
    assert any((r["event_loc"] or {}).get("name") == "London" for r in invite)


def test_russia_demands_ukraine_never_join_nato(seed_coded):
    assert find(seed_coded.records, "REQUEST", ["RUS"])


def test_nato_threatens_russia_with_sanctions(seed_coded):
    assert find(seed_coded.records, "THREATEN", ["NATO"], ["RUS"])


def test_baerbock_meeting_with_russian_foreign_minister_is_dated_tuesday(seed_coded):
    meeting = [r for r in seed_coded.records if "CONSULT" in r["event"]
               and {"DEU"} <= {a["code"] for a in r["actor"]} and {"RUS"} <= {a["code"] for a in r["recipient"]}]
    assert meeting
    assert meeting[0]["date"] == "2022-01-18"
    assert meeting[0]["date_text"] == "Tuesday"


def test_germany_threatens_russia(seed_coded):
    assert find(seed_coded.records, "THREATEN", ["DEU"], ["RUS"])


def test_at_least_two_quotes_are_attributed_to_ben_wallace(seed_coded):
    wallace = [q for q in seed_coded.quotes if (q["speaker"] or {}).get("identifier_text") == "Ben Wallace"]
    assert len(wallace) >= 2
    assert any(q["kind"] == "direct" for q in wallace)


def test_no_event_has_a_person_as_country_code(seed_coded):
    for r in seed_coded.records:
        for entity in r["actor"] + r["recipient"]:
            assert entity["code"] is None or entity["code"].isupper() and len(entity["code"]) <= 5
            assert entity["code"] not in {"PUTIN", "WALLACE", "SHOIGU"}


def test_no_event_is_dated_after_publication_unless_future(seed_coded):
    for r in seed_coded.records:
        if r["date"] and dt.date.fromisoformat(r["date"]) > PUBLISHED + dt.timedelta(days=1):
            assert r["markers"]["future"], r


def test_every_record_validates_against_the_schema(seed_coded):
    for r in seed_coded.records:
        assert validation_errors(r) == [], r


def test_evidence_offsets_point_into_the_article_text(seed_coded, seed_text):
    for r in seed_coded.records:
        info = r["text_info"]
        assert seed_text[info["start"]:info["end"]].strip() == r["text"]
        assert r["event_text"] in r["text"]
