"""Geocoding partners' addresses during a spreadsheet import (cached, with the commune fallback)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from catalogue import geocoding
from catalogue.db import utcnow
from importers.spreadsheet import Geocoder
from referral.geocoding import get_geocoder


def spreadsheet_geocoder(session: Session) -> Geocoder | None:
    """Return a geocoder for the spreadsheet importer; None lets it use the commune's point."""
    service = get_geocoder()

    def locate(address: str, postcode: str, city: str) -> tuple[float, float] | None:
        query = " ".join(filter(None, (address, postcode, city)))
        found = geocoding.geocode(session, query, service, now=utcnow())
        if found is None or found.precision == geocoding.Precision.COMMUNE:
            return None  # the importer then takes the commune's point and says so
        return found.latitude, found.longitude

    return locate
