"""Where the family is: a point, a commune or a postcode, turned into a `FamilyPlace`."""

from __future__ import annotations

from sqlalchemy.orm import Session

from catalogue.geography import commune_at, communes_for_postcode, get_commune
from catalogue.models import Commune
from catalogue.search.engine import FamilyPlace


def _place(commune: Commune | None, latitude: float, longitude: float) -> FamilyPlace:
    if commune is None:
        return FamilyPlace(latitude, longitude)
    return FamilyPlace(
        latitude, longitude, commune.insee_code, commune.department_code, commune.epci_siren
    )


def place_at(
    session: Session, latitude: float, longitude: float, commune_code: str | None = None
) -> FamilyPlace:
    """Return a point's place; its commune is the given one or the gazetteer's at that point."""
    commune = get_commune(session, commune_code) if commune_code else None
    return _place(commune or commune_at(session, latitude, longitude), latitude, longitude)


def place_of_commune(session: Session, insee_code: str) -> FamilyPlace | None:
    """Return the place of a commune (its point), or None when the code is unknown."""
    commune = get_commune(session, insee_code)
    return None if commune is None else _place(commune, commune.latitude, commune.longitude)


def place_of_postcode(session: Session, postcode: str) -> FamilyPlace | None:
    """Return the place of a postcode: the point of its most populated commune."""
    communes = communes_for_postcode(session, postcode)
    return (
        None if not communes else _place(communes[0], communes[0].latitude, communes[0].longitude)
    )
