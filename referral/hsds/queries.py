"""Read-side queries of the HSDS API: active services, their organisations and places."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, selectinload

from catalogue.geography import communes_for_postcode, haversine_km
from catalogue.models import Commune, Organisation, Place, Service
from catalogue.models.service import service_needs, service_places
from catalogue.queries import active_on
from catalogue.taxonomy import list_needs
from importers.hsds import mapping


def need_code_for_term(session: Session, term_id: str) -> str | None:
    """Return the need code of an HSDS taxonomy term id (or of a need code given as is)."""
    for term in list_needs(session):
        if term_id in (term.code, mapping.derived_id("need", term.code)):
            return term.code
    return None


SEARCH_LIMIT = 1000  # services a text search returns at most, best first


def _found_by_text(session: Session, day: dt.date, text: str) -> list[int]:
    """Return the ids of the services a text finds, with the search engine of the whole app."""
    from referral.search.services import app_backend, ranked_service_ids

    return ranked_service_ids(app_backend(session), text, day, SEARCH_LIMIT)


def active_services(
    session: Session, day: dt.date, search: str = "", need: str | None = None
) -> Select[Service]:
    """Return the query of active services, filtered by a text (best first) and a need."""
    query = select(Service).where(active_on(day))
    order: list[Any] = [Service.name]
    if search.strip():
        found = _found_by_text(session, day, search)
        query = query.where(Service.id.in_(found))
        if found:
            order = [case({number: rank for rank, number in enumerate(found)}, value=Service.id)]
    if need is not None:
        query = query.where(
            Service.id.in_(
                select(service_needs.c.service_id).where(service_needs.c.need_code == need)
            )
        )
    return query.order_by(*order, Service.id)


def page_of(
    session: Session, query: Select[Any], page: int, per_page: int
) -> tuple[list[Any], int]:
    """Return one page of a query's rows and the total."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return rows, total


def with_relations(query: Select[Service]) -> Select[Service]:
    """Load what the mapping reads, in a few queries."""
    return query.options(
        selectinload(Service.organisation),
        selectinload(Service.needs),
        selectinload(Service.places).selectinload(Place.organisation),
    )


def organisations(session: Session, search: str = "") -> Select[Organisation]:
    """Return the query of organisations, filtered by words in their name."""
    clauses = [func.lower(Organisation.name).like(f"%{word.lower()}%") for word in search.split()]
    return select(Organisation).where(*clauses).order_by(Organisation.name, Organisation.id)


@dataclass(frozen=True)
class Origin:
    """The point and commune a postcode stands for."""

    commune: Commune
    latitude: float
    longitude: float


def postcode_origin(session: Session, postcode: str) -> Origin | None:
    """Return the most populated commune of a postcode, as the postcode's centroid."""
    communes = communes_for_postcode(session, postcode)
    if not communes:
        return None
    return Origin(communes[0], communes[0].latitude, communes[0].longitude)


def covers(service: Service, place: Place, origin: Origin) -> bool:
    """Tell whether a service's area includes the origin's commune."""
    commune = origin.commune
    listed = service.area_communes or service.area_departments or service.area_epcis
    if listed:
        return (
            commune.insee_code in service.area_communes
            or commune.department_code in service.area_departments
            or (commune.epci_siren or "") in service.area_epcis
        )
    if service.area_radius_km is not None and place.has_point:
        assert place.latitude is not None and place.longitude is not None
        return (
            haversine_km(place.latitude, place.longitude, origin.latitude, origin.longitude)
            <= service.area_radius_km
        )
    return True


def _near(origin: Origin, proximity_m: float) -> Select[int]:
    """Return the ids of services with a place inside the box around the origin."""
    delta_lat = proximity_m / 111_000
    delta_lon = proximity_m / (111_000 * max(0.01, math.cos(math.radians(origin.latitude))))
    return (
        select(service_places.c.service_id)
        .join(Place, Place.id == service_places.c.place_id)
        .where(
            Place.latitude.between(origin.latitude - delta_lat, origin.latitude + delta_lat),
            Place.longitude.between(origin.longitude - delta_lon, origin.longitude + delta_lon),
        )
    )


def _pairs_in_sql(
    session: Session, services: Select[Service], page: int, per_page: int
) -> tuple[list[tuple[Service, Place]], int]:
    """Page (service, place) pairs in the database: no origin to filter on in Python."""
    ids = services.with_only_columns(Service.id).order_by(None)
    pairs = (
        select(Service.id, Place.id)
        .join(service_places, service_places.c.service_id == Service.id)
        .join(Place, Place.id == service_places.c.place_id)
        .where(Service.id.in_(ids))
        .order_by(Service.name, Service.id, Place.id)
    )
    total = session.scalar(select(func.count()).select_from(pairs.order_by(None).subquery())) or 0
    rows = session.execute(pairs.limit(per_page).offset((page - 1) * per_page)).all()
    loaded = {
        service.id: service
        for service in session.scalars(services.where(Service.id.in_({r[0] for r in rows})))
    }
    places = {place.id: place for service in loaded.values() for place in service.places}
    return [(loaded[service_id], places[place_id]) for service_id, place_id in rows], total


def _near_origin(place: Place, origin: Origin, proximity_m: float | None) -> bool:
    if proximity_m is None:
        return True
    if place.latitude is None or place.longitude is None:
        return False
    distance_km = haversine_km(place.latitude, place.longitude, origin.latitude, origin.longitude)
    return distance_km * 1000 <= proximity_m


def service_at_locations(
    session: Session,
    day: dt.date,
    *,
    page: int,
    per_page: int,
    search: str = "",
    need: str | None = None,
    origin: Origin | None = None,
    proximity_m: float | None = None,
) -> tuple[list[tuple[Service, Place]], int]:
    """Return one page of (service, place) pairs of active services with a public place."""
    services = with_relations(active_services(session, day, search, need)).where(
        Service.confidential_address.is_(False),
        Service.id.in_(select(service_places.c.service_id)),
    )
    if origin is None:
        return _pairs_in_sql(session, services, page, per_page)
    if proximity_m is not None:
        services = services.where(Service.id.in_(_near(origin, proximity_m)))
    kept = [
        (service, place)
        for service in session.scalars(services)
        for place in sorted(service.places, key=lambda place: place.id)
        if covers(service, place, origin) and _near_origin(place, origin, proximity_m)
    ]
    start = (page - 1) * per_page
    return kept[start : start + per_page], len(kept)
