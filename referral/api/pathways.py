"""Pathway endpoints of the JSON API: create, read, needs, consents, transitions, proposals."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select

from catalogue.models import Organisation, Service
from referral import database, permissions
from referral.accounts.decorators import role_required
from referral.api import blueprint
from referral.api.schemas import ErrorOut, NeedOut, ServiceOut  # noqa: F401  (OpenAPI names)
from referral.matching import match_pathway
from referral.pathways import services
from referral.pathways.models import Pathway
from referral.pathways.presenters import consent_document, pathway_document, proposals_document
from referral.pathways.schemas import (
    ConsentIn,
    ConsentOut,
    NeedIn,
    PathwayIn,
    PathwayNeedOut,
    PathwayOut,
    ProposalsOut,
    TransitionIn,
)
from referral.programmes.models import Programme

TEAM = ("referent", "coordinator")
VIEWERS = ("referent", "coordinator", "eps_member")


def visible_pathway(pathway_id: uuid.UUID, *, edit: bool = False) -> Pathway:
    """Return the pathway, or answer 404 (403 to an EPS member out of the meeting's day)."""
    session = database.session()
    pathway = session.scalar(select(Pathway).where(Pathway.uid == pathway_id))
    today = dt.date.today()
    if pathway is None:
        abort(404)
    allowed = permissions.can_edit_pathway if edit else permissions.can_view_pathway
    if not allowed(current_user, pathway, today):
        abort(permissions.pathway_refusal_status(current_user, pathway))
    return pathway


def programme_for(user: Any, wanted: uuid.UUID | None) -> Programme:
    """Return the programme a new pathway belongs to (the user's, or the one named)."""
    query = select(Programme).where(Programme.organisation_id == user.organisation_id)
    if wanted is not None:
        query = query.where(Programme.uid == wanted)
    found = database.session().scalars(query).all()
    if len(found) != 1:
        message = "Programme inconnu." if wanted else "Précisez le programme (plusieurs ou aucun)."
        raise ValidationError({"programme": [message]})
    return found[0]


@blueprint.post("/pathways")
@role_required(*TEAM)
def create_pathway() -> ResponseReturnValue:
    """Create a child, its family and its pathway.
    ---
    post:
      summary: Créer un parcours
      requestBody:
        required: true
        content:
          application/json:
            schema: PathwayIn
      responses:
        201:
          content:
            application/json:
              schema: PathwayOut
        400:
          content:
            application/json:
              schema: ErrorOut
        401:
          description: Authentification requise
        403:
          description: Réservé aux référents et coordonnateurs
    """
    data = PathwayIn().load(request.get_json(silent=True) or {})
    programme = programme_for(current_user, data["programme"])
    family = data["family"]
    family["commune_insee"] = family.pop("commune")
    pathway = services.create_pathway(
        database.session(),
        programme,
        child=data["child"],
        family=family,
        actor_id=current_user.id,
        referent_id=current_user.id if current_user.has_role("referent") else None,
        contract_start=data["contract_start"],
        contract_end=data["contract_end"],
    )
    return PathwayOut().dump(pathway_document(pathway)), 201


@blueprint.get("/pathways/<uuid:pathway_id>")
@role_required(*VIEWERS)
def get_pathway(pathway_id: uuid.UUID) -> ResponseReturnValue:
    """Return a pathway (the read is written to the audit log).
    ---
    get:
      summary: Un parcours
      parameters:
        - in: path
          name: pathway_id
          schema: {type: string, format: uuid}
          required: true
      responses:
        200:
          content:
            application/json:
              schema: PathwayOut
        403:
          description: Membre d'EPS en dehors du jour de la réunion
        404:
          description: Parcours inconnu ou hors de vos droits
    """
    pathway = visible_pathway(pathway_id)
    services.record_read(database.session(), pathway, current_user.id)
    return PathwayOut().dump(pathway_document(pathway))


@blueprint.post("/pathways/<uuid:pathway_id>/needs")
@role_required(*TEAM)
def add_need(pathway_id: uuid.UUID) -> ResponseReturnValue:
    """Add a need from the taxonomy to a pathway.
    ---
    post:
      summary: Ajouter un besoin
      parameters:
        - in: path
          name: pathway_id
          schema: {type: string, format: uuid}
          required: true
      requestBody:
        required: true
        content:
          application/json:
            schema: NeedIn
      responses:
        201:
          content:
            application/json:
              schema: PathwayNeedOut
        400:
          content:
            application/json:
              schema: ErrorOut
        404:
          description: Parcours inconnu ou hors de vos droits
    """
    pathway = visible_pathway(pathway_id, edit=True)
    data = NeedIn().load(request.get_json(silent=True) or {})
    try:
        need = services.add_need(
            database.session(),
            pathway,
            need_code=data.pop("need"),
            actor_id=current_user.id,
            **data,
        )
    except services.PathwayError as error:
        raise ValidationError({"need": [str(error)]}) from error
    return PathwayNeedOut().dump(need), 201


def _partners(model: type, uids: list[uuid.UUID], field: str) -> list[Any]:
    if not uids:
        return []
    column = model.uid  # type: ignore[attr-defined]
    found: list[Any] = list(database.session().scalars(select(model).where(column.in_(uids))))
    if len(found) != len(set(uids)):
        raise ValidationError({field: ["Identifiant inconnu."]})
    return found


@blueprint.post("/pathways/<uuid:pathway_id>/consents")
@role_required(*TEAM)
def record_consent(pathway_id: uuid.UUID) -> ResponseReturnValue:
    """Record the family's consent: partners, information items, date.
    ---
    post:
      summary: Enregistrer l'accord de la famille
      parameters:
        - in: path
          name: pathway_id
          schema: {type: string, format: uuid}
          required: true
      requestBody:
        required: true
        content:
          application/json:
            schema: ConsentIn
      responses:
        201:
          content:
            application/json:
              schema: ConsentOut
        400:
          content:
            application/json:
              schema: ErrorOut
        404:
          description: Parcours inconnu ou hors de vos droits
    """
    pathway = visible_pathway(pathway_id, edit=True)
    data = ConsentIn().load(request.get_json(silent=True) or {})
    consent = services.record_consent(
        database.session(),
        pathway,
        given_by=data["given_by"],
        given_on=data["given_on"],
        information=data["information"],
        actor_id=current_user.id,
        services=_partners(Service, data["services"], "services"),
        organisations=_partners(Organisation, data["organisations"], "organisations"),
        purpose=data["purpose"],
        note=data["note"],
    )
    return ConsentOut().dump(consent_document(consent)), 201


@blueprint.post("/pathways/<uuid:pathway_id>/transitions")
@role_required(*TEAM)
def transition(pathway_id: uuid.UUID) -> ResponseReturnValue:
    """Move a pathway along its lifecycle.
    ---
    post:
      summary: Faire avancer un parcours
      parameters:
        - in: path
          name: pathway_id
          schema: {type: string, format: uuid}
          required: true
      requestBody:
        required: true
        content:
          application/json:
            schema: TransitionIn
      responses:
        200:
          content:
            application/json:
              schema: PathwayOut
        400:
          content:
            application/json:
              schema: ErrorOut
        404:
          description: Parcours inconnu ou hors de vos droits
        409:
          content:
            application/json:
              schema: TransitionErrorOut
        422:
          content:
            application/json:
              schema: TransitionErrorOut
    """
    pathway = visible_pathway(pathway_id, edit=True)
    data = TransitionIn().load(request.get_json(silent=True) or {})
    try:
        services.transition(database.session(), pathway, actor_id=current_user.id, **data)
    except services.StaleTransition as error:
        return _refused(409, "from", error, pathway)
    except services.ForbiddenTransition as error:
        return _refused(422, "to", error, pathway)
    except services.ExitBlocked as error:
        blocked = [
            f"{need.term.label} : ni couvert, ni relayé, ni justifié." for need in error.needs
        ]
        return jsonify(errors={"to": [str(error), *blocked]}, state=pathway.state, allowed=[]), 422
    return PathwayOut().dump(pathway_document(pathway))


def _refused(status: int, field: str, error: Exception, pathway: Pathway) -> ResponseReturnValue:
    allowed = services.allowed_transitions(pathway)
    body = {"errors": {field: [str(error)]}, "state": pathway.state, "allowed": allowed}
    return jsonify(body), status


@blueprint.get("/pathways/<uuid:pathway_id>/proposals")
@role_required(*VIEWERS)
def proposals(pathway_id: uuid.UUID) -> ResponseReturnValue:
    """Match the pathway's open needs: ranked proposals, near misses, combined plan.
    ---
    get:
      summary: Propositions pour les besoins ouverts
      parameters:
        - in: path
          name: pathway_id
          schema: {type: string, format: uuid}
          required: true
      responses:
        200:
          content:
            application/json:
              schema: ProposalsOut
        403:
          description: Membre d'EPS en dehors du jour de la réunion
        404:
          description: Parcours inconnu ou hors de vos droits
    """
    pathway = visible_pathway(pathway_id)
    session = database.session()
    services.record_read(session, pathway, current_user.id, "proposals")
    return ProposalsOut().dump(proposals_document(match_pathway(session, pathway, dt.date.today())))
