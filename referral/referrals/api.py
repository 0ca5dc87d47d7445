"""Referral endpoints of the JSON API: create, read with events, transitions, partner list."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from typing import Any

from flask import Response, abort, jsonify
from flask_login import current_user
from sqlalchemy import select

from catalogue.models import Service
from referral import database, permissions
from referral.accounts.decorators import permission_required, role_required
from referral.api.blueprint import ApiBlueprint
from referral.pathways.models import Need
from referral.referrals import queries
from referral.referrals.models import Referral
from referral.referrals.payload import partner_view as partner_payload
from referral.referrals.schemas import (
    PartnerReferralOut,
    ReferralIn,
    ReferralOut,
    ReferralRefusalOut,
    ReferralTransitionIn,
    ReorientIn,
)
from referral.referrals.sending import send_with_consent
from referral.referrals.services import (
    ConflictError,
    ForbiddenTransition,
    TrackingError,
    actor_for,
    allowed_targets,
    create_referral,
    record_read,
    reorient,
    team_actor,
    transition,
    waiting_on,
)

blueprint = ApiBlueprint(
    "referrals", __name__, description="Orientations : création, suivi, réponses des partenaires."
)
PARTNER_VIEW = "Le partenaire destinataire ne reçoit que les champs de PartnerReferralOut."


def _common(referral: Referral) -> dict[str, Any]:
    allowed = allowed_targets(referral, actor_for(current_user, referral, dt.date.today(), "api"))
    return {
        "id": referral.uid,
        "service_id": referral.service.uid,
        "service_name": referral.service.name,
        "state": referral.state,
        "sent_at": referral.sent_at,
        "expected_on": referral.expected_on,
        "appointment_on": referral.appointment_on,
        "allowed": allowed,
        "payload": referral.payload,
    }


def _document(referral: Referral, partner_view: bool) -> dict[str, Any] | Response:
    """Return what `ReferralOut` dumps, or the partner's minimum, already dumped."""
    if partner_view:
        partner = {**_common(referral), "payload": partner_payload(referral)}
        return jsonify(PartnerReferralOut().dump(partner))
    return {
        **_common(referral),
        "pathway_id": referral.pathway.uid,
        "need_id": referral.need.uid,
        "previous_id": referral.previous.uid if referral.previous else None,
        "context": referral.context,
        "waiting_on": waiting_on(referral),
        "decline_reason": referral.decline_reason,
        "events": referral.events,
    }


def referral_in_url(view: Callable[..., Any]) -> Callable[..., Any]:
    """Give the view the referral named by `referral_id` and whether its partner reads it."""

    @functools.wraps(view)
    def load(*args: Any, referral_id: uuid.UUID, **kwargs: Any) -> Any:
        found = database.session().scalar(select(Referral).where(Referral.uid == referral_id))
        if found is not None:
            if permissions.can_view_pathway(current_user, found.pathway, dt.date.today()):
                return view(*args, referral=found, partner_view=False, **kwargs)
            if permissions.can_answer_referral(current_user, found):
                return view(*args, referral=found, partner_view=True, **kwargs)
        abort(404, "Orientation introuvable.")

    return load


def followed_referral_in_url(view: Callable[..., Any]) -> Callable[..., Any]:
    """Load the URL's referral for its pathway's team, else answer 404 before reading the body."""

    @functools.wraps(view)
    def load(*args: Any, referral_id: uuid.UUID, **kwargs: Any) -> Any:
        found = database.session().scalar(select(Referral).where(Referral.uid == referral_id))
        day = dt.date.today()
        if found is None or not permissions.can_edit_pathway(current_user, found.pathway, day):
            abort(404, "Orientation introuvable.")
        return view(*args, old=found, **kwargs)

    return load


def refusal(error: TrackingError) -> tuple[Response, int]:
    """Answer a refused change: 409 with the current state, 422 with the allowed states."""
    if isinstance(error, ConflictError):
        body: dict[str, Any] = {"errors": {"from": [str(error)]}, "current_state": error.current}
        return jsonify(ReferralRefusalOut().dump(body)), 409
    if isinstance(error, ForbiddenTransition):
        body = {"errors": {"to": [str(error)]}, "allowed": error.allowed}
        return jsonify(ReferralRefusalOut().dump(body)), 422
    return jsonify(errors=error.errors or {"_schema": [str(error)]}), 422


