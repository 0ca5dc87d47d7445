"""Partner self-service through the JSON API: edit one's own services, read their history."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from catalogue.models import Service, ServiceChange
from catalogue.services import StaleVersionError, service_history
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.accounts.models import User
from referral.api import blueprint
from referral.api.schemas import ErrorOut, ServiceOut  # noqa: F401  (OpenAPI names)
from referral.partners import services
from referral.partners.schemas import ConflictOut, ServiceChangeOut, ServiceEditIn


def _service_for(service_id: uuid.UUID, allowed: Any) -> Service:
    found = services.service_by_uid(database.session(), service_id)
    if found is None or not allowed(current_user, found):
        abort(404, "Service introuvable.")
    return found


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


@blueprint.patch("/services/<uuid:service_id>")
@permission_required(permissions.can_use_partner_space)
def edit_service(service_id: uuid.UUID) -> ResponseReturnValue:
    """Edit one of your organisation's services (optimistic locking on `version`).
    ---
    patch:
      summary: Modifier un service de sa structure (partenaire) ou tout service (coordination)
      parameters:
        - in: path
          name: service_id
          schema: {type: string, format: uuid}
          required: true
      requestBody:
        content:
          application/json:
            schema: ServiceEditIn
      responses:
        200:
          content:
            application/json:
              schema: ServiceOut
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
              schema: ConflictOut
    """
    service = _service_for(service_id, permissions.can_manage_service)
    data = ServiceEditIn().load(request.get_json(silent=True) or {})
    version = data.pop("version")
    try:
        services.edit_service(
            database.session(), current_user, service, data, expected_version=version
        )
    except StaleVersionError:
        changes = services.changes_since(database.session(), service, version)
        return ConflictOut().dump(
            {
                "errors": {
                    "version": [
                        "Le service a changé depuis cette version : rien n'a été enregistré."
                    ]
                },
                "current_version": service.version,
                "changes": _documents(changes),
            }
        ), 409
    return ServiceOut().dump(service)


@blueprint.get("/services/<uuid:service_id>/history")
@permission_required(permissions.can_read_service_histories)
def service_changes(service_id: uuid.UUID) -> ResponseReturnValue:
    """Return a service's history, newest first.
    ---
    get:
      summary: Historique des modifications d'un service
      parameters:
        - in: path
          name: service_id
          schema: {type: string, format: uuid}
          required: true
      responses:
        200:
          content:
            application/json:
              schema:
                type: array
                items: ServiceChangeOut
        404:
          content:
            application/json:
              schema: ErrorOut
    """
    service = _service_for(service_id, permissions.can_view_service_history)
    return ServiceChangeOut(many=True).dump(
        _documents(service_history(database.session(), service))
    )
