"""Geocoding partners' addresses during a spreadsheet import (cached, with the commune fallback)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlalchemy.orm import Session

from catalogue import geocoding
from catalogue.db import utcnow
from importers.spreadsheet import Geocoder


def _geocoder() -> Any:
    """Return the app's geocoder: an injected one (tests), else the national service."""
    injected = current_app.config.get("GEOCODER")
    if injected is not None:
        return injected
    if current_app.config.get("TESTING"):
        return None  # tests never touch the network
    return geocoding.make_geocoder(
        current_app.config.get("GEOCODER_DOMAIN", geocoding.DEFAULT_DOMAIN)
    )


def spreadsheet_geocoder(session: Session) -> Geocoder | None:
    """Return a geocoder for the spreadsheet importer; None lets it use the commune's point."""
    service = _geocoder()
    if service is None:
        return None

    def locate(address: str, postcode: str, city: str) -> tuple[float, float] | None:
        query = " ".join(filter(None, (address, postcode, city)))
        found = geocoding.geocode(session, query, service, now=utcnow())
        if found is None or found.precision == geocoding.Precision.COMMUNE:
            return None  # the importer then takes the commune's point and says so
        return found.latitude, found.longitude

    return locate
