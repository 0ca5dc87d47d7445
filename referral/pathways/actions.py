"""Pathway form actions: needs, lifecycle, journal, consent, danger report, transfer, delegation.

Each posted form is read by its Flask-WTF form; a refused input shows the page again (400), the
input kept and the message beside its field.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from referral import database, permissions
from referral.pathways import queries, services
from referral.pathways.forms import (
    ConsentForm,
    ContactForm,
    DangerReportForm,
    DelegationForm,
    NeedStatusForm,
    PathwayTransitionForm,
    TransferForm,
    need_form,
)
from referral.pathways.views import (
    _back,
    _colleagues,
    _referents_of,
    _services,
    _visible,
    caseload_page,
    consent_page,
    members,
    show_page,
)


@members
def delegate() -> ResponseReturnValue:
    """Lend my caseload to a colleague for a period (both days included)."""
    if not current_user.has_role("referent"):
        abort(403)
    colleagues = _referents_of(current_user.programme_id, exclude=current_user.id)
    form = DelegationForm().offer(colleagues)
    if not form.validate():
        return caseload_page(form), 400
    services.delegate_caseload(
        database.session(), from_user_id=current_user.id, to_user_id=form.colleague().id,
        starts_on=form.starts_on.day, ends_on=form.ends_on.day,
    )  # fmt: skip
    flash("Délégation enregistrée.", "success")
    return redirect(url_for("pathways.caseload"))


@members
def add_need(uid: uuid.UUID) -> ResponseReturnValue:
    """Add a need from the taxonomy; a refusal shows the page again, the input kept."""
    pathway = _visible(uid, edit=True)
    form = need_form(queries.taxonomy(database.session()))
    if not form.validate():
        # The page itself, not a redirect to #besoins: the summary at the top is seen first.
        return show_page(pathway, need_form=form), 400
    services.add_need(
        database.session(), pathway, need_code=form.need_code(), actor_id=current_user.id,
        concerns=form.concerns.data, origin=form.origin.data, priority=form.priority.data,
    )  # fmt: skip
    flash("Besoin ajouté.", "success")
    return _back(pathway, "besoins")


@members
def set_need_status(uid: uuid.UUID, need_uid: uuid.UUID) -> ResponseReturnValue:
    """Mark where a need stands, with an optional written justification."""
    pathway = _visible(uid, edit=True)
    need = next((n for n in pathway.needs if n.uid == need_uid), None)
    if need is None:
        abort(404)
    form = NeedStatusForm()
    if not form.validate():
        abort(400)  # a list of statuses: only a forged request sends another
    services.set_need_status(
        database.session(), need, form.status.data, actor_id=current_user.id,
        justification=form.justification.data or None,
    )  # fmt: skip
    flash("Besoin mis à jour.", "success")
    return _back(pathway, "besoins")


@members
def transition(uid: uuid.UUID) -> ResponseReturnValue:
    """Move the pathway along its lifecycle."""
    pathway = _visible(uid, edit=True)
    form = PathwayTransitionForm()
    if not form.validate():
        return show_page(pathway, step_form=form), 400
    try:
        services.transition(
            database.session(), pathway,
            from_state=form.from_state.data or "", to_state=form.to_state.data or "",
            actor_id=current_user.id, note=form.note.data or "",
            exit_reason=form.exit_reason.data or None,
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
    form = ContactForm()
    if not form.validate():
        return show_page(pathway, contact_form=form), 400
    services.add_contact(
        database.session(), pathway, on=form.on.day, kind=form.kind.data,
        note=form.note.data or "", actor_id=current_user.id,
    )  # fmt: skip
    flash("Contact ajouté au journal.", "success")
    return _back(pathway, "journal")


@members
def record_consent(uid: uuid.UUID) -> ResponseReturnValue:
    """Record the signed consent: who, when, which services and information."""
    pathway = _visible(uid, edit=True)
    form = ConsentForm()
    form.found = _services(form.service_uids())
    if not form.validate():
        return consent_page(pathway, form, form.items()), 400
    services.record_consent(
        database.session(), pathway, given_by=form.given_by.data, given_on=form.given_on.day,
        information=form.items(), actor_id=current_user.id, services=form.found,
    )  # fmt: skip
    flash("Accord de la famille enregistré.", "success")
    return _back(pathway, "accords")


@members
def danger_report(uid: uuid.UUID) -> ResponseReturnValue:
    """Record only that an information préoccupante was transmitted (never its content)."""
    pathway = _visible(uid, edit=True)
    form = DangerReportForm()
    if not form.validate():
        return show_page(pathway, danger_form=form), 400
    services.record_danger_report(
        database.session(), pathway, transmitted_on=form.transmitted_on.day,
        recipient=form.recipient.data, actor_id=current_user.id,
    )  # fmt: skip
    flash("Transmission enregistrée (son contenu n'est pas conservé dans Relais).", "success")
    return _back(pathway, "danger")


@members
def transfer(uid: uuid.UUID) -> ResponseReturnValue:
    """Hand the pathway to another référent (coordinators only)."""
    pathway = _visible(uid)
    if not permissions.can_transfer_pathway(current_user, pathway):
        abort(403)
    target = TransferForm().offer(_colleagues(pathway)).chosen()
    if target is None:
        flash("Choisissez un référent du programme.", "error")  # a list: only a forged request
        return _back(pathway)
    services.transfer_pathway(
        database.session(), pathway, to_referent_id=target.id, actor_id=current_user.id
    )
    flash("Parcours confié à un autre référent.", "success")
    return _back(pathway)
