"""Geocoding a family's address: the national address service, a hashed cache, a fallback.

The Géoplateforme (`data.geopf.fr/geocodage`, successor of the BAN API) answers a GeoJSON
FeatureCollection like the BAN did, so geopy's `BANFrance` pointed at it parses the answer.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import re
from dataclasses import dataclass
from typing import Any, Protocol

from geopy.exc import GeopyError
from geopy.geocoders import BANFrance
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from catalogue.geography import commune_at, communes_for_postcode, find_communes, get_commune
from catalogue.models import Commune
from catalogue.models.geocoding import GeocodingCacheEntry
from catalogue.text import fold

DEFAULT_DOMAIN = "data.geopf.fr/geocodage"
DEFAULT_TTL = dt.timedelta(days=30)
_POSTCODE = re.compile(r"\b(\d{5})\b")


class Precision(enum.StrEnum):
    """How precise a geocoded point is."""

    ADDRESS = "address"
    STREET = "street"
    COMMUNE = "commune"


class Geocoder(Protocol):
    """What we need from a geopy geocoder."""

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: Any = ...) -> Any:
        """Return a geopy `Location` or None."""


@dataclass(frozen=True)
class GeocodedPlace:
    """A point for an address, the commune it lies in, and the precision obtained."""

    latitude: float
    longitude: float
    commune_insee: str | None
    precision: str
    fallback: bool = False


def make_geocoder(domain: str = DEFAULT_DOMAIN, timeout: float = 3.0) -> BANFrance:
    """Return geopy's BAN geocoder pointed at the Géoplateforme."""
    return BANFrance(domain=domain, timeout=timeout, user_agent="relais-pre")


def normalise(address: str) -> str:
    """Return the address folded (case, accents, punctuation, spaces) for the cache key."""
    return " ".join(re.sub(r"[^\w ]", " ", fold(address)).split())


def address_key(address: str) -> str:
    """Return the cache key of an address: a SHA-256 of its normalised form."""
    return hashlib.sha256(normalise(address).encode()).hexdigest()


_PRECISIONS = {
    "housenumber": Precision.ADDRESS,
    "street": Precision.STREET,
    "locality": Precision.STREET,
    "municipality": Precision.COMMUNE,
}


def _from_location(session: Session, location: Any) -> GeocodedPlace:
    properties = (location.raw or {}).get("properties", {})
    commune = properties.get("citycode")
    if not commune or get_commune(session, commune) is None:
        found = commune_at(session, location.latitude, location.longitude)
        commune = found.insee_code if found else None
    precision = _PRECISIONS.get(properties.get("type", ""), Precision.STREET)
    return GeocodedPlace(location.latitude, location.longitude, commune, precision)


def _cached(session: Session, key: str, now: dt.datetime) -> GeocodedPlace | None:
    entry = session.scalars(
        select(GeocodingCacheEntry).where(
            GeocodingCacheEntry.address_hash == key, GeocodingCacheEntry.expires_at > now
        )
    ).one_or_none()
    if entry is None:
        return None
    return GeocodedPlace(entry.latitude, entry.longitude, entry.commune_insee, entry.precision)


def _remember(session: Session, key: str, place: GeocodedPlace, expires: dt.datetime) -> None:
    entry = session.get(GeocodingCacheEntry, key) or GeocodingCacheEntry(address_hash=key)
    entry.latitude, entry.longitude = place.latitude, place.longitude
    entry.commune_insee, entry.precision = place.commune_insee, place.precision
    entry.expires_at = expires
    session.add(entry)
    session.flush()


def commune_of_address(session: Session, address: str) -> Commune | None:
    """Guess the commune of an address from its postcode, else from its last words."""
    postcode = _POSTCODE.search(address)
    if postcode:
        communes = communes_for_postcode(session, postcode.group(1))
        named = [c for c in communes if fold(c.name) in fold(address)]
        if named or communes:
            return (named or communes)[0]
    words = normalise(address).split()
    for size in range(min(4, len(words)), 0, -1):
        found = find_communes(session, " ".join(words[-size:]), limit=1)
        if found and found[0].search_name == " ".join(words[-size:]):
            return found[0]
    return None


def geocode(
    session: Session,
    address: str,
    geocoder: Geocoder,
    *,
    now: dt.datetime,
    ttl: dt.timedelta = DEFAULT_TTL,
) -> GeocodedPlace | None:
    """Geocode an address (cache first); when the service fails, fall back to its commune."""
    key = address_key(address)
    cached = _cached(session, key, now)
    if cached is not None:
        return cached
    try:
        location = geocoder.geocode(address, exactly_one=True)
    except (GeopyError, OSError, ValueError):
        location = None
        reachable = False
    else:
        reachable = True
    if location is not None:
        place = _from_location(session, location)
        _remember(session, key, place, now + ttl)
        return place
    commune = commune_of_address(session, address)
    if commune is None:
        return None
    return GeocodedPlace(
        commune.latitude, commune.longitude, commune.insee_code, Precision.COMMUNE, not reachable
    )


def purge_expired(session: Session, now: dt.datetime) -> int:
    """Delete the expired cache entries; return how many."""
    result = session.execute(
        delete(GeocodingCacheEntry).where(GeocodingCacheEntry.expires_at <= now)
    )
    session.flush()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
