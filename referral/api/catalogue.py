"""Catalogue endpoints of the JSON API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from catalogue import queries, taxonomy
from referral import database, permissions, search
from referral.api import blueprint
from referral.api.schemas import NeedOut, ServiceOut, ServicePage
from referral.searching import services as searching
from referral.searching.schemas import (  # noqa: F401 (named in the docstrings)
    GeocodingOut,
    SearchArgs,
    SearchBody,
    SearchItemOut,
    SearchPageOut,
    args_from_query,
)

ADDRESS_IN_URL = (
    "L'adresse d'une famille ne passe jamais dans une URL : utilisez POST /api/v1/services/search."
)


@blueprint.get("/services")
def list_services() -> ResponseReturnValue:
    """List active services, or search them by text, need, age, level and place.
    ---
    get:
      summary: Services actifs du catalogue, avec recherche
      description: >
        Sans paramètre de recherche, la liste des services actifs par nom. Avec q, need, age,
        school_level, un lieu (lat+lon, commune ou postcode), radius_km, free ou accepting :
        la recherche, chaque élément portant distance_km et score. Une adresse ne passe jamais
        dans l'URL : utilisez POST /api/v1/services/search.
      parameters:
        - in: query
          schema: SearchArgs
      responses:
        200:
          content:
            application/json:
              schema: SearchPageOut
        400:
          content:
            application/json:
              schema: ErrorOut
    """
    if "address" in request.args:
        raise ValidationError({"address": [ADDRESS_IN_URL]})
    session = database.session()
    args = SearchArgs(known_codes=searching.known_codes(session)).load(
        args_from_query(request.args)
    )
    if searching.is_plain_browse(args):
        page = queries.browse_services(
            session, day=dt.date.today(), page=args["page"], per_page=args["per_page"]
        )
        return ServicePage().dump(
            {"total": page.total, "page": page.page, "per_page": page.per_page, "items": page.items}
        )
    return _search(session, args)


@blueprint.post("/services/search")
def search_services() -> ResponseReturnValue:
    """Search services with the parameters in a JSON body, including the family's address.
    ---
    post:
      summary: Recherche de services (adresse de la famille hors de l'URL)
      requestBody:
        required: true
        content:
          application/json:
            schema: SearchBody
      responses:
        200:
          content:
            application/json:
              schema: SearchPageOut
        400:
          content:
            application/json:
              schema: ErrorOut
    """
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationError({"_body": ["Un objet JSON est attendu."]})
    session = database.session()
    return _search(session, SearchBody(known_codes=searching.known_codes(session)).load(body))


def _search(session: Session, args: dict[str, Any]) -> ResponseReturnValue:
    outcome = searching.run_search(session, search.get_index(), args, dt.date.today(), current_user)
    items = []
    for found in outcome.items:
        item = ServiceOut().dump(found.service)
        item.update(
            distance_km=None if found.hit.distance_km is None else round(found.hit.distance_km, 2),
            score=found.hit.score,
            snippet=found.snippet,
        )
        items.append(item)
    geocoded = outcome.geocoded
    return {
        "total": outcome.results.total,
        "page": outcome.results.page,
        "per_page": outcome.results.per_page,
        "items": items,
        "corrected_query": outcome.results.corrected_query,
        "partial": outcome.results.partial,
        "needs": [{"code": need.code, "label": need.label} for need in outcome.needs],
        "geocoding": None
        if geocoded is None
        else GeocodingOut().dump(
            {
                "precision": geocoded.precision,
                "fallback": geocoded.fallback,
                "commune": geocoded.commune_insee,
                "latitude": round(geocoded.latitude, 3),
                "longitude": round(geocoded.longitude, 3),
            }
        ),
    }


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
