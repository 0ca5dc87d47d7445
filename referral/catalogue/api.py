"""The catalogue's JSON API: active services (list, search, one) and the needs taxonomy."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy.orm import Session

from catalogue import queries, taxonomy
from catalogue.models import Service
from referral import database, permissions
from referral.api.blueprint import ApiBlueprint
from referral.catalogue.schemas import NeedOut, ServiceOut
from referral.search import services as searching
from referral.search.schemas import SearchBody, SearchPageOut, SearchQuery

blueprint = ApiBlueprint(
    "catalogue", __name__, description="Services actifs du catalogue, recherche et besoins."
)


def _known_codes() -> set[str]:
    return searching.known_codes(database.session())


@blueprint.route("/services", methods=["GET"])
@blueprint.doc(
    summary="Services actifs du catalogue, avec recherche",
    description=(
        "Sans paramètre de recherche, la liste des services actifs par nom. Avec q, need, age, "
        "school_level, un lieu (lat+lon, commune ou postcode), radius_km, free ou accepting : "
        "la recherche, chaque élément portant distance_km et score. Une adresse ne passe jamais "
        "dans l'URL : utilisez POST /api/v1/services/search."
    ),
)
@blueprint.arguments(SearchQuery(known_codes=_known_codes), location="query")
@blueprint.response(200, SearchPageOut)
@database.reads_only
def list_services(args: dict[str, Any]) -> dict[str, Any]:
    """List active services, or search them by text, need, age, level and place."""
    session = database.session()
    if not searching.is_plain_browse(args):
        return _search(session, args)
    page = queries.browse_services(
        session, day=dt.date.today(), page=args["page"], per_page=args["per_page"]
    )
    return {"total": page.total, "page": page.page, "per_page": page.per_page, "items": page.items}


@blueprint.route("/services/search", methods=["POST"])
@blueprint.doc(summary="Recherche de services (adresse de la famille hors de l'URL)")
@blueprint.arguments(SearchBody(known_codes=_known_codes))
@blueprint.response(200, SearchPageOut)
def search_services(args: dict[str, Any]) -> dict[str, Any]:
    """Search services with the parameters in a JSON body, including the family's address."""
    return _search(database.session(), args)


class _Found:
    """A service found: the service's own attributes, plus its distance, score and snippet."""

    def __init__(self, service: Service, distance_km: float | None, score: float, snippet: str):
        self.service = service
        self.distance_km = None if distance_km is None else round(distance_km, 2)
        self.score = score
        self.snippet = snippet

    def __getattr__(self, name: str) -> Any:
        return getattr(self.service, name)


def _search(session: Session, args: dict[str, Any]) -> dict[str, Any]:
    outcome = searching.run_search(
        session, searching.app_backend(session), args, dt.date.today(), current_user
    )
    geocoded = outcome.geocoded
    return {
        "total": outcome.results.total,
        "page": outcome.results.page,
        "per_page": outcome.results.per_page,
        "items": [
            _Found(found.service, found.hit.distance_km, found.hit.score, found.snippet)
            for found in outcome.items
        ],
        "corrected_query": outcome.results.corrected_query,
        "approaching": outcome.results.partial,
        "needs": [{"code": need.code, "label": need.label} for need in outcome.needs],
        "geocoding": None
        if geocoded is None
        else {
            "precision": geocoded.precision,
            "fallback": geocoded.fallback,
            "commune": geocoded.commune_insee,
            "latitude": round(geocoded.latitude, 3),
            "longitude": round(geocoded.longitude, 3),
        },
    }


@blueprint.route("/services/<uuid:service_id>", methods=["GET"])
@blueprint.doc(summary="Un service")
@blueprint.refusals(404)
@blueprint.response(200, ServiceOut)
@database.reads_only
def get_service(service_id: uuid.UUID) -> Service:
    """Return one service."""
    found = queries.service_by_uid(database.session(), service_id)
    if found is None or not permissions.can_view_service(current_user, found, dt.date.today()):
        abort(404, "Service introuvable.")
    return found


@blueprint.route("/needs", methods=["GET"])
@blueprint.doc(summary="Taxonomie des besoins")
@blueprint.response(200, NeedOut(many=True))
@database.reads_only
def list_needs() -> Any:
    """List the needs taxonomy."""
    return taxonomy.list_needs(database.session())
