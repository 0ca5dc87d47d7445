"""Partner self-service: edits through the catalogue's services, moderation, error reports.

These functions flush; the request or the CLI command commits once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import ColumnElement, Date, func, select
from sqlalchemy.orm import Session

from catalogue import geocoding
from catalogue import services as catalogue_services
from catalogue.models import (
    Capacity,
    ChangeOrigin,
    Commune,
    Organisation,
    Place,
    Service,
    ServiceChange,
    ServiceStatus,
)
from referral.accounts.models import Role, User
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.partners.models import ErrorReport, ReportStatus
from referral.programmes.models import Programme

# Fields only a coordinator (or an import) sets: a partner cannot publish its own entry.
MODERATED_FIELDS = ("status", "suspended_until", "source", "source_id")


class PartnerError(ValueError):
    """A self-service action was refused; the message is one French sentence for a person."""


def origin_of(user: User) -> ChangeOrigin:
    """Return through what a user's changes come (coordinator or partner)."""
    return ChangeOrigin.COORDINATOR if user.has_role(Role.COORDINATOR) else ChangeOrigin.PARTNER


def service_by_uid(session: Session, uid: uuid.UUID) -> Service | None:
    """Return a service of any status by its public id."""
    return session.scalar(select(Service).where(Service.uid == uid))


def place_by_uid(session: Session, uid: uuid.UUID) -> Place | None:
    """Return a place by its public id."""
    return session.scalar(select(Place).where(Place.uid == uid))


def organisation_services(session: Session, organisation_id: int) -> list[Service]:
    """Return an organisation's services of every status, by name."""
    return list(
        session.scalars(
            select(Service).where(Service.organisation_id == organisation_id).order_by(Service.name)
        )
    )


def organisation_places(session: Session, organisation_id: int) -> list[Place]:
    """Return an organisation's places, by name and address."""
    return list(
        session.scalars(
            select(Place)
            .where(Place.organisation_id == organisation_id)
            .order_by(Place.name, Place.address)
        )
    )


def create_service(
    session: Session,
    user: User,
    organisation: Organisation,
    data: dict[str, Any],
    places: list[Place],
    *,
    moderation: bool,
) -> Service:
    """Create a service for the user's organisation: pending until published when moderated."""
    values = {key: value for key, value in data.items() if key not in MODERATED_FIELDS}
    values["status"] = str(ServiceStatus.PENDING if moderation else ServiceStatus.ACTIVE)
    values["last_verified_on"] = dt.date.today().isoformat()
    return catalogue_services.create_service(
        session, organisation, values, actor_id=user.id, origin=origin_of(user), places=places
    )


def moderation_required(session: Session, places: list[Place], default: bool) -> bool:
    """Tell whether a partner's new service waits for a coordinator's publication.

    The programmes whose territory holds one of its places decide (one that asks for moderation
    is enough); a service placed in no programme's territory follows the deployment's setting.
    """
    codes = {place.commune_insee for place in places if place.commune_insee}
    if not codes:
        return default
    epcis = set(session.scalars(select(Commune.epci_siren).where(Commune.insee_code.in_(codes))))
    deciding = [
        programme
        for programme in session.scalars(select(Programme))
        if codes & set(programme.territory_communes or ()) or programme.territory_epci in epcis
    ]
    return any(p.moderation_required for p in deciding) if deciding else default


def set_moderation(session: Session, user: User, programme: Programme, required: bool) -> None:
    """Turn the moderation of partners' new services on or off for a programme (audited)."""
    programme.moderation_required = required
    record(
        session, actor_id=user.id, action="programme.moderation", category=AuditCategory.CATALOGUE,
        target_type="programme", target_id=programme.uid, details={"required": required},
    )  # fmt: skip


def edit_service(
    session: Session,
    user: User,
    service: Service,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
) -> ServiceChange | None:
    """Apply a partner's or coordinator's edit; the entry counts as verified today."""
    values = {key: value for key, value in changes.items() if key not in MODERATED_FIELDS}
    values["last_verified_on"] = dt.date.today().isoformat()
    return catalogue_services.update_service(
        session,
        service,
        values,
        actor_id=user.id,
        origin=origin_of(user),
        expected_version=expected_version,
    )


def set_capacity(
    session: Session, user: User, service: Service, capacity: str, waitlist_weeks: int | None
) -> ServiceChange | None:
    """Change whether the service takes people now (one click from the dashboard)."""
    if capacity not in {each.value for each in Capacity}:
        raise PartnerError("Disponibilité inconnue.")
    weeks = waitlist_weeks if capacity == Capacity.WAITLIST else None
    return _change(session, user, service, {"capacity": capacity, "waitlist_weeks": weeks})


def confirm_up_to_date(session: Session, user: User, service: Service) -> ServiceChange | None:
    """Record that the partner checked the entry today."""
    return _change(session, user, service, {"last_verified_on": dt.date.today().isoformat()})


def suspend(session: Session, user: User, service: Service, until: dt.date) -> ServiceChange | None:
    """Suspend an active service until a date (it is active again the day after)."""
    if until <= dt.date.today():
        raise PartnerError("La date de fin de suspension doit être dans le futur.")
    if service.status not in (ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED):
        raise PartnerError("Seul un service actif peut être suspendu.")
    changes = {"status": str(ServiceStatus.SUSPENDED), "suspended_until": until.isoformat()}
    return _change(session, user, service, changes)


def resume(session: Session, user: User, service: Service) -> ServiceChange | None:
    """End a suspension now."""
    if service.status != ServiceStatus.SUSPENDED:
        raise PartnerError("Ce service n'est pas suspendu.")
    return _change(
        session, user, service, {"status": str(ServiceStatus.ACTIVE), "suspended_until": None}
    )


