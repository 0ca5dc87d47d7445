"""Catalogue endpoints of the JSON API."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import abort, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from catalogue import queries, taxonomy
from referral import database, permissions
from referral.api import blueprint
from referral.api.schemas import NeedOut, PageQuery, ServiceOut, ServicePage


@blueprint.get("/services")
def list_services() -> ResponseReturnValue:
    """List active services.
    ---
    get:
      summary: Services actifs du catalogue
      parameters:
        - in: query
          schema: PageQuery
      responses:
        200:
          content:
            application/json:
              schema: ServicePage
        400:
          content:
            application/json:
              schema: ErrorOut
    """
    args = PageQuery().load(request.args)
    page = queries.browse_services(database.session(), day=dt.date.today(), **args)
    return ServicePage().dump(
        {"total": page.total, "page": page.page, "per_page": page.per_page, "items": page.items}
    )


@blueprint.get("/services/<uuid:service_id>")
def get_service(service_id: uuid.UUID) -> ResponseReturnValue:
    """Return one service.
    ---
    get:
      summary: Un service
      parameters:
        - in: path
          name: service_id
          schema: {type: string, format: uuid}
          required: true
      responses:
        200:
          content:
            application/json:
              schema: ServiceOut
        404:
          content:
            application/json:
              schema: ErrorOut
    """
    found = queries.service_by_uid(database.session(), service_id)
    if found is None or not permissions.can_view_service(current_user, found, dt.date.today()):
        abort(404, "Service introuvable.")
    return ServiceOut().dump(found)


@blueprint.get("/needs")
def list_needs() -> ResponseReturnValue:
    """List the needs taxonomy.
    ---
    get:
      summary: Taxonomie des besoins
      responses:
        200:
          content:
            application/json:
              schema:
                type: array
                items: NeedOut
    """
    return NeedOut(many=True).dump(taxonomy.list_needs(database.session()))
