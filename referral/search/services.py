"""Run a search from validated parameters: resolve the place, query the index, load services."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from flask import abort
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import geocoding, taxonomy
from catalogue.geography import communes_for_postcode, find_communes, get_commune
from catalogue.models import NeedTerm, Service
from catalogue.search import (
    FamilyPlace,
    Hit,
    IndexLocked,
    SearchQuery,
    SearchResults,
    Vocabulary,
    snippet,
)
from catalogue.search.backend import Index, SearchBackend
from catalogue.search.places import place_at, place_of_commune, place_of_postcode
from catalogue.text import fold
from referral.geocoding import get_geocoder
from referral.search.sync import all_documents, count_services, get_backend, get_index
from referral.search.vocabulary import vocabulary_for

AUTO_BUILD_LIMIT = 5000
PLACE_NOT_FOUND = "Lieu introuvable : indiquez une commune ou un code postal."
log = logging.getLogger(__name__)


@dataclass
class Found:
    """A service found, with its hit (distance, score) and a highlighted excerpt."""

    service: Service
    hit: Hit
    snippet: str


@dataclass
class Outcome:
    """A search's page of services, its results and how the family was placed."""

    items: list[Found]
    results: SearchResults
    place: FamilyPlace | None
    geocoded: geocoding.GeocodedPlace | None = None
    needs: list[NeedTerm] = field(default_factory=list)


def known_codes(session: Session) -> set[str]:
    """Return the need and domain codes a search accepts."""
    return taxonomy.need_and_domain_codes(session)


def is_plain_browse(args: dict[str, Any]) -> bool:
    """Tell whether a query asks for nothing but a page of services (the catalogue's list)."""
    searching = (
        "q",
        "need",
        "age",
        "school_level",
        "lat",
        "commune",
        "postcode",
        "address",
        "sort",
    )
    asked = any(args.get(key) not in (None, "", []) for key in searching)  # age 0 is asked
    return not asked and not args["free"] and not args["accepting"]


def resolve_place(
    session: Session, args: dict[str, Any]
) -> tuple[FamilyPlace | None, geocoding.GeocodedPlace | None]:
    """Turn lat/lon, commune, postcode or address into the family's place (400 when unknown)."""
    if "lat" in args:
        return place_at(session, args["lat"], args["lon"]), None
    if "commune" in args:
        return _or_error(
            place_of_commune(session, args["commune"]), "commune", "Commune inconnue."
        ), None
    if "postcode" in args:
        return _or_error(
            place_of_postcode(session, args["postcode"]), "postcode", "Code postal inconnu."
        ), None
    if args.get("address"):
        now = dt.datetime.now(dt.UTC)
        found = geocoding.geocode(session, args["address"], get_geocoder(), now=now)
        found = _or_error(found, "address", "Adresse introuvable : indiquez la commune.")
        return place_at(session, found.latitude, found.longitude, found.commune_insee), found
    return None, None


def _or_error(value: Any, key: str, message: str) -> Any:
    if value is None:
        raise ValidationError({key: [message]})
    return value


def build_query(
    args: dict[str, Any],
    place: FamilyPlace | None,
    day: dt.date,
    vocabulary: Vocabulary | None = None,
) -> SearchQuery:
    """Return the engine's query, with the defaults of the issue (radius 10 km, sort)."""
    default_sort = "relevance" if args.get("q") else "distance" if place else "name"
    return SearchQuery(
        day=day,
        text=args.get("q", ""),
        needs=tuple(args.get("need", ())),
        age=args.get("age"),
        school_level=args.get("school_level"),
        place=place,
        radius_km=10.0 if args.get("radius_km") is None else args["radius_km"],
        free=args["free"],
        accepting=args["accepting"],
        sort=args.get("sort") or default_sort,
        page=args["page"],
        per_page=args["per_page"],
        exact=args.get("exact", False),
        vocabulary=vocabulary,
    )


def ensure_index(session: Session, index: Index) -> None:
    """Build a missing index from the database when it is small; otherwise start empty."""
    if index.exists():
        return
    try:
        if count_services(session) <= AUTO_BUILD_LIMIT:
            index.rebuild(all_documents(session, expunge=False))
        else:
            log.error("Index de recherche absent : lancez « relais search reindex ».")
            index.ensure()
    except IndexLocked:
        abort(503, "L'index de recherche est en cours de construction : réessayez dans un instant.")


def _load(session: Session, hits: list[Hit]) -> dict[int, Service]:
    services = session.scalars(
        select(Service)
        .where(Service.id.in_([hit.service_id for hit in hits]))
        .options(
            selectinload(Service.organisation),
            selectinload(Service.places),
            selectinload(Service.needs),
        )
    )
    return {service.id: service for service in services}


def app_backend(session: Session) -> SearchBackend:
    """Return the app's search backend, its index built first when missing and small."""
    ensure_index(session, get_index())
    return get_backend(session)


def run_search(
    session: Session,
    backend: SearchBackend,
    args: dict[str, Any],
    day: dt.date,
    user: Any = None,
) -> Outcome:
    """Search with validated arguments (in the vocabulary of the user's programme)."""
    place, geocoded = resolve_place(session, args)
    vocabulary = vocabulary_for(session, user)
    results = backend.search(build_query(args, place, day, vocabulary))
    services = _load(session, results.hits)
    items = [
        Found(
            services[hit.service_id],
            hit,
            snippet(services[hit.service_id].description, results.terms),
        )
        for hit in results.hits
        if hit.service_id in services
    ]
    return Outcome(items, results, place, geocoded, recognised(session, results.needs))


def recognised(session: Session, codes: list[str]) -> list[NeedTerm]:
    """Return the needs a query named, in the engine's order."""
    return taxonomy.needs_named(session, codes)


def ranked_service_ids(backend: SearchBackend, text: str, day: dt.date, limit: int) -> list[int]:
    """Return the ids of the services a text finds, best first (the HSDS API's `search`)."""
    query = SearchQuery(day=day, text=text, per_page=limit)
    return [hit.service_id for hit in backend.search(query).hits]


def where_params(session: Session, where: str) -> tuple[dict[str, str], str | None]:
    """Turn what was typed in « où » into URL parameters that never hold an address.

    A postcode or a commune name becomes `commune=<INSEE>`; an address is geocoded and becomes
    its commune (when only the commune was found) or its point rounded to ~100 m. Returns the
    parameters and a notice about the precision, if any.
    """
    where = where.strip()
    if point := re.fullmatch(r"(-?\d{1,2}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)", where):
        return {"lat": point.group(1), "lon": point.group(2)}, None
    if re.fullmatch(r"\d[\dAB]\d{3}", where):
        commune = next(iter(communes_for_postcode(session, where)), None)
        commune = commune or get_commune(session, where)
        if commune is not None:
            return {"commune": commune.insee_code}, None
    named = [c for c in find_communes(session, where, limit=5) if c.search_name == fold(where)]
    if named:
        return {"commune": named[0].insee_code}, None
    found = geocoding.geocode(session, where, get_geocoder(), now=dt.datetime.now(dt.UTC))
    if found is None:
        raise ValidationError({"where": [PLACE_NOT_FOUND]})
    if found.precision == geocoding.Precision.COMMUNE and found.commune_insee:
        notice = (
            "Le service d'adresses est injoignable : la recherche part du centre de la commune."
            if found.fallback
            else "Adresse placée au centre de sa commune."
        )
        return {"commune": found.commune_insee}, notice
    return {"lat": f"{found.latitude:.3f}", "lon": f"{found.longitude:.3f}"}, None