def close(session: Session, user: User, service: Service) -> ServiceChange | None:
    """Close a service for good (it stays in the history and in exports as closed)."""
    return _change(
        session, user, service, {"status": str(ServiceStatus.CLOSED), "suspended_until": None}
    )


def publish(session: Session, coordinator: User, service: Service) -> ServiceChange | None:
    """Publish a pending entry after moderation."""
    if service.status != ServiceStatus.PENDING:
        raise PartnerError("Ce service n'est pas en attente de validation.")
    return _change(session, coordinator, service, {"status": str(ServiceStatus.ACTIVE)})


def _change(
    session: Session, user: User, service: Service, changes: dict[str, Any]
) -> ServiceChange | None:
    return catalogue_services.update_service(
        session, service, changes, actor_id=user.id, origin=origin_of(user)
    )


def changes_since(session: Session, service: Service, version: int) -> list[ServiceChange]:
    """Return the history entries written after a version, oldest first (conflict page)."""
    return list(
        session.scalars(
            select(ServiceChange)
            .where(ServiceChange.service_id == service.id, ServiceChange.version > version)
            .order_by(ServiceChange.id)
        )
    )


def locate_place(
    session: Session, data: dict[str, Any], geocoder: geocoding.Geocoder, now: dt.datetime
) -> str | None:
    """Fill a place's missing point and commune from its address; return the precision used."""
    if data.get("latitude") is not None or not (data.get("address") or "").strip():
        return None
    query = " ".join(part for part in (data["address"], data.get("postcode") or "") if part)
    found = geocoding.geocode(session, query, geocoder, now=now)
    if found is None:
        return None
    data["latitude"], data["longitude"] = found.latitude, found.longitude
    data["commune_insee"] = data.get("commune_insee") or found.commune_insee
    return found.precision


def save_place(
    session: Session,
    user: User,
    organisation: Organisation,
    data: dict[str, Any],
    place: Place | None = None,
) -> Place:
    """Validate and create, or update (recorded in its services' history), a place."""
    if place is None:
        return catalogue_services.create_place(session, organisation, data)
    catalogue_services.update_place(session, place, data, actor_id=user.id, origin=origin_of(user))
    return place


def moderation_queue(session: Session) -> list[Service]:
    """Return the entries awaiting moderation, oldest first."""
    return list(
        session.scalars(
            select(Service)
            .where(Service.status == ServiceStatus.PENDING)
            .order_by(Service.created_at)
        )
    )


def stale_services(
    session: Session, day: dt.date, organisation_id: int | None = None, limit: int | None = None
) -> list[Service]:
    """Return the live entries whose last check is older than their update frequency."""
    query = select(Service).where(
        Service.status.in_([ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED]),
        Service.last_verified_on.is_(None) | (_due_on(session) < day),
    )
    if organisation_id is not None:
        query = query.where(Service.organisation_id == organisation_id)
    query = query.order_by(Service.last_verified_on.is_not(None), Service.last_verified_on)
    return list(session.scalars(query.limit(limit)))


def _due_on(session: Session) -> ColumnElement[Any]:
    """The date a service is due for a check, computed by the database (one per dialect)."""
    if session.get_bind().dialect.name == "postgresql":
        return Service.last_verified_on + Service.update_frequency_days
    return func.date(
        Service.last_verified_on,
        func.printf("+%d days", Service.update_frequency_days),
        type_=Date,  # so that the compared day is bound as SQLite's date text
    )


def report_error(session: Session, reporter: User, service: Service, message: str) -> ErrorReport:
    """Record an error report on an entry; it stays open until someone closes it."""
    text = message.strip()
    if len(text) < 5:
        raise PartnerError("Décrivez l'erreur en quelques mots (5 caractères au moins).")
    report = ErrorReport(service=service, reporter_id=reporter.id, message=text[:5000])
    session.add(report)
    session.flush()
    return report


def close_report(session: Session, user: User, report: ErrorReport, resolution: str) -> None:
    """Close an error report with what was done."""
    if report.status == ReportStatus.CLOSED:
        raise PartnerError("Ce signalement est déjà clos.")
    report.status = str(ReportStatus.CLOSED)
    report.closed_at = dt.datetime.now(dt.UTC)
    report.closed_by_id = user.id
    report.resolution = resolution.strip()[:5000]
    session.flush()


def report_by_uid(session: Session, uid: uuid.UUID) -> ErrorReport | None:
    """Return an error report by its public id."""
    return session.scalar(select(ErrorReport).where(ErrorReport.uid == uid))


def open_reports(session: Session, organisation_id: int | None = None) -> list[ErrorReport]:
    """Return the open error reports, of one organisation or all, oldest first."""
    query = (
        select(ErrorReport)
        .join(Service, Service.id == ErrorReport.service_id)
        .where(ErrorReport.status == ReportStatus.OPEN)
        .order_by(ErrorReport.created_at)
    )
    if organisation_id is not None:
        query = query.where(Service.organisation_id == organisation_id)
    return list(session.scalars(query))


def partner_addresses(session: Session, organisation: Organisation) -> list[str]:
    """Return where to write to an organisation: its active partner accounts, else its e-mail."""
    users = session.scalars(
        select(User).where(User.organisation_id == organisation.id, User.active.is_(True))
    )
    addresses = sorted(user.email for user in users if user.is_partner)
    return addresses or ([organisation.email] if organisation.email else [])


def coordinator_addresses(session: Session) -> list[str]:
    """Return the e-mail addresses of the active coordinators."""
    users = session.scalars(select(User).where(User.active.is_(True)))
    return sorted(user.email for user in users if user.has_role(Role.COORDINATOR))