@blueprint.route("/referrals", methods=["POST"])
@blueprint.doc(summary="Créer une orientation (brouillon)")
@blueprint.refusals(401, 403, 404)
@blueprint.alt_response(422, schema=ReferralRefusalOut, description="Orientation impossible")
@role_required("referent", "coordinator")
@blueprint.arguments(ReferralIn)
@blueprint.response(201, ReferralOut)
def create_referral_view(data: dict[str, Any]) -> Any:
    """Create a draft referral of a pathway's need to a service."""
    session = database.session()
    need = session.scalar(select(Need).where(Need.uid == data["need_id"]))
    service = session.scalar(select(Service).where(Service.uid == data["service_id"]))
    if need is None or not permissions.can_edit_pathway(
        current_user, need.pathway, dt.date.today()
    ):
        abort(404, "Besoin introuvable.")
    if service is None:
        abort(404, "Service introuvable.")
    actor = team_actor(current_user, "api")
    referral = create_referral(
        session,
        need=need,
        service=service,
        actor=actor,
        context=data["context"],
        family_message=data["family_message"],
    )
    if data["send"]:
        send_with_consent(session, referral, actor, message=data["family_message"])
    return _document(referral, False)


@blueprint.route("/referrals/<uuid:referral_id>/reorient", methods=["POST"])
@blueprint.doc(summary="Réorienter une orientation terminée")
@blueprint.refusals(401, 403, 404)
@blueprint.alt_response(422, schema=ReferralRefusalOut, description="Réorientation impossible")
@role_required("referent", "coordinator")
@followed_referral_in_url
@blueprint.arguments(ReorientIn)
@blueprint.response(201, ReferralOut)
def reorient_referral(data: dict[str, Any], old: Referral) -> Any:
    """Re-orient a finished referral to another service (a new referral linked to the old one)."""
    session = database.session()
    service = session.scalar(select(Service).where(Service.uid == data["service_id"]))
    if service is None:
        abort(404, "Service introuvable.")
    actor = team_actor(current_user, "api")
    referral = reorient(session, old, service, actor)
    if data["family_message"]:
        referral.family_message = data["family_message"].strip()
    if data["send"]:
        send_with_consent(session, referral, actor, message=data["family_message"])
    return _document(referral, False)


@blueprint.route("/referrals/<uuid:referral_id>", methods=["GET"])
@blueprint.doc(summary="Une orientation et son historique")
@blueprint.refusals(401, 404)
@permission_required(permissions.is_signed_in)
@referral_in_url
@blueprint.response(200, ReferralOut, description=PARTNER_VIEW)
def get_referral(referral: Referral, partner_view: bool) -> Any:
    """Return a referral with its history (the partner sees only the minimum payload)."""
    record_read(database.session(), referral, current_user.id, "api")
    return _document(referral, partner_view)


@blueprint.route("/referrals/<uuid:referral_id>/transitions", methods=["POST"])
@blueprint.doc(summary="Faire avancer une orientation")
@blueprint.refusals(401, 404)
@blueprint.alt_response(409, schema=ReferralRefusalOut, description="L'état a changé entre-temps")
@blueprint.alt_response(422, schema=ReferralRefusalOut, description="Transition interdite")
@permission_required(permissions.is_signed_in)
@referral_in_url
@blueprint.arguments(ReferralTransitionIn)
@blueprint.response(200, ReferralOut, description=PARTNER_VIEW)
def post_transition(data: dict[str, Any], referral: Referral, partner_view: bool) -> Any:
    """Move a referral: 409 if it is no longer in `from`, 422 (with `allowed`) if forbidden."""
    dates = {k: data[k] for k in ("expected_on", "appointment_on") if data[k] is not None}
    actor = actor_for(current_user, referral, dt.date.today(), data["channel"])
    transition(
        database.session(),
        referral,
        from_state=data["from_state"],
        to_state=data["to_state"],
        actor=actor,
        reason=data["reason"],
        note=data["note"],
        dates=dates,
    )
    return _document(referral, partner_view)


@blueprint.route("/partner/referrals", methods=["GET"])
@blueprint.doc(summary="Orientations reçues par ma structure")
@blueprint.refusals(401, 403)
@permission_required(permissions.is_partner)
@blueprint.response(200, PartnerReferralOut(many=True))
def partner_referrals() -> list[dict[str, Any]]:
    """List the open referrals addressed to the caller's organisation."""
    found = queries.partner_inbox(database.session(), current_user.organisation_id)
    return [_common(referral) for referral in found]
