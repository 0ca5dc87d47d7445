"""Candidate retrieval: the services that cover a need and are near enough, straight from SQL.

Two indexed queries instead of a scan: placed services inside the family's bounding box
(`places` latitude/longitude index + `service_needs`), and remote services (no place) that
cover the needs. Only the columns the filters and the score read are loaded, as plain
dataclasses; the ORM objects are loaded afterwards for the few services displayed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from catalogue.geography import bounding_box
from catalogue.hours import open_weekdays
from catalogue.models import Place, Service, ServiceStatus
from catalogue.models.service import service_needs, service_places
from referral.matching.seasons import Season, seasons_of

CHUNK = 2000


@dataclass(slots=True)
class Candidate:
    """The columns of a service that matching reads, and where it is delivered."""

    id: int
    publics: list[str]
    age_min: int | None
    age_max: int | None
    school_levels: list[str]
    qpv_only: bool
    mdph_required: bool
    rep_only: bool
    area_communes: list[str]
    area_departments: list[str]
    area_epcis: list[str]
    area_radius_km: float | None
    cost: str
    capacity: str
    waitlist_weeks: int | None
    languages: list[str]
    mobilisation: list[str]
    has_referral_contact: bool
    last_verified_on: dt.date | None
    update_frequency_days: int
    points: list[tuple[float, float]] = field(default_factory=list)
    needs: set[str] = field(default_factory=set)
    status: str = ServiceStatus.ACTIVE
    suspended_until: dt.date | None = None
    open_days: frozenset[str] | None = None
    seasons: tuple[Season, ...] | None = None

    def is_active_on(self, day: dt.date) -> bool:
        """Mirror `Service.is_active_on`: active, or suspended until a past day."""
        if self.status == ServiceStatus.ACTIVE:
            return True
        return self.status == ServiceStatus.SUSPENDED and (
            self.suspended_until is not None and self.suspended_until < day
        )

    @property
    def is_remote(self) -> bool:
        """A service without a place is delivered remotely: distance does not apply."""
        return not self.points


COLUMNS = (
    Service.id,
    Service.publics,
    Service.age_min,
    Service.age_max,
    Service.school_levels,
    Service.qpv_only,
    Service.mdph_required,
    Service.rep_only,
    Service.area_communes,
    Service.area_departments,
    Service.area_epcis,
    Service.area_radius_km,
    Service.cost,
    Service.capacity,
    Service.waitlist_weeks,
    Service.languages,
    Service.mobilisation,
    Service.referral_email,
    Service.opening_hours,
    Service.last_verified_on,
    Service.update_frequency_days,
    Service.status,
    Service.suspended_until,
)


def active_clause(day: dt.date) -> ColumnElement[bool]:
    """SQL for `Service.is_active_on(day)`: active, or suspended until a past day."""
    return or_(
        Service.status == ServiceStatus.ACTIVE,
        (Service.status == ServiceStatus.SUSPENDED) & (Service.suspended_until < day),
    )


def _chunks(values: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _placed_hits(
    session: Session, codes: list[str], box: tuple[float, float, float, float]
) -> Iterator[tuple[int, str, float, float]]:
    """Yield (service id, need code, latitude, longitude) for places inside the box."""
    south, north, west, east = box
    query = (
        select(
            service_needs.c.service_id, service_needs.c.need_code, Place.latitude, Place.longitude
        )
        .join(service_places, service_places.c.service_id == service_needs.c.service_id)
        .join(Place, Place.id == service_places.c.place_id)
        .where(
            service_needs.c.need_code.in_(codes),
            Place.latitude.between(south, north),
            Place.longitude.between(west, east),
        )
    )
    yield from session.execute(query)


def _remote_hits(session: Session, codes: list[str]) -> Iterator[tuple[int, str]]:
    """Yield (service id, need code) for services without any place."""
    has_place = exists().where(service_places.c.service_id == service_needs.c.service_id)
    query = select(service_needs.c.service_id, service_needs.c.need_code).where(
        service_needs.c.need_code.in_(codes), ~has_place
    )
    yield from session.execute(query)


def _all_hits(
    session: Session, codes: list[str]
) -> Iterator[tuple[int, str, float | None, float | None]]:
    """Yield every (service, need, point) when the family has no point (no distance to apply)."""
    query = (
        select(
            service_needs.c.service_id, service_needs.c.need_code, Place.latitude, Place.longitude
        )
        .outerjoin(service_places, service_places.c.service_id == service_needs.c.service_id)
        .outerjoin(Place, Place.id == service_places.c.place_id)
        .where(service_needs.c.need_code.in_(codes))
    )
    yield from session.execute(query)


def load_candidates(
    session: Session,
    codes: Iterable[str],
    day: dt.date,
    *,
    point: tuple[float, float] | None,
    radius_km: float,
) -> dict[int, Candidate]:
    """Return the active services covering any of the codes, near the point (or remote)."""
    wanted = sorted(set(codes))
    if not wanted:
        return {}
    needs: dict[int, set[str]] = {}
    points: dict[int, set[tuple[float, float]]] = {}
    if point is None:
        for service_id, code, lat, lon in _all_hits(session, wanted):
            needs.setdefault(service_id, set()).add(code)
            if lat is not None and lon is not None:
                points.setdefault(service_id, set()).add((lat, lon))
    else:
        for service_id, code, lat, lon in _placed_hits(
            session, wanted, bounding_box(*point, radius_km)
        ):
            needs.setdefault(service_id, set()).add(code)
            points.setdefault(service_id, set()).add((lat, lon))
        for service_id, code in _remote_hits(session, wanted):
            needs.setdefault(service_id, set()).add(code)
    return _hydrate(session, needs, points, day)


def _hydrate(
    session: Session,
    needs: dict[int, set[str]],
    points: dict[int, set[tuple[float, float]]],
    day: dt.date,
) -> dict[int, Candidate]:
    """Load the matching columns of the active services among the hits."""
    found: dict[int, Candidate] = {}
    for ids in _chunks(sorted(needs)):
        rows = session.execute(select(*COLUMNS).where(Service.id.in_(ids), active_clause(day)))
        for row in rows:
            candidate = candidate_of(row._asdict())
            candidate.points = sorted(points.get(candidate.id, ()))
            candidate.needs = needs[candidate.id]
            found[candidate.id] = candidate
    return found


def candidate_of(values: dict) -> Candidate:
    """Build a candidate from a row of `COLUMNS` (as a dict)."""
    return Candidate(
        id=values["id"],
        publics=values["publics"] or [],
        age_min=values["age_min"],
        age_max=values["age_max"],
        school_levels=values["school_levels"] or [],
        qpv_only=values["qpv_only"],
        mdph_required=values["mdph_required"],
        rep_only=values["rep_only"],
        area_communes=values["area_communes"] or [],
        area_departments=values["area_departments"] or [],
        area_epcis=values["area_epcis"] or [],
        area_radius_km=values["area_radius_km"],
        cost=values["cost"],
        capacity=values["capacity"],
        waitlist_weeks=values["waitlist_weeks"],
        languages=values["languages"] or [],
        mobilisation=values["mobilisation"] or [],
        has_referral_contact=bool(values["referral_email"]),
        last_verified_on=values["last_verified_on"],
        update_frequency_days=values["update_frequency_days"] or 180,
        status=values["status"],
        suspended_until=values["suspended_until"],
        open_days=open_weekdays(values.get("opening_hours") or ""),
        seasons=seasons_of(values.get("opening_hours") or ""),
    )
