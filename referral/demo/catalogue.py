"""Load the fictitious demo catalogue into the database through the catalogue's own services.

Every row carries `source="demo"` and a stable `source_id`: a second load skips what exists
and creates nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import ChangeOrigin, Commune, Organisation, Place, Service
from catalogue.services import create_organisation, create_place, create_service
from referral.database import DatabaseNotReady
from referral.demo.catalogue_plan import (
    DEMO_SEED,
    SOURCE,
    DemoCommune,
    PlannedOrganisation,
    plan_catalogue,
)
from referral.demo.catalogue_templates import DEMO_EPCI

if TYPE_CHECKING:
    from referral.demo import DemoReport

Row = TypeVar("Row", Organisation, Place, Service)


@dataclass
class CatalogueCounts:
    """How many demo rows one load created."""

    organisations: int = 0
    places: int = 0
    services: int = 0


def demo_communes(session: Session) -> list[DemoCommune]:
    """Return the communes of the demo EPCI from the gazetteer table, by INSEE code."""
    rows = session.scalars(
        select(Commune).where(Commune.epci_siren == DEMO_EPCI).order_by(Commune.insee_code)
    )
    communes = [
        DemoCommune(
            c.insee_code,
            c.name,
            c.postcode_list[0] if c.postcode_list else "",
            c.population,
            c.latitude,
            c.longitude,
            c.south,
            c.west,
            c.north,
            c.east,
        )
        for c in rows
    ]
    if not communes:
        raise DatabaseNotReady(
            "Les communes ne sont pas chargées : lancez d'abord « relais db upgrade »."
        )
    return communes


def load_catalogue(
    session: Session, today: dt.date | None = None, seed: int = DEMO_SEED
) -> CatalogueCounts:
    """Create the demo organisations, places and services that do not exist yet."""
    plan = plan_catalogue(demo_communes(session), today or dt.date.today(), seed)
    organisations = _existing(session, Organisation)
    places = _existing(session, Place)
    services = set(_existing(session, Service))
    counts = CatalogueCounts()
    for planned in plan:
        organisation = organisations.get(planned.row.source_id)
        if organisation is None:
            data = {**planned.row.data, "source_id": planned.row.source_id}
            organisation = create_organisation(session, data)
            counts.organisations += 1
        counts.places += _load_places(session, organisation, planned, places)
        counts.services += _load_services(session, organisation, planned, places, services)
    return counts


def _existing(session: Session, model: type[Row]) -> dict[str, Row]:
    rows = session.scalars(select(model).where(model.source == SOURCE))
    return {row.source_id: row for row in rows if row.source_id}


def _load_places(
    session: Session,
    organisation: Organisation,
    planned: PlannedOrganisation,
    places: dict[str, Place],
) -> int:
    created = 0
    for row in planned.places:
        if row.source_id not in places:
            data = {**row.data, "source_id": row.source_id}
            places[row.source_id] = create_place(session, organisation, data)
            created += 1
    return created


def _load_services(
    session: Session,
    organisation: Organisation,
    planned: PlannedOrganisation,
    places: dict[str, Place],
    existing: set[str],
) -> int:
    created = 0
    for row in planned.services:
        if row.source_id not in existing:
            at = [places[place_id] for place_id in row.place_ids]
            _load_back_references(organisation, at)
            create_service(
                session,
                organisation,
                row.data,
                actor_id=None,
                origin=ChangeOrigin.SYSTEM,
                places=at,
            )
            created += 1
    return created


def _load_back_references(organisation: Organisation, places: list[Place]) -> None:
    """Load the collections a new service is appended to, so that the append stays in memory.

    Otherwise flush listeners that read `organisation.services` or `place.services` (the search
    index sync) lazy-load them inside the flush, where SQLAlchemy warns about the new row.
    """
    _ = organisation.services
    for place in places:
        _ = place.services


def catalogue_step(session: Session, report: DemoReport) -> None:
    """Load the demo catalogue and put what it created in the report."""
    counts = load_catalogue(session)
    report.counts["structures"] = counts.organisations
    report.counts["lieux"] = counts.places
    report.counts["services"] = counts.services
