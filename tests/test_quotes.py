"""Direct quotes and reported speech, with speakers resolved to entities."""

from __future__ import annotations

import datetime as dt

from eventwire import Article

TEXT = (
    "Kenyan President William Ruto met Tanzanian officials in Arusha on Monday.\n\n"
    "“We will not allow the border to close again,” Ruto said. “Trade is the life of this region.”\n\n"
    'The Tanzanian foreign minister said: "Our doors remain open to our neighbours."\n\n'
    "Ruto added that both governments would form a joint committee."
)


def coded(coder):
    return coder.code(Article(id="q", text=TEXT, published=dt.date(2024, 3, 5)))


def test_curly_quote_with_speaker_after_it(coder):
    quotes = coded(coder).quotes
    first = next(q for q in quotes if q["text"].startswith("We will not allow"))
    assert first["kind"] == "direct"
    assert first["speaker"]["identifier_text"] == "William Ruto"
    assert first["speaker"]["code"] == "KEN"


def test_following_quote_in_the_same_paragraph_keeps_the_speaker(coder):
    quotes = coded(coder).quotes
    second = next(q for q in quotes if q["text"].startswith("Trade is the life"))
    assert second["speaker"]["identifier_text"] == "William Ruto"


def test_straight_quote_with_speaker_before_it(coder):
    quotes = coded(coder).quotes
    third = next(q for q in quotes if q["text"].startswith("Our doors"))
    assert third["speaker"]["code"] == "TZA"


def test_reported_speech_has_its_speaker(coder):
    quotes = coded(coder).quotes
    reported = [q for q in quotes if q["kind"] == "reported"]
    assert any(q["speaker"]["identifier_text"] == "William Ruto" and "joint committee" in q["text"] for q in reported)


def test_quote_offsets_point_into_the_text(coder):
    for q in coded(coder).quotes:
        assert TEXT[q["start"]:q["end"]].strip() == q["text"]


def test_an_attribution_after_the_words_it_reports_gives_the_speaker(coder):
    text = ("Norway sent artillery shells to Ukraine, Foreign Minister Espen Barth Eide told reporters "
            "on Friday, as Russian attacks on the front intensified.")
    result = coder.code(Article(id="t", text=text, published=dt.date(2024, 3, 8)))
    quote = next(q for q in result.quotes if q["kind"] == "reported")
    assert quote["text"] == "Norway sent artillery shells to Ukraine"
    assert quote["speaker"]["identifier_text"] == "Espen Barth Eide"
    sent = [r for r in result.records if r["actor"] and r["actor"][0]["code"] == "NOR"]
    assert sent and sent[0]["markers"]["reported"] and sent[0]["speaker"]["identifier_text"] == "Espen Barth Eide"


def _quotes(coder, text: str) -> dict[str, dict | None]:
    coded_ = coder.code(Article(id="q2", text=text, published=dt.date(2024, 5, 27)))
    return {q["text"]: q["speaker"] for q in coded_.quotes}


def test_words_quoted_inside_a_clause_are_the_clause_subjects(coder):
    quotes = _quotes(coder, "Japanese Prime Minister Fumio Kishida called the launch “an outrageous act”.")
    assert quotes["an outrageous act"]["code"] == "JPN"


def test_a_pronoun_speaker_names_the_person_and_not_a_name_inside_the_quote(coder):
    quotes = _quotes(coder, "Archbishop Bagrat Galstanyan led the march on Sunday. “If we had two more buses "
                            "for Kharkiv, we would not be here,” he told the crowd.")
    (speaker,) = quotes.values()
    assert speaker["entity_text"] == "Bagrat Galstanyan"


def test_quoted_words_in_a_clause_hanging_from_the_main_verb_are_its_subjects(coder):
    quotes = _quotes(coder, "Moldova expelled two Russian diplomats, accusing Moscow of “open hostility”.")
    assert quotes["open hostility"]["code"] == "MDA"


def test_a_second_subject_the_parser_found_inside_the_quote_is_not_the_speaker(coder):
    quotes = _quotes(coder, "“Hezbollah will pay a heavy price for this, one it has not paid until now,” Israeli "
                            "Prime Minister Benjamin Netanyahu said during a visit to the town on Monday.")
    (speaker,) = quotes.values()
    assert speaker["code"] == "ISR"


def test_we_in_a_spokesman_s_words_is_the_side_the_story_is_about(coder):
    # the spokesman is named without his movement; "we" still acts, for the country the story is set in,
    # and "this court" is the court named before
    text = ("KABUL, 24 January (Wirefront) - The International Criminal Court issued arrest warrants for two "
            "senior Taliban leaders on Thursday.\n\n"
            '"We do not recognise this court," spokesman Zabihullah Mujahid said in a statement.')
    records = coder.code(Article(id="w", text=text, published=dt.date(2025, 1, 24))).records
    rejects = [r for r in records if r["event"][0] == "REJECT"]
    assert [(a["code"], r["recipient"][0]["code"]) for r in rejects for a in r["actor"]] == [("AFG", "ICC")]


def test_who_says_a_party_did_wrong_accuses_it(coder):
    text = "“Pakistan has made a grave mistake,” Indian Prime Minister Narendra Modi said in Delhi on Wednesday."
    records = coder.code(Article(id="a", text=text, published=dt.date(2024, 5, 1))).records
    assert [(r["actor"][0]["code"], r["recipient"][0]["code"]) for r in records if r["event"][0] == "ACCUSE"] == [
        ("IND", "PAK")]


def test_a_spokesman_named_in_apposition_is_the_speaker(coder):
    text = ("BANGKOK, 24 May (Wirefront) - The army detained the former prime minister on Friday.\n\n"
            "“We need to keep them for a while,” the spokesman, Colonel Winthai Suvaree, told reporters.")
    quotes = coder.code(Article(id="s", text=text, published=dt.date(2014, 5, 24))).quotes
    assert quotes[0]["speaker"]["entity_text"] == "Colonel Winthai Suvaree"
