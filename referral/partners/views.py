"""Partner pages (thin: check the object is theirs, call one service, render)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from flask import current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError

from catalogue import taxonomy
from catalogue.models import Place, Service
from catalogue.services import StaleVersionError, service_history, set_service_places
from referral import database, permissions
from referral.accounts.decorators import not_found_unless, permission_required, role_required
from referral.accounts.models import User
from referral.partners import services
from referral.partners.forms import CODE_LIST_FIELDS, service_values, version_of

partner_only = role_required("partner", "partner_admin")
editor_only = permission_required(permissions.can_use_partner_space)


def _own_service(uid: uuid.UUID) -> Service:
    found = services.service_by_uid(database.session(), uid)
    not_found_unless(found is not None and permissions.can_manage_service(current_user, found))
    assert found is not None
    return found


@partner_only
def dashboard() -> ResponseReturnValue:
    """Show the organisation's services: status, capacity, freshness, open error reports."""
    db = database.session()
    organisation_id = current_user.organisation_id
    today = dt.date.today()
    return render_template(
        "partners/dashboard.html",
        services=services.organisation_services(db, organisation_id),
        overdue=services.stale_services(db, today, organisation_id),
        places=services.organisation_places(db, organisation_id),
        reports=services.open_reports(db, organisation_id),
        today=today,
    )


def _form_page(
    service: Service | None, values: dict, errors: dict, status: int = 200
) -> ResponseReturnValue:
    db = database.session()
    organisation_id = service.organisation_id if service else current_user.organisation_id
    return render_template(
        "partners/service_form.html",
        service=service,
        values=values,
        errors=errors,
        domains=taxonomy.list_domains(db),
        places=services.organisation_places(db, organisation_id),
        today=dt.date.today(),
    ), status


@partner_only
def new_service() -> ResponseReturnValue:
    """Create a service of one's organisation (pending until a coordinator publishes it)."""
    if request.method == "GET":
        return _form_page(None, {"update_frequency_days": 180, "place_uids": []}, {})
    db = database.session()
    places = _chosen_places(current_user.organisation_id)
    try:
        service = services.create_service(
            db,
            current_user,
            current_user.organisation,
            service_values(request.form),
            places,
            moderation=services.moderation_required(
                db, places, current_app.config["MODERATION_REQUIRED"]
            ),
        )
    except ValidationError as error:
        return _form_page(None, _redisplay(), _messages(error), 400)
    flash(
        "Service créé. "
        + (
            "Il sera visible après validation par la coordination."
            if service.status == "pending"
            else "Il est visible."
        ),
        "success",
    )
    return redirect(url_for("partners.dashboard"))


@editor_only
def edit_service(uid: uuid.UUID) -> ResponseReturnValue:
    """Edit a service; a form posted on a stale version shows what changed and saves nothing."""
    service = _own_service(uid)
    if request.method == "GET":
        return _form_page(service, _current(service), {})
    db = database.session()
    try:
        services.edit_service(
            db,
            current_user,
            service,
            service_values(request.form),
            expected_version=version_of(request.form),
        )
    except StaleVersionError as stale:
        return _conflict(service, stale.expected)
    except ValidationError as error:
        return _form_page(service, _redisplay(), _messages(error), 400)
    set_service_places(db, service, _chosen_places(service.organisation_id))
    flash("Modifications enregistrées.", "success")
    return redirect(url_for("partners.dashboard"))


def _conflict(service: Service, expected: int) -> ResponseReturnValue:
    db = database.session()
    changes = services.changes_since(db, service, expected)
    return render_template(
        "partners/conflict.html",
        service=service,
        changes=changes,
        actors=_actors(changes),
        submitted=service_values(request.form),
    ), 409


def _current(service: Service) -> dict:
    from catalogue.services import service_values as stored_values

    values = stored_values(service)
    values["place_uids"] = [str(place.uid) for place in service.places]
    return _joined(values)


