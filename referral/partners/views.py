"""Partner pages (thin: check the object is theirs, call one service, render)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from catalogue import taxonomy
from catalogue.models import Place, Service
from catalogue.services import StaleVersionError, service_history, set_service_places
from referral import database, permissions
from referral.accounts.decorators import not_found_unless, permission_required, role_required
from referral.accounts.models import User
from referral.partners import services
from referral.partners.area_field import suggestions
from referral.partners.forms import (
    AreaQueryForm,
    CapacityForm,
    ServiceForm,
    SuspendForm,
    stored_formdata,
)

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


#: Where the catalogue schema's messages go in the form (area codes are picked by name).
SCHEMA_TO_FORM = {
    "area_communes": "area",
    "area_epcis": "area",
    "area_departments": "area",
    "opening_hours": "hours",
}


def _service_form(service: Service | None, data: Any = None) -> ServiceForm:
    db = database.session()
    organisation_id = service.organisation_id if service else current_user.organisation_id
    form = ServiceForm(formdata=data) if data is not None else ServiceForm()
    form.set_choices(taxonomy.list_domains(db), services.organisation_places(db, organisation_id))
    return form


def _form_page(
    service: Service | None, form: ServiceForm, status: int = 200
) -> ResponseReturnValue:
    db = database.session()
    return render_template(
        "partners/service_form.html",
        service=service,
        form=form,
        domains=taxonomy.list_domains(db),
        today=dt.date.today(),
    ), status


def _schema_errors(form: ServiceForm, error: ValidationError) -> None:
    messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
    for name, texts in messages.items():
        target = SCHEMA_TO_FORM.get(name, name)
        listed = texts if isinstance(texts, list) else [str(texts)]
        field = form.hours.form.text if target == "hours" else form._fields.get(target)
        if field is not None:
            field.errors = [*field.errors, *map(str, listed)]
        else:
            form.form_errors.extend(map(str, listed))


@partner_only
def new_service() -> ResponseReturnValue:
    """Create a service of one's organisation (pending until a coordinator publishes it)."""
    if request.method == "GET":
        return _form_page(None, _service_form(None, MultiDict({"update_frequency_days": "180"})))
    db = database.session()
    form = _service_form(None)
    if not form.validate():
        return _form_page(None, form, 400)
    places = _chosen_places(current_user.organisation_id, form)
    try:
        service = services.create_service(
            db,
            current_user,
            current_user.organisation,
            form.values(),
            places,
            moderation=services.moderation_required(
                db, places, current_app.config["MODERATION_REQUIRED"]
            ),
        )
    except ValidationError as error:
        _schema_errors(form, error)
        return _form_page(None, form, 400)
    visible = "Il sera visible après validation par la coordination."
    flash(
        "Service créé. " + (visible if service.status == "pending" else "Il est visible."),
        "success",
    )
    return redirect(url_for("partners.dashboard"))


@editor_only
def edit_service(uid: uuid.UUID) -> ResponseReturnValue:
    """Edit a service; a form posted on a stale version shows what changed and saves nothing."""
    service = _own_service(uid)
    if request.method == "GET":
        return _form_page(service, _service_form(service, _current(service)))
    db = database.session()
    form = _service_form(service)
    if not form.validate():
        return _form_page(service, form, 400)
    try:
        services.edit_service(
            db, current_user, service, form.values(), expected_version=form.expected_version()
        )
    except StaleVersionError as stale:
        return _conflict(service, stale.expected, form)
    except ValidationError as error:
        _schema_errors(form, error)
        return _form_page(service, form, 400)
    set_service_places(db, service, _chosen_places(service.organisation_id, form))
    flash("Modifications enregistrées.", "success")
    return redirect(url_for("partners.dashboard"))


def _conflict(service: Service, expected: int, form: ServiceForm) -> ResponseReturnValue:
    db = database.session()
    changes = services.changes_since(db, service, expected)
    return render_template(
        "partners/conflict.html",
        service=service,
        changes=changes,
        actors=_actors(changes),
        submitted=form.values(),
    ), 409


def _current(service: Service) -> MultiDict[str, Any]:
    from catalogue.services import service_values as stored_values

    data = stored_formdata(stored_values(service), [str(place.uid) for place in service.places])
    data["version"] = str(service.version)
    return data


def _chosen_places(organisation_id: int, form: ServiceForm) -> list[Place]:
    wanted = set(form.places.data or [])
    return [
        p
        for p in services.organisation_places(database.session(), organisation_id)
        if str(p.uid) in wanted
    ]


@editor_only
def set_capacity(uid: uuid.UUID) -> ResponseReturnValue:
    """Change a service's capacity in one click."""
    service = _own_service(uid)
    form = CapacityForm()
    if not form.validate():
        flash("Valeur refusée : " + _first_error(form), "error")
        return redirect(url_for("partners.dashboard"))
    delay = form.waitlist_weeks.data
    try:
        services.set_capacity(
            database.session(),
            current_user,
            service,
            form.capacity.data or "",
            service.waitlist_weeks if delay is None else delay,
        )
    except (services.PartnerError, ValidationError) as error:
        flash(
            str(error) if isinstance(error, services.PartnerError) else "Valeur refusée.", "error"
        )
    else:
        flash(f"Disponibilité de « {service.name} » mise à jour.", "success")
    return redirect(url_for("partners.dashboard"))


def _first_error(form: FlaskForm) -> str:
    for name, messages in form.errors.items():
        if messages:
            return f"{form[name].label.text} : {messages[0]}"
    return "formulaire incomplet."


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
    form = SuspendForm()
    if not form.validate():
        flash(_first_error(form), "error")
        return redirect(url_for("partners.edit_service", uid=uid))
    until = form.until.data
    assert until is not None
    try:
        services.suspend(database.session(), current_user, service, until)
    except services.PartnerError as error:
        flash(str(error), "error")
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


@editor_only
def area_suggestions() -> ResponseReturnValue:
    """Propose the communes, intercommunalities and départements whose name starts as typed."""
    form = AreaQueryForm(request.args, meta={"csrf": False})
    text = form.q.data if form.validate() else ""
    return jsonify(suggestions(text or ""))
