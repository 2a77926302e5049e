"""Places of note and companies of political weight in the knowledge base, and what the coder does with them."""

from __future__ import annotations

import json
from importlib import resources

from eventwire.api import code_article
from eventwire.kb import load_kb


def _data(name: str) -> list[dict]:
    return json.loads(resources.files("eventwire").joinpath(f"kb/data/{name}").read_text("utf-8"))


def test_places_and_companies_belong_to_known_countries() -> None:
    kb = load_kb()
    places, companies = _data("places.json"), _data("companies.json")
    assert len(places) >= 150 and len(companies) >= 80
    for place in places:
        assert place["country"] in kb.countries, place
        assert place.get("lat") is None or -90 <= place["lat"] <= 90, place
    for company in companies:
        assert company["code"] in kb.countries and company["sector"] == "BUS", company


def test_an_event_in_a_region_of_note_is_placed_there() -> None:
    records = code_article("Russian forces shelled villages in Crimea on Monday, Ukrainian officials said.",
                           id="t", published="2023-05-08").records
    place = records[0]["event_loc"]
    assert (place["name"], place["country"], place["precision"]) == ("Crimea", "UKR", "region")
    assert place["lat"] is not None


def test_a_region_is_a_place_not_an_actor() -> None:
    kb = load_kb()
    assert kb.region("the Gaza Strip") is not None
    assert not [n for n in kb.lookup("Darfur") if n.kind in ("country", "organisation")]


def test_a_company_acts_for_its_country_as_business() -> None:
    records = code_article("Gazprom cut off gas supplies to Moldova on Saturday.", id="t",
                           published="2022-10-01").records
    actor = records[0]["actor"][0]
    assert (actor["code"], actor["sector"]) == ("RUS", "BUS")
