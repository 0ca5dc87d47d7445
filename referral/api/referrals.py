"""Referral endpoints of the JSON API: create, read with events, transitions, partner list."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from catalogue.models import Service
from referral import database, permissions
from referral.accounts.decorators import permission_required, role_required
from referral.api import blueprint
from referral.api.schemas import ErrorOut  # noqa: F401  (OpenAPI names)
from referral.pathways.models import Need
from referral.referrals import queries
from referral.referrals.models import Referral
from referral.referrals.payload import partner_view as partner_payload
from referral.referrals.schemas import (
    PartnerReferralOut,
    ReferralIn,
    ReferralOut,
    ReferralRefusalOut,  # noqa: F401  (OpenAPI names)
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


def _document(referral: Referral, partner_view: bool) -> dict[str, Any]:
    allowed = allowed_targets(referral, actor_for(current_user, referral, dt.date.today(), "api"))
    common = {
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
    if partner_view:
        return PartnerReferralOut().dump({**common, "payload": partner_payload(referral)})
    return ReferralOut().dump(
        {
            **common,
            "pathway_id": referral.pathway.uid,
            "need_id": referral.need.uid,
            "previous_id": referral.previous.uid if referral.previous else None,
            "context": referral.context,
            "waiting_on": waiting_on(referral),
            "decline_reason": referral.decline_reason,
            "events": referral.events,
        }
    )


def _visible(referral_id: uuid.UUID) -> tuple[Referral, bool]:
    """Return the referral and whether the caller sees it as its partner; 404 otherwise."""
    found = database.session().scalar(select(Referral).where(Referral.uid == referral_id))
    if found is None:
        abort(404, "Orientation introuvable.")
    if permissions.can_view_pathway(current_user, found.pathway, dt.date.today()):
        return found, False
    if permissions.can_answer_referral(current_user, found):
        return found, True
    abort(404, "Orientation introuvable.")


def _refusal(error: TrackingError) -> ResponseReturnValue:
    if isinstance(error, ConflictError):
        return jsonify(errors={"from": [str(error)]}, current_state=error.current), 409
    if isinstance(error, ForbiddenTransition):
        return jsonify(errors={"to": [str(error)]}, allowed=error.allowed), 422
    return jsonify(errors=error.errors or {"_schema": [str(error)]}), 422


@blueprint.post("/referrals")
@role_required("referent", "coordinator")
def create_referral_view() -> ResponseReturnValue:
    """Create a draft referral of a pathway's need to a service.
    ---
    post:
      summary: Créer une orientation (brouillon)
      requestBody:
        required: true
        content:
          application/json:
            schema: ReferralIn
      responses:
        201:
          content:
            application/json:
              schema: ReferralOut
        400:
          content:
            application/json:
              schema: ErrorOut
        404:
          description: Besoin ou service introuvable
        422:
          content:
            application/json:
              schema: ReferralRefusalOut
    """
    data = ReferralIn().load(request.get_json(silent=True) or {})
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
    try:
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
    except TrackingError as error:
        return _refusal(error)
    return _document(referral, False), 201


@blueprint.post("/referrals/<uuid:referral_id>/reorient")
@role_required("referent", "coordinator")
def reorient_referral(referral_id: uuid.UUID) -> ResponseReturnValue:
    """Re-orient a finished referral to another service (a new referral linked to the old one).
    ---
    post:
      summary: Réorienter une orientation terminée
      parameters:
        - in: path
          name: referral_id
          schema: {type: string, format: uuid}
          required: true
      requestBody:
        required: true
        content:
          application/json:
            schema: ReorientIn
      responses:
        201:
          content:
            application/json:
              schema: ReferralOut
        400:
          content:
            application/json:
              schema: ErrorOut
        404:
          content:
            application/json:
              schema: ErrorOut
        422:
          content:
            application/json:
              schema: ReferralRefusalOut
    """
    session = database.session()
    old = session.scalar(select(Referral).where(Referral.uid == referral_id))
    if old is None or not permissions.can_edit_pathway(current_user, old.pathway, dt.date.today()):
        abort(404, "Orientation introuvable.")
    data = ReorientIn().load(request.get_json(silent=True) or {})
    service = session.scalar(select(Service).where(Service.uid == data["service_id"]))
    if service is None:
        abort(404, "Service introuvable.")
    actor = team_actor(current_user, "api")
    try:
        referral = reorient(session, old, service, actor)
        if data["family_message"]:
            referral.family_message = data["family_message"].strip()
        if data["send"]:
            send_with_consent(session, referral, actor, message=data["family_message"])
    except TrackingError as error:
        return _refusal(error)
    return _document(referral, False), 201


@blueprint.get("/referrals/<uuid:referral_id>")
@permission_required(permissions.is_signed_in)
def get_referral(referral_id: uuid.UUID) -> ResponseReturnValue:
    """Return a referral with its history (the partner sees only the minimum payload).
    ---
    get:
      summary: Une orientation et son historique
      parameters:
        - in: path
          name: referral_id
          schema: {type: string, format: uuid}
          required: true
      responses:
        200:
          content:
            application/json:
              schema: ReferralOut
        404:
          content:
            application/json:
              schema: ErrorOut
    """
    referral, partner_view = _visible(referral_id)
    record_read(database.session(), referral, current_user.id, "api")
    return _document(referral, partner_view)


@blueprint.post("/referrals/<uuid:referral_id>/transitions")
@permission_required(permissions.is_signed_in)
def post_transition(referral_id: uuid.UUID) -> ResponseReturnValue:
    """Move a referral: 409 if it is no longer in `from`, 422 (with `allowed`) if forbidden.
    ---
    post:
      summary: Faire avancer une orientation
      parameters:
        - in: path
          name: referral_id
          schema: {type: string, format: uuid}
          required: true
      requestBody:
        required: true
        content:
          application/json:
            schema: ReferralTransitionIn
      responses:
        200:
          content:
            application/json:
              schema: ReferralOut
        400:
          content:
            application/json:
              schema: ErrorOut
        404:
          content:
            application/json:
              schema: ErrorOut
        409:
          content:
            application/json:
              schema: ReferralRefusalOut
        422:
          content:
            application/json:
              schema: ReferralRefusalOut
    """
    referral, partner_view = _visible(referral_id)
    data = ReferralTransitionIn().load(request.get_json(silent=True) or {})
    dates = {k: data[k] for k in ("expected_on", "appointment_on") if data[k] is not None}
    actor = actor_for(current_user, referral, dt.date.today(), data["channel"])
    try:
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
    except TrackingError as error:
        return _refusal(error)
    return _document(referral, partner_view)


@blueprint.get("/partner/referrals")
@permission_required(permissions.is_partner)
def partner_referrals() -> ResponseReturnValue:
    """List the open referrals addressed to the caller's organisation.
    ---
    get:
      summary: Orientations reçues par ma structure
      responses:
        200:
          content:
            application/json:
              schema:
                type: array
                items: PartnerReferralOut
        403:
          description: Réservé aux partenaires
    """
    found = queries.partner_inbox(database.session(), current_user.organisation_id)
    return jsonify([_document(referral, True) for referral in found])
