"""Whom an event is aimed at when the sentence names no one (pipeline/targets.py): the place where a
material act happened, or the actor's own country for protests, coercion and concessions at home.
Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import Article
from helpers import find


@pytest.fixture(scope="module")
def code(coder):
    def _code(text: str):
        return coder.code(Article(id="t", text=text, published=dt.date(2023, 5, 10))).records
    return _code


def test_a_curfew_is_aimed_at_the_actors_own_country(code):
    assert find(code("Police in Harare imposed a night curfew on Monday."), "COERCE", ["ZWE"], ["ZWE"])


def test_a_street_protest_is_aimed_at_the_government_of_where_it_happened(code):
    (protest,) = find(code("Thousands of teachers marched through central Lima on Sunday."), "PROTEST", ["PER"])
    assert [(r["code"], r["sector"]) for r in protest["recipient"]] == [("PER", "GOV")]


def test_lifting_an_emergency_is_a_concession_to_the_own_country(code):
    assert find(code("The Ecuadorian government lifted the state of emergency on Friday."), "CONCEDE", ["ECU"], ["ECU"])


def test_aid_delivered_somewhere_is_aid_to_that_place(code):
    assert find(code("The World Food Programme distributed food in northern Gaza."), "AID", ["UNO"], ["PSE"])


def test_a_named_recipient_is_never_replaced(code):
    records = code("Ukrainian troops fired rockets at Russian positions in Belgorod on Tuesday.")
    assert find(records, "ASSAULT", ["UKR"], ["RUS"])


def test_a_meeting_place_is_not_whom_the_talks_were_with(code):
    records = code("Kenyan and Ethiopian officials held talks in Geneva on Monday.")
    assert not find(records, "CONSULT", recipient=["CHE"])


def test_strikes_that_killed_people_somewhere_are_aimed_at_that_place(code):
    # the parser may read "airstrikes" as the head and "killed ..." as a clause hanging from it
    records = code("Turkish airstrikes killed at least 12 people in northern Syria on Sunday.")
    assert find(records, "ASSAULT", ["TUR"], ["SYR"])


def test_a_withdrawal_is_aimed_at_the_place_left(code):
    assert find(code("Russian troops withdrew from Kherson on Friday."), "RETREAT", ["RUS"], ["UKR"])
    announced = code("Israel will withdraw its forces from southern Lebanon within 60 days.")
    assert find(announced, "CONCEDE", ["ISR"], ["LBN"])  # an announced withdrawal, aimed where it will happen
