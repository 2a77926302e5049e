"""Dates resolve against the article's publication date."""

import datetime as dt

import pytest

from eventwire.pipeline.dates import resolve

MONDAY = dt.date(2022, 1, 17)


def test_weekday_in_future_tense_resolves_forward():
    assert resolve("Tuesday", MONDAY, future=True) == (dt.date(2022, 1, 18), "day")


def test_weekday_in_past_tense_resolves_backward():
    assert resolve("on Friday", MONDAY) == (dt.date(2022, 1, 14), "day")


def test_weekday_of_publication_day_in_past_tense_is_that_day():
    assert resolve("Monday", MONDAY) == (MONDAY, "day")


def test_same_weekday_in_future_is_next_week():
    assert resolve("Monday", MONDAY, future=True) == (dt.date(2022, 1, 24), "day")


def test_next_and_last_weekday_override_tense():
    assert resolve("next Wednesday", MONDAY) == (dt.date(2022, 1, 19), "day")
    assert resolve("last Monday", MONDAY) == (dt.date(2022, 1, 10), "day")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("yesterday", (dt.date(2022, 1, 16), "day")),
        ("today", (MONDAY, "day")),
        ("tomorrow", (dt.date(2022, 1, 18), "day")),
        ("last week", (dt.date(2022, 1, 10), "week")),
        ("this week", (dt.date(2022, 1, 17), "week")),
        ("last month", (dt.date(2021, 12, 1), "month")),
        ("last year", (dt.date(2021, 1, 1), "year")),
        ("next year", (dt.date(2023, 1, 1), "year")),
    ],
)
def test_relative_words(words, expected):
    assert resolve(words, MONDAY) == expected


def test_explicit_day_and_month_takes_the_publication_year():
    assert resolve("3 January", MONDAY) == (dt.date(2022, 1, 3), "day")


def test_explicit_full_date():
    assert resolve("March 3, 2021", MONDAY) == (dt.date(2021, 3, 3), "day")


def test_month_and_year_have_month_precision():
    assert resolve("in February 2021", MONDAY) == (dt.date(2021, 2, 1), "month")


def test_year_alone_has_year_precision():
    assert resolve("2018", MONDAY) == (dt.date(2018, 1, 1), "year")


def test_relative_date_without_publication_date_stays_unresolved():
    assert resolve("on Tuesday", None) == (None, "unresolved")
    assert resolve("yesterday", None) == (None, "unresolved")


def test_explicit_date_with_year_resolves_without_publication_date():
    assert resolve("3 March 2024", None) == (dt.date(2024, 3, 3), "day")


def test_words_that_are_not_a_date_give_none():
    assert resolve("the coming months of talks", MONDAY) is None


@pytest.fixture(scope="module")
def dated(coder):
    from eventwire import Article

    def _dated(text: str, published: dt.date = dt.date(2023, 3, 21)):  # a Tuesday
        records = coder.code(Article(id="d", text=text, published=published)).records
        return [(r["event"][0], r["date"], r["date_precision"]) for r in records]
    return _dated


def test_a_duration_is_not_the_date(dated):
    assert ("PROTEST", "2023-03-15", "day") in dated(
        "Dock workers held a one-day strike on Wednesday last week against the tax increases.")


def test_a_date_the_parser_hung_on_the_subject_dates_the_verb(dated):
    assert ("SANCTION", "2023-03-20", "day") in dated(
        "Moldova on Monday expelled two Russian diplomats and downgraded relations with Moscow.")


def test_later_acts_in_a_story_take_the_leads_day_and_reactions_the_publication_day(dated):
    found = dated("Protesters stormed the parliament in Nairobi on Monday. Police arrested 50 people. "
                  "The opposition condemned the arrests.")
    assert ("COERCE", "2023-03-20", "story") in found
    assert ("ACCUSE", "2023-03-21", "published") in found


def test_a_word_that_starts_like_a_month_is_no_date():
    assert resolve("two decades", dt.date(1993, 5, 1)) is None
    assert resolve("Dec. 5", dt.date(1993, 5, 1)) == (dt.date(1992, 12, 5), "day")


def test_history_told_as_background_is_not_the_story_s_news(coder):
    from eventwire import Article

    text = ("NEW DELHI, 13 May (Wirefront) - India tested three more nuclear devices on Wednesday, two days after its "
            "first tests in 24 years. India first exploded a nuclear device in 1974 but never declared itself a "
            "nuclear power. Iraq also returned archives seized during the 1990 invasion of Kuwait.")
    records = coder.code(Article(id="h", text=text, published=dt.date(1998, 5, 13))).records
    assert all(r["date"] >= "1998-01-01" for r in records)
    assert not any("1974" in r["text"] for r in records)
    returned = [r for r in records if r["event"][0] == "RETREAT"]
    assert returned and returned[0]["date"] == "1998-05-13"  # "the 1990 invasion" names a war, not the day


def test_a_year_in_a_clause_about_something_else_does_not_date_the_act(coder):
    from eventwire import Article

    text = "Eritrea's foreign minister called on the Security Council to lift the arms embargo it imposed in 2009."
    records = coder.code(Article(id="y", text=text, published=dt.date(2018, 7, 10))).records
    assert [(r["event"][0], r["date"]) for r in records] == [("REQUEST", "2018-07-10")]
