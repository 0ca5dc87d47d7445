"""Pathway form actions: needs, lifecycle, journal, consent, danger report, transfer, delegation."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from referral import database, permissions
from referral.consents.models import SharedInformation
from referral.pathways import queries, services
from referral.pathways.models import NeedStatus
from referral.pathways.views import (
    _back,
    _colleagues,
    _referents_of,
    _services,
    _visible,
    members,
)


@members
def delegate() -> ResponseReturnValue:
    """Lend my caseload to a colleague for a period (both days included)."""
    if not current_user.has_role("referent"):
        abort(403)
    form = request.form
    colleague = next(
        (u for u in _referents_of(current_user.programme_id) if str(u.uid) == form.get("to")),
        None,
    )
    try:
        starts_on = dt.date.fromisoformat(form.get("starts_on", ""))
        ends_on = dt.date.fromisoformat(form.get("ends_on", ""))
        if colleague is None or colleague.id == current_user.id:
            raise ValueError
        services.delegate_caseload(
            database.session(), from_user_id=current_user.id, to_user_id=colleague.id,
            starts_on=starts_on, ends_on=ends_on,
        )  # fmt: skip
    except (ValueError, services.PathwayError):
        flash("Choisissez un collègue référent et une période valide.", "error")
        return redirect(url_for("pathways.caseload"))
    flash("Délégation enregistrée.", "success")
    return redirect(url_for("pathways.caseload"))


@members
def add_need(uid: uuid.UUID) -> ResponseReturnValue:
    """Add a need from the taxonomy (code or label typed with autocomplete)."""
    pathway = _visible(uid, edit=True)
    code = _need_code(request.form.get("need", ""))
    try:
        services.add_need(
            database.session(), pathway, need_code=code, actor_id=current_user.id,
            concerns=request.form.get("concerns", "child"),
            origin=request.form.get("origin", "referent"),
            priority=int(request.form.get("priority", "2") or 2),
        )  # fmt: skip
    except (services.PathwayError, ValueError):
        flash("Besoin inconnu : choisissez-le dans la liste proposée.", "error")
        return _back(pathway, "besoins")
    flash("Besoin ajouté.", "success")
    return _back(pathway, "besoins")


def _need_code(typed: str) -> str:
    """Accept a taxonomy code or its exact label (what the datalist fills in)."""
    typed = typed.strip()
    for term in queries.taxonomy(database.session()):
        if typed in (term.code, term.label):
            return term.code
    return typed


@members
def set_need_status(uid: uuid.UUID, need_uid: uuid.UUID) -> ResponseReturnValue:
    """Mark where a need stands, with an optional written justification."""
    pathway = _visible(uid, edit=True)
    need = next((n for n in pathway.needs if n.uid == need_uid), None)
    status = request.form.get("status", "")
    if need is None or status not in {str(s) for s in NeedStatus}:
        abort(404 if need is None else 400)
    justification = request.form.get("justification")
    services.set_need_status(
        database.session(), need, status, actor_id=current_user.id, justification=justification
    )
    flash("Besoin mis à jour.", "success")
    return _back(pathway, "besoins")


@members
def transition(uid: uuid.UUID) -> ResponseReturnValue:
    """Move the pathway along its lifecycle."""
    pathway = _visible(uid, edit=True)
    form = request.form
    try:
        services.transition(
            database.session(), pathway,
            from_state=form.get("from", ""), to_state=form.get("to", ""),
            actor_id=current_user.id, note=form.get("note", ""),
            exit_reason=form.get("exit_reason") or None,
        )  # fmt: skip
    except services.ExitBlocked as error:
        labels = ", ".join(need.term.label for need in error.needs)
        flash(f"{error} Besoins à traiter : {labels}.", "error")
        return _back(pathway, "etape")
    except services.PathwayError as error:
        flash(str(error), "error")
        return _back(pathway, "etape")
    flash("Étape du parcours enregistrée.", "success")
    return _back(pathway, "etape")


@members
def add_contact(uid: uuid.UUID) -> ResponseReturnValue:
    """Add an entry to the contact journal."""
    pathway = _visible(uid, edit=True)
    try:
        on = dt.date.fromisoformat(request.form.get("on", ""))
        services.add_contact(
            database.session(), pathway, on=on, kind=request.form.get("kind", ""),
            note=request.form.get("note", "").strip()[:2000], actor_id=current_user.id,
        )  # fmt: skip
    except (ValueError, services.PathwayError):
        flash("Indiquez une date et un type de contact valides.", "error")
        return _back(pathway, "journal")
    flash("Contact ajouté au journal.", "success")
    return _back(pathway, "journal")


@members
def record_consent(uid: uuid.UUID) -> ResponseReturnValue:
    """Record the signed consent: who, when, which services and information."""
    pathway = _visible(uid, edit=True)
    form = request.form
    chosen = _services(form.getlist("service"))
    items = [i for i in form.getlist("information") if i in {str(s) for s in SharedInformation}]
    try:
        given_on = dt.date.fromisoformat(form.get("given_on", ""))
    except ValueError:
        given_on = None
    if not chosen or not items or not form.get("given_by", "").strip() or given_on is None:
        flash("Indiquez qui a signé, la date, au moins un service et une information.", "error")
        return redirect(url_for("pathways.consent_form", uid=pathway.uid))
    services.record_consent(
        database.session(), pathway, given_by=form["given_by"].strip()[:200], given_on=given_on,
        information=items, actor_id=current_user.id, services=chosen,
    )  # fmt: skip
    flash("Accord de la famille enregistré.", "success")
    return _back(pathway, "accords")


@members
def danger_report(uid: uuid.UUID) -> ResponseReturnValue:
    """Record only that an information préoccupante was transmitted (never its content)."""
    pathway = _visible(uid, edit=True)
    try:
        on = dt.date.fromisoformat(request.form.get("transmitted_on", ""))
        services.record_danger_report(
            database.session(), pathway, transmitted_on=on,
            recipient=request.form.get("recipient", ""),
            actor_id=current_user.id,
        )  # fmt: skip
    except (ValueError, services.PathwayError):
        flash("Indiquez la date et le destinataire de la transmission.", "error")
        return _back(pathway, "danger")
    flash("Transmission enregistrée (son contenu n'est pas conservé dans Relais).", "success")
    return _back(pathway, "danger")


@members
def transfer(uid: uuid.UUID) -> ResponseReturnValue:
    """Hand the pathway to another référent (coordinators only)."""
    pathway = _visible(uid)
    if not permissions.can_transfer_pathway(current_user, pathway):
        abort(403)
    target = next(
        (u for u in _colleagues(pathway) if str(u.uid) == request.form.get("referent")), None
    )
    if target is None:
        flash("Choisissez un référent du programme.", "error")
        return _back(pathway)
    services.transfer_pathway(
        database.session(), pathway, to_referent_id=target.id, actor_id=current_user.id
    )
    flash("Parcours confié à un autre référent.", "success")
    return _back(pathway)
