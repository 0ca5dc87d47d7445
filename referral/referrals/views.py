"""The référent's pages: a child's referrals and their history, one referral, the family sheet."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from catalogue.models import Service
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.labels import LABELS
from referral.pathways.models import Need, Pathway
from referral.referrals import notify, queries
from referral.referrals.actions import Refusal, act, conflict_page, error_message
from referral.referrals.forms import CreateForm, SendForm, TransitionForm
from referral.referrals.machine import TRANSITIONS, ActorKind
from referral.referrals.models import Notification, Referral, ReferralContext
from referral.referrals.payload import build_payload, consent_for
from referral.referrals.sending import send_with_consent
from referral.referrals.services import (
    TrackingError,
    actor_for,
    allowed_targets,
    create_referral,
    record_read,
    team_actor,
    waiting_on,
)

team = permission_required(permissions.can_follow_referrals)


def _pathway(uid: uuid.UUID) -> Pathway:
    found = database.session().scalar(select(Pathway).where(Pathway.uid == uid))
    if found is None or not permissions.can_view_pathway(current_user, found, dt.date.today()):
        abort(404)
    return found


def _referral(uid: uuid.UUID) -> Referral:
    found = database.session().scalar(select(Referral).where(Referral.uid == uid))
    if found is None or not permissions.can_view_pathway(
        current_user, found.pathway, dt.date.today()
    ):
        abort(404)
    return found


@team
def pathway_referrals(uid: uuid.UUID) -> ResponseReturnValue:
    """List a child's referrals, their history and on whom each one waits."""
    pathway = _pathway(uid)
    return render_template(
        "referrals/pathway.html",
        pathway=pathway,
        waiting_on=waiting_on,
        referrals=queries.referrals_of(database.session(), pathway),
        contexts=list(ReferralContext),
        prefill=request.args,
        can_edit=permissions.can_edit_pathway(current_user, pathway, dt.date.today()),
    )


@team
def create(uid: uuid.UUID) -> ResponseReturnValue:
    """Create a draft referral of one of the child's needs to one service."""
    pathway = _pathway(uid)
    session, form = database.session(), CreateForm()
    if not form.validate():
        return error_message(TrackingError("Choisissez un besoin et un service.", form.errors)), 422
    need = session.scalar(
        select(Need).where(Need.uid == form.uid("need"), Need.pathway_id == pathway.id)
    )
    service = session.scalar(select(Service).where(Service.uid == form.uid("service")))
    if need is None or service is None:
        return error_message(TrackingError("Choisissez un besoin et un service.")), 422
    previous = session.scalar(
        select(Referral).where(
            Referral.uid == form.uid("previous"), Referral.pathway_id == pathway.id
        )
    )
    if not permissions.can_edit_pathway(current_user, pathway, dt.date.today()):
        abort(403)
    try:
        referral = create_referral(
            session,
            need=need,
            service=service,
            actor=team_actor(current_user),
            context=form.context.data or ReferralContext.CONSTRUCTION,
            family_message=form.family_message.data or "",
            previous=previous,
        )
    except TrackingError as error:
        return error_message(error), 422
    flash("Orientation créée (brouillon).", "success")
    return redirect(url_for("referrals.referral", uid=referral.uid))


def _referral_page(found: Referral, refusal: Refusal | None = None) -> str:
    """Render the referral page, with a refused action's messages beside its form."""
    actor = actor_for(current_user, found, dt.date.today())
    record_read(database.session(), found, actor.user_id, "web")
    targets = allowed_targets(found, actor)
    rules = [t for t in TRANSITIONS if t.source == found.state and str(t.target) in targets]
    consent = None
    if found.state in ONE_STEP_FROM and ActorKind.PARTNER not in actor.kinds:
        today = dt.date.today()
        payload = build_payload(found, today)
        consent = consent_for(database.session(), found.pathway_id, found.service, payload, today)
    return render_template(
        "referrals/referral.html",
        referral=found,
        consent=consent,
        send_form=SendForm(message=found.family_message),
        can_edit=permissions.can_edit_pathway(current_user, found.pathway, dt.date.today()),
        rules=rules,
        waiting_on=waiting_on(found),
        on_behalf=ActorKind.PARTNER not in actor.kinds,
        reasons=LABELS["decline_reason"],
        refusal=refusal,
    )


@team
def referral(uid: uuid.UUID) -> ResponseReturnValue:
    """Show one referral: payload sent, history, and the actions this person may take."""
    return _referral_page(_referral(uid))


@team
def transition(uid: uuid.UUID) -> ResponseReturnValue:
    """Apply one transition chosen on the referral page."""
    found = _referral(uid)
    channel = TransitionForm().channel.data or "web"
    channel = channel if channel in ("phone", "in_person") else "web"
    refusal = act(found, actor_for(current_user, found, dt.date.today(), channel))
    if refusal is None:
        return redirect(url_for("referrals.referral", uid=uid))
    return conflict_page(refusal) if refusal.conflict else (_referral_page(found, refusal), 422)


ONE_STEP_FROM = ("draft", "proposed", "family_agreed")


@team
def send_now(uid: uuid.UUID) -> ResponseReturnValue:
    """Send a draft in one confirmed action when the family's consent is on file."""
    found = _referral(uid)
    form = SendForm()
    if not permissions.can_edit_pathway(current_user, found.pathway, dt.date.today()):
        abort(403)
    if not form.validate():
        return _referral_page(found), 422
    try:
        send_with_consent(
            database.session(), found, team_actor(current_user), message=form.message.data or ""
        )
    except TrackingError as error:
        return _referral_page(found, Refusal("sent", str(error), error.errors)), 422
    flash(f"Orientation envoyée à « {found.service.name} ».", "success")
    if notify.mail_failed():
        flash(notify.MAIL_FAILED, "error")
    return redirect(url_for("referrals.referral", uid=uid))


@team
def resend_link(uid: uuid.UUID) -> ResponseReturnValue:
    """E-mail a fresh signed link to the service's referral contact (renewal)."""
    found = _referral(uid)
    if found.sent_at is None or not permissions.can_follow_referral(
        current_user, found, dt.date.today()
    ):
        abort(403)
    sent = notify.mail_partner(found, renew=True)
    if notify.mail_failed():
        flash(notify.MAIL_FAILED, "error")
    else:
        flash(
            "Nouveau lien envoyé au service."
            if sent
            else "Le service n'a pas d'adresse d'orientation : transmettez par téléphone.",
            "success" if sent else "error",
        )
    return redirect(url_for("referrals.referral", uid=uid))


@team
def family_sheet(uid: uuid.UUID) -> ResponseReturnValue:
    """Print a plain-French sheet for the family: where, when, what to bring, whom to call."""
    found = _referral(uid)
    return render_template(
        "referrals/family_sheet.html", referral=found, places=found.service.public_places
    )


@team
def notifications() -> ResponseReturnValue:
    """List the signed-in person's notices, newest first."""
    session = database.session()
    notices = session.scalars(
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.id.desc())
        .limit(100)
    )
    return render_template(
        "referrals/notifications.html",
        notices=list(notices),
        waiting_on=waiting_on,
        open_referrals=queries.open_referrals_for(session, current_user, dt.date.today()),
        can_review_exits=permissions.can_review_exits(current_user),
    )


@team
def notifications_read() -> ResponseReturnValue:
    """Mark every notice of the signed-in person as read."""
    queries.mark_read(database.session(), current_user)
    return redirect(url_for("referrals.notifications"))
