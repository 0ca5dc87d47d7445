"""State changes of the catalogue: create and edit organisations, places and services.

Every change to a service is validated by the same schema and written to its history.
These functions flush; the caller (a request or a CLI command) commits once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import ChangeOrigin, NeedTerm, Organisation, Place, Service, ServiceChange
from catalogue.schemas import OrganisationInput, PlaceInput, ServiceInput
from catalogue.taxonomy import need_codes

SERVICE_FIELDS = tuple(ServiceInput().fields)
ORGANISATION_INPUT = OrganisationInput()
PLACE_INPUT = PlaceInput()
SERVICE_INPUT = ServiceInput()  # need codes are checked against the session's taxonomy


class StaleVersionError(Exception):
    """The service changed since the version the editor started from."""

    def __init__(self, service: Service, expected: int) -> None:
        super().__init__(f"Service {service.uid} is at version {service.version}, not {expected}")
        self.service = service
        self.expected = expected


def _plain(value: Any) -> Any:
    """Return a JSON-friendly copy of a field value for the history."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def service_values(service: Service) -> dict[str, Any]:
    """Return the editable fields of a service as plain values."""
    values = {name: getattr(service, name) for name in SERVICE_FIELDS if name != "needs"}
    values["needs"] = service.need_codes
    return values


def create_organisation(
    session: Session, data: dict[str, Any], *, flush: bool = True
) -> Organisation:
    """Validate and add an organisation (`flush=False` lets a bulk caller flush in batches)."""
    organisation = Organisation(**ORGANISATION_INPUT.load(data))
    session.add(organisation)
    if flush:
        session.flush()
    return organisation


def create_place(
    session: Session, organisation: Organisation, data: dict[str, Any], *, flush: bool = True
) -> Place:
    """Validate and add a place belonging to an organisation."""
    place = Place(organisation=organisation, **PLACE_INPUT.load(data))
    session.add(place)
    if flush:
        session.flush()
    return place


def _needs(session: Session, codes: Iterable[str]) -> list[NeedTerm]:
    """Return the terms of these codes (from the identity map once loaded); refuse unknown ones."""
    terms = {code: session.get(NeedTerm, code) for code in sorted(set(codes))}
    unknown = [code for code, term in terms.items() if term is None]
    if unknown:
        raise ValidationError({"needs": [f"Besoin inconnu : {', '.join(unknown)}."]})
    return [term for term in terms.values() if term is not None]


def create_service(
    session: Session,
    organisation: Organisation,
    data: dict[str, Any],
    *,
    actor_id: int | None,
    origin: ChangeOrigin,
    places: Iterable[Place] = (),
    flush: bool = True,
) -> Service:
    """Validate and add a service, recording its creation in the history."""
    values = SERVICE_INPUT.load(data)
    needs = _needs(session, values.pop("needs"))
    service = Service(organisation=organisation, needs=needs, places=list(places), **values)
    session.add(service)
    snapshot = {name: [None, _plain(value)] for name, value in service_values(service).items()}
    session.add(
        ServiceChange(
            service=service,
            actor_id=actor_id,
            origin=str(origin),
            action="create",
            version=1,
            changes=snapshot,
        )
    )
    if flush:
        session.flush()
    return service


def _record(
    session: Session,
    service: Service,
    actor_id: int | None,
    origin: ChangeOrigin,
    action: str,
    changes: dict[str, Any],
) -> ServiceChange:
    entry = ServiceChange(
        service_id=service.id,
        actor_id=actor_id,
        origin=str(origin),
        action=action,
        version=service.version,
        changes=changes,
    )
    session.add(entry)
    session.flush()
    return entry


def update_service(
    session: Session,
    service: Service,
    changes: dict[str, Any],
    *,
    actor_id: int | None,
    origin: ChangeOrigin,
    expected_version: int | None = None,
) -> ServiceChange | None:
    """Validate changes against the whole service, apply them and record old → new values.

    Raises `StaleVersionError` when `expected_version` is not the stored version, and
    marshmallow's `ValidationError` for a bad value; nothing is changed in either case.
    """
    if expected_version is not None and expected_version != service.version:
        raise StaleVersionError(service, expected_version)
    current = service_values(service)
    merged = ServiceInput(known_needs=need_codes(session)).load(
        {**_serialisable(current), **changes}
    )
    diff = {
        name: [_plain(current[name]), _plain(value)]
        for name, value in merged.items()
        if _plain(current.get(name)) != _plain(value)
    }
    if not diff:
        return None
    for name, (_, _new) in diff.items():
        if name == "needs":
            service.needs = _needs(session, merged["needs"])
        else:
            setattr(service, name, merged[name])
    session.flush()
    return _record(session, service, actor_id, origin, "update", diff)


def _serialisable(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _plain(value) for name, value in values.items() if value is not None}


def update_place(
    session: Session,
    place: Place,
    data: dict[str, Any],
    *,
    actor_id: int | None,
    origin: ChangeOrigin,
) -> dict[str, list[Any]]:
    """Validate and apply a place's changes; record them in each of its services' history.

    Only the fields given change; the entries carry `place.<field>` keys, so that a service's
    history shows where it moved.
    """
    loaded = PLACE_INPUT.load(data)
    diff = {
        name: [_plain(getattr(place, name)), _plain(value)]
        for name, value in loaded.items()
        if name in data and _plain(getattr(place, name)) != _plain(value)
    }
    for name in diff:
        setattr(place, name, loaded[name])
    session.flush()
    if diff:
        changes = {f"place.{name}": values for name, values in diff.items()}
        for service in place.services:
            _record(session, service, actor_id, origin, "place", changes)
    return diff


def set_service_places(session: Session, service: Service, places: Iterable[Place]) -> None:
    """Replace the places where a service is delivered."""
    service.places = list(places)
    session.flush()


def hand_edited_fields(session: Session, service: Service) -> set[str]:
    """Return the fields a partner or a coordinator changed by hand since creation."""
    entries = session.scalars(
        select(ServiceChange).where(
            ServiceChange.service_id == service.id,
            ServiceChange.action == "update",
            ServiceChange.origin.in_([ChangeOrigin.PARTNER, ChangeOrigin.COORDINATOR]),
        )
    )
    return {name for entry in entries for name in entry.changes}


def service_history(session: Session, service: Service) -> list[ServiceChange]:
    """Return a service's history, newest first."""
    return list(
        session.scalars(
            select(ServiceChange)
            .where(ServiceChange.service_id == service.id)
            .order_by(ServiceChange.at.desc(), ServiceChange.id.desc())
        )
    )