def _redisplay() -> dict:
    values = service_values(request.form)
    values["place_uids"] = request.form.getlist("places")
    return _joined(values)


def _joined(values: dict) -> dict:
    """Show code lists as the comma-separated text the form takes."""
    return {
        name: ", ".join(value) if name in CODE_LIST_FIELDS else value
        for name, value in values.items()
    }


def _messages(error: ValidationError) -> dict:
    return error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}


def _chosen_places(organisation_id: int) -> list[Place]:
    wanted = set(request.form.getlist("places"))
    return [
        p
        for p in services.organisation_places(database.session(), organisation_id)
        if str(p.uid) in wanted
    ]


@editor_only
def set_capacity(uid: uuid.UUID) -> ResponseReturnValue:
    """Change a service's capacity in one click."""
    service = _own_service(uid)
    weeks = request.form.get("waitlist_weeks", "")
    capacity = request.form.get("capacity", "")
    delay = int(weeks) if weeks.isdigit() else service.waitlist_weeks
    try:
        services.set_capacity(database.session(), current_user, service, capacity, delay)
    except (services.PartnerError, ValidationError) as error:
        flash(
            str(error) if isinstance(error, services.PartnerError) else "Valeur refusée.", "error"
        )
    else:
        flash(f"Disponibilité de « {service.name} » mise à jour.", "success")
    return redirect(url_for("partners.dashboard"))


@editor_only
def verify(uid: uuid.UUID) -> ResponseReturnValue:
    """Record that the entry was checked today."""
    service = _own_service(uid)
    _apply(services.confirm_up_to_date, service, f"« {service.name} » est marqué à jour.")
    return redirect(url_for("partners.dashboard"))


@editor_only
def suspend(uid: uuid.UUID) -> ResponseReturnValue:
    """Suspend a service until a date."""
    service = _own_service(uid)
    try:
        until = dt.date.fromisoformat(request.form.get("until", ""))
        services.suspend(database.session(), current_user, service, until)
    except (ValueError, services.PartnerError) as error:
        message = (
            str(error) if isinstance(error, services.PartnerError) else "Date de fin invalide."
        )
        flash(message, "error")
        return redirect(url_for("partners.edit_service", uid=uid))
    flash(f"« {service.name} » est suspendu jusqu'au {until:%d/%m/%Y}.", "success")
    return redirect(url_for("partners.dashboard"))


@editor_only
def resume(uid: uuid.UUID) -> ResponseReturnValue:
    """End a suspension now."""
    service = _own_service(uid)
    _apply(services.resume, service, f"« {service.name} » est de nouveau actif.")
    return redirect(url_for("partners.dashboard"))


@editor_only
def close(uid: uuid.UUID) -> ResponseReturnValue:
    """Close a service for good."""
    service = _own_service(uid)
    _apply(services.close, service, f"« {service.name} » est fermé.")
    return redirect(url_for("partners.dashboard"))


def _apply(action: Callable[..., object], service: Service, message: str) -> None:
    try:
        action(database.session(), current_user, service)
    except services.PartnerError as error:
        flash(str(error), "error")
    except ValidationError as error:
        flash(
            f"La fiche contient une valeur refusée : {error.messages}. Corrigez-la d'abord.",
            "error",
        )
    else:
        flash(message, "success")


@permission_required(permissions.can_read_service_histories)
def history(uid: uuid.UUID) -> ResponseReturnValue:
    """Show a service's history: who, when, through what, which fields, old → new."""
    db = database.session()
    found = services.service_by_uid(db, uid)
    not_found_unless(
        found is not None and permissions.can_view_service_history(current_user, found)
    )
    assert found is not None
    entries = service_history(db, found)
    return render_template(
        "partners/history.html", service=found, entries=entries, actors=_actors(entries)
    )


def _actors(entries: list) -> dict[int, User]:
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    db = database.session()
    return {user.id: user for user in (db.get(User, each) for each in ids) if user is not None}
