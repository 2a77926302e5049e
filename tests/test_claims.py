"""Claim checks: what a text says about people, compared with the knowledge base on the article's date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.api import Coder, code_article
from eventwire.claim_eval import load_claims, score_claims
from eventwire.cli import app
from eventwire.schema import validation_errors

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_3a801cd328a14ee6.txt"
CLAIMS = Path(__file__).resolve().parents[1] / "eval" / "claims" / "claims.jsonl"
HELDOUT = CLAIMS.with_name("heldout.jsonl")


def flags_of(text: str, published: str) -> list[tuple[str, str]]:
    return [(f["kind"], f["text"]) for f in code_article(text, id="t", published=published).flags]


@pytest.fixture(scope="module")
def seed():
    return code_article(SEED.read_text(encoding="utf-8"), id="seed", published="2022-01-17")


# -- the seed ----------------------------------------------------------------------------------------------

def test_seed_putin_called_defense_minister_is_a_role_conflict(seed) -> None:
    flag = next(f for f in seed.flags if "Putin" in f["text"])
    assert flag["kind"] == "role_conflict"
    assert flag["text"] == "Defense Minister Vladimir Putin"
    assert "President of Russia" in flag["known"] and "Shoigu" in flag["known"]
    assert flag["source"].startswith("eventwire KB: kb/data/")
    assert SEED.read_text(encoding="utf-8")[flag["start"]:flag["end"]] == flag["text"]


def test_seed_tobias_elwood_is_a_name_variant_of_tobias_ellwood(seed) -> None:
    flag = next(f for f in seed.flags if "Elwood" in f["text"])
    assert flag["kind"] == "name_variant"
    assert flag["claimed"] == "Tobias Elwood"
    assert "Tobias Ellwood" in flag["known"]


@pytest.mark.parametrize("name", ["Wallace", "Healey", "Shoigu", "Baerbock", "Erdogan"])
def test_seed_raises_no_flag_on_people_whose_titles_are_right(seed, name: str) -> None:
    assert not [f for f in seed.flags if name in f["text"]]


def test_seed_flags_are_on_the_events_of_their_sentence_and_valid(seed) -> None:
    flagged = [r for r in seed.records if r["flags"]]
    assert flagged, "the Putin sentence holds an event; it should carry the flag"
    for record in seed.records:
        assert not validation_errors(record)
        for flag in record["flags"]:
            assert flag["sentence"] == record["text_info"]["sequence"]


# -- each kind, and what is not a claim -------------------------------------------------------------------

def test_a_title_the_person_had_left_is_stale() -> None:
    assert flags_of("Defence Secretary Ben Wallace visited Kyiv on Tuesday.", "2024-03-01") == [
        ("stale_role", "Defence Secretary Ben Wallace")]
    assert flags_of("Defence Secretary Ben Wallace visited Kyiv on Tuesday.", "2022-03-01") == []


def test_a_former_or_deputy_title_is_no_claim_about_the_day() -> None:
    assert flags_of("Former Prime Minister Boris Johnson visited Kyiv on Friday.", "2023-03-01") == []
    assert flags_of("Then-Defence Secretary Ben Wallace said in 2022 that the weapons were defensive.",
                    "2024-03-01") == []


def test_a_sentence_about_an_earlier_year_is_checked_for_that_time() -> None:
    assert flags_of("In 2021, Prime Minister Boris Johnson hosted the G7 summit in Cornwall.", "2024-05-01") == []


def test_the_wrong_country_for_a_title_is_a_role_conflict() -> None:
    found = flags_of("Russian Foreign Minister Annalena Baerbock arrived in Kyiv on Monday.", "2022-03-01")
    assert found and found[0][0] == "role_conflict"


def test_a_made_up_holder_of_a_known_office_is_an_unknown_person() -> None:
    found = flags_of("Russian Defence Minister Igor Petrenko said on Monday that the drills were over.",
                     "2022-01-20")
    assert found == [("unknown_person", "Russian Defence Minister Igor Petrenko")]


def test_right_titles_raise_nothing() -> None:
    text = ("German Foreign Minister Annalena Baerbock met Sergei Lavrov, Russia's foreign minister, in Moscow, "
            "and US Secretary of State Antony Blinken spoke to Ukrainian President Volodymyr Zelensky.")
    assert flags_of(text, "2022-01-18") == []


# -- the command -------------------------------------------------------------------------------------------

def test_eventwire_check_prints_one_json_object_per_flag(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(SEED), "--published", "2022-01-17", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    flags = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {f["kind"] for f in flags} >= {"role_conflict", "name_variant"}
    for flag in flags:
        assert set(flag) == {"article_id", "kind", "text", "claimed", "known", "source", "start", "end"}
        assert flag["article_id"] == "000_3a801cd328a14ee6"


# -- the gold set: right titles are not flagged, wrong ones are ----------------------------------------------

@pytest.fixture(scope="module", params=[CLAIMS, HELDOUT], ids=["dev", "heldout"])
def claims_report(request):
    return score_claims(load_claims(request.param), Coder())


def test_claims_gold_false_flag_rate_is_under_two_percent(claims_report) -> None:
    assert claims_report.right >= 150
    assert claims_report.false_flag_rate < 0.02, claims_report.false_flags[:10]


def test_claims_gold_wrong_titles_are_flagged_nine_times_in_ten(claims_report) -> None:
    assert claims_report.wrong >= 120
    assert claims_report.detection_rate >= 0.90, claims_report.misses[:10]
    assert claims_report.kind_right / claims_report.found >= 0.95
