"""Partner self-service through the JSON API: edit one's own services, read their history."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from flask import Response, abort, jsonify
from flask_login import current_user

from catalogue.models import Service, ServiceChange
from catalogue.services import StaleVersionError, service_history
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.accounts.models import User
from referral.api.blueprint import ApiBlueprint
from referral.catalogue.schemas import ServiceOut
from referral.partners import services
from referral.partners.schemas import ConflictOut, ServiceChangeOut, ServiceEditIn

blueprint = ApiBlueprint(
    "partners", __name__, description="Espace partenaire : ses services et leur historique."
)
STALE = "Le service a changé depuis cette version : rien n'a été enregistré."


def service_in_url(allowed: Callable[[Any, Service], bool]) -> Callable[..., Any]:
    """Give the view the service named by `service_id`, or answer 404 if it is not the user's."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def load(*args: Any, service_id: uuid.UUID, **kwargs: Any) -> Any:
            found = services.service_by_uid(database.session(), service_id)
            if found is None or not allowed(current_user, found):
                abort(404, "Service introuvable.")
            return view(*args, service=found, **kwargs)

        return load

    return decorate


def _documents(entries: list[ServiceChange]) -> list[dict[str, Any]]:
    db = database.session()
    emails = {
        each: user.email
        for each in {e.actor_id for e in entries if e.actor_id}
        if (user := db.get(User, each)) is not None
    }
    return [
        {
            **{k: getattr(e, k) for k in ("at", "origin", "action", "version", "changes")},
            "actor_email": emails.get(e.actor_id) if e.actor_id else None,
        }
        for e in entries
    ]


@blueprint.route("/services/<uuid:service_id>", methods=["PATCH"])
@blueprint.doc(
    summary="Modifier un service de sa structure (partenaire) ou tout service (coordination)"
)
@blueprint.refusals(401, 403, 404)
@blueprint.alt_response(409, schema=ConflictOut, description="Version périmée : rien d'enregistré")
@permission_required(permissions.can_use_partner_space)
@service_in_url(permissions.can_manage_service)
@blueprint.arguments(ServiceEditIn)
@blueprint.response(200, ServiceOut)
def edit_service(data: dict[str, Any], service: Service) -> Service | tuple[Response, int]:
    """Edit one of your organisation's services (optimistic locking on `version`)."""
    version = data.pop("version")
    try:
        services.edit_service(
            database.session(), current_user, service, data, expected_version=version
        )
    except StaleVersionError:
        changes = services.changes_since(database.session(), service, version)
        conflict = {
            "errors": {"version": [STALE]},
            "current_version": service.version,
            "changes": _documents(changes),
        }
        return jsonify(ConflictOut().dump(conflict)), 409
    return service


@blueprint.route("/services/<uuid:service_id>/history", methods=["GET"])
@blueprint.doc(summary="Historique des modifications d'un service")
@blueprint.refusals(401, 403, 404)
@permission_required(permissions.can_read_service_histories)
@service_in_url(permissions.can_view_service_history)
@blueprint.response(200, ServiceChangeOut(many=True))
def service_changes(service: Service) -> list[dict[str, Any]]:
    """Return a service's history, newest first."""
    return _documents(service_history(database.session(), service))
