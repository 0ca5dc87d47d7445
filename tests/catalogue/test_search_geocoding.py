"""Geocoding: the Géoplateforme's answer shape, the hashed expiring cache, the fallback."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from geopy.exc import GeocoderTimedOut
from geopy.location import Location
from sqlalchemy import select

from catalogue import geocoding
from catalogue.models.geocoding import GeocodingCacheEntry

SAMPLE = Path(__file__).parent / "fixtures" / "geoplateforme-search.json"
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
ADDRESS = "12 rue des Essais 86000 Poitiers"


class Recorded:
    """A geocoder that parses the recorded Géoplateforme answer with geopy's own BANFrance code."""

    def __init__(self) -> None:
        self.calls = 0
        self.parser = geocoding.make_geocoder()

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = None) -> Location:
        self.calls += 1
        answer = json.loads(SAMPLE.read_text(encoding="utf-8"))
        return self.parser._parse_json(answer, exactly_one=exactly_one)


class Down:
    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = None) -> None:
        raise GeocoderTimedOut("délai dépassé")


def test_geopy_builds_geoplateforme_urls():
    assert geocoding.make_geocoder().geocode_api == "https://data.geopf.fr/geocodage/search"


def test_the_recorded_answer_gives_a_point_a_commune_and_the_precision(db_session):
    place = geocoding.geocode(db_session, ADDRESS, Recorded(), now=NOW)
    assert (round(place.latitude, 4), round(place.longitude, 4)) == (46.5803, 0.3402)
    assert (place.commune_insee, place.precision, place.fallback) == ("86194", "address", False)


def test_the_cache_keeps_a_hash_never_the_address(db_session):
    geocoding.geocode(db_session, ADDRESS, Recorded(), now=NOW)
    (entry,) = db_session.scalars(select(GeocodingCacheEntry))
    assert entry.address_hash == geocoding.address_key(ADDRESS)
    assert "Essais" not in repr(vars(entry))


def test_the_same_address_written_differently_hits_the_cache(db_session):
    recorded = Recorded()
    geocoding.geocode(db_session, ADDRESS, recorded, now=NOW)
    geocoding.geocode(db_session, "12, Rue des ESSAIS  86000 poitiers", recorded, now=NOW)
    assert recorded.calls == 1


def test_an_expired_entry_is_asked_again(db_session):
    recorded = Recorded()
    geocoding.geocode(db_session, ADDRESS, recorded, now=NOW, ttl=dt.timedelta(days=1))
    geocoding.geocode(db_session, ADDRESS, recorded, now=NOW + dt.timedelta(days=2))
    assert recorded.calls == 2


def test_purge_deletes_only_expired_entries(db_session):
    geocoding.geocode(db_session, ADDRESS, Recorded(), now=NOW, ttl=dt.timedelta(days=1))
    assert geocoding.purge_expired(db_session, NOW) == 0
    assert geocoding.purge_expired(db_session, NOW + dt.timedelta(days=1)) == 1


def test_an_unreachable_service_falls_back_to_the_commune_and_says_so(db_session):
    place = geocoding.geocode(db_session, "3 place Leclerc 86000 Poitiers", Down(), now=NOW)
    assert (place.commune_insee, place.precision, place.fallback) == ("86194", "commune", True)


def test_the_fallback_is_not_cached(db_session):
    geocoding.geocode(db_session, ADDRESS, Down(), now=NOW)
    assert db_session.scalars(select(GeocodingCacheEntry)).all() == []
