"""Pathway endpoints of the JSON API: create, read, needs, consents, transitions, proposals."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable
from typing import Any

from flask import Response, abort, jsonify
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select

from catalogue.models import Organisation, Service
from referral import database, permissions
from referral.accounts.decorators import role_required
from referral.api.blueprint import ApiBlueprint
from referral.matching import match_pathway
from referral.pathways import services
from referral.pathways.models import Need, Pathway
from referral.pathways.presenters import consent_document, pathway_document, proposals_document
from referral.pathways.schemas import (
    ConsentIn,
    ConsentOut,
    NeedIn,
    PathwayIn,
    PathwayNeedOut,
    PathwayOut,
    ProposalsOut,
    TransitionErrorOut,
    TransitionIn,
)
from referral.programmes.models import Programme

blueprint = ApiBlueprint(
    "pathways", __name__, description="Parcours : enfant, famille, besoins, accords, propositions."
)
TEAM = ("referent", "coordinator")
VIEWERS = ("referent", "coordinator", "eps_member")


def visible_pathway(pathway_id: uuid.UUID, *, edit: bool = False) -> Pathway:
    """Return the pathway, or answer 404 (403 to an EPS member out of the meeting's day)."""
    session = database.session()
    pathway = session.scalar(select(Pathway).where(Pathway.uid == pathway_id))
    today = dt.date.today()
    if pathway is None:
        abort(404, "Parcours introuvable.")
    allowed = permissions.can_edit_pathway if edit else permissions.can_view_pathway
    if not allowed(current_user, pathway, today):
        abort(permissions.pathway_refusal_status(current_user, pathway))
    return pathway


def pathway_in_url(*, edit: bool = False) -> Callable[..., Any]:
    """Give the view the pathway named by `pathway_id`, checked before its body is read."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def load(*args: Any, pathway_id: uuid.UUID, **kwargs: Any) -> Any:
            return view(*args, pathway=visible_pathway(pathway_id, edit=edit), **kwargs)

        return load

    return decorate


def programme_for(user: Any, wanted: uuid.UUID | None) -> Programme:
    """Return the programme a new pathway belongs to (the user's, or the one named)."""
    query = select(Programme).where(Programme.id == user.programme_id)
    if wanted is not None:
        query = query.where(Programme.uid == wanted)
    found = database.session().scalars(query).all()
    if len(found) != 1:
        message = "Programme inconnu." if wanted else "Précisez le programme (plusieurs ou aucun)."
        raise ValidationError({"programme": [message]})
    return found[0]


@blueprint.route("/pathways", methods=["POST"])
@blueprint.doc(summary="Créer un parcours")
@blueprint.refusals(401, 403)
@role_required(*TEAM)
@blueprint.arguments(PathwayIn)
@blueprint.response(201, PathwayOut)
def create_pathway(data: dict[str, Any]) -> dict[str, Any]:
    """Create a child, its family and its pathway."""
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
    return pathway_document(pathway)


@blueprint.route("/pathways/<uuid:pathway_id>", methods=["GET"])
@blueprint.doc(summary="Un parcours (la lecture est journalisée)")
@blueprint.refusals(401, 403, 404)
@role_required(*VIEWERS)
@pathway_in_url()
@blueprint.response(200, PathwayOut)
def get_pathway(pathway: Pathway) -> dict[str, Any]:
    """Return a pathway (the read is written to the audit log)."""
    services.record_read(database.session(), pathway, current_user.id)
    return pathway_document(pathway)


@blueprint.route("/pathways/<uuid:pathway_id>/needs", methods=["POST"])
@blueprint.doc(summary="Ajouter un besoin")
@blueprint.refusals(401, 403, 404)
@role_required(*TEAM)
@pathway_in_url(edit=True)
@blueprint.arguments(NeedIn)
@blueprint.response(201, PathwayNeedOut)
def add_need(data: dict[str, Any], pathway: Pathway) -> Need:
    """Add a need from the taxonomy to a pathway."""
    try:
        return services.add_need(
            database.session(),
            pathway,
            need_code=data.pop("need"),
            actor_id=current_user.id,
            **data,
        )
    except services.PathwayError as error:
        raise ValidationError({"need": [str(error)]}) from error


def _partners(model: type, uids: list[uuid.UUID], field: str) -> list[Any]:
    if not uids:
        return []
    column = model.uid  # type: ignore[attr-defined]
    found: list[Any] = list(database.session().scalars(select(model).where(column.in_(uids))))
    if len(found) != len(set(uids)):
        raise ValidationError({field: ["Identifiant inconnu."]})
    return found


@blueprint.route("/pathways/<uuid:pathway_id>/consents", methods=["POST"])
@blueprint.doc(summary="Enregistrer l'accord de la famille")
@blueprint.refusals(401, 403, 404)
@role_required(*TEAM)
@pathway_in_url(edit=True)
@blueprint.arguments(ConsentIn)
@blueprint.response(201, ConsentOut)
def record_consent(data: dict[str, Any], pathway: Pathway) -> dict[str, Any]:
    """Record the family's consent: partners, information items, date."""
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
    return consent_document(consent)


@blueprint.route("/pathways/<uuid:pathway_id>/transitions", methods=["POST"])
@blueprint.doc(summary="Faire avancer un parcours")
@blueprint.refusals(401, 403, 404)
@blueprint.alt_response(409, schema=TransitionErrorOut, description="L'état a changé entre-temps")
@blueprint.alt_response(422, schema=TransitionErrorOut, description="Transition interdite")
@role_required(*TEAM)
@pathway_in_url(edit=True)
@blueprint.arguments(TransitionIn)
@blueprint.response(200, PathwayOut)
def transition(data: dict[str, Any], pathway: Pathway) -> Any:
    """Move a pathway along its lifecycle (refusals answered by `refusal`)."""
    services.transition(database.session(), pathway, actor_id=current_user.id, **data)
    return pathway_document(pathway)


def refusal(error: services.TransitionRefused) -> tuple[Response, int]:
    """Answer a refused move: the messages, the current state and the moves open from it."""
    body = {"errors": {error.field: error.messages}, "state": error.state, "allowed": error.allowed}
    return jsonify(TransitionErrorOut().dump(body)), error.status


@blueprint.route("/pathways/<uuid:pathway_id>/proposals", methods=["GET"])
@blueprint.doc(summary="Propositions pour les besoins ouverts")
@blueprint.refusals(401, 403, 404)
@role_required(*VIEWERS)
@pathway_in_url()
@blueprint.response(200, ProposalsOut)
def proposals(pathway: Pathway) -> dict[str, Any]:
    """Match the pathway's open needs: ranked proposals, near misses, combined plan."""
    session = database.session()
    services.record_read(session, pathway, current_user.id, "proposals")
    return proposals_document(match_pathway(session, pathway, dt.date.today()))
