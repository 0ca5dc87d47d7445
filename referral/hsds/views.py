"""HSDS 3 endpoints: thin views over the catalogue and the shared Relais → HSDS mapping."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from catalogue.models import Service
from catalogue.taxonomy import list_needs
from importers.hsds import mapping
from referral import database
from referral.hsds import queries

MAX_PER_PAGE = 100


class ListQuery(Schema):
    """Paging and filters shared by the HSDS lists."""

    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    per_page = fields.Integer(load_default=50, validate=validate.Range(1, MAX_PER_PAGE))
    search = fields.String(load_default="", validate=validate.Length(max=200))
    taxonomy_term_id = fields.String(load_default=None)
    postcode = fields.String(
        load_default=None, validate=validate.Regexp(r"^\d{5}$", error="Code postal invalide.")
    )
    proximity = fields.Float(
        load_default=None, validate=validate.Range(0, 200_000, min_inclusive=False)
    )

    class Meta:
        unknown = "exclude"

    @validates_schema
    def _proximity_needs_postcode(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("proximity") is not None and not data.get("postcode"):
            raise ValidationError("La proximité se mesure depuis un code postal.", "proximity")


def _args() -> dict[str, Any]:
    return ListQuery().load(request.args)


def _need(args: dict[str, Any]) -> str | None:
    term = args.get("taxonomy_term_id")
    if not term:
        return None
    code = queries.need_code_for_term(database.session(), term)
    if code is None:
        raise ValidationError({"taxonomy_term_id": ["Terme de taxonomie inconnu."]})
    return code


def root() -> ResponseReturnValue:
    """Describe this API: the HSDS version it follows."""
    return jsonify(version=mapping.HSDS_VERSION, profile=mapping.HSDS_PROFILE)


def services() -> ResponseReturnValue:
    """List active services (one-to-one fields and their organisation)."""
    args = _args()
    session = database.session()
    query = queries.active_services(session, dt.date.today(), args["search"], _need(args))
    rows, total = queries.page_of(
        session, queries.with_relations(query), args["page"], args["per_page"]
    )
    items = [
        {**mapping.service_basic(row), "organization": mapping.organization(row.organisation)}
        for row in rows
    ]
    return jsonify(mapping.page_envelope(items, total, args["page"], args["per_page"]))


def service(service_id: uuid.UUID) -> ResponseReturnValue:
    """Return one active service, fully nested (a malformed id matches no route: 404)."""
    query = queries.active_services(database.session(), dt.date.today())
    found = (
        database.session()
        .scalars(queries.with_relations(query.where(Service.uid == service_id)))
        .first()
    )
    if found is None:
        abort(404, "Service introuvable.")
    return jsonify(mapping.service_full(found))


def organizations() -> ResponseReturnValue:
    """List organisations (one-to-one fields)."""
    args = _args()
    session = database.session()
    rows, total = queries.page_of(
        session, queries.organisations(session, args["search"]), args["page"], args["per_page"]
    )
    items = [mapping.organization(row) for row in rows]
    return jsonify(mapping.page_envelope(items, total, args["page"], args["per_page"]))


def service_at_locations() -> ResponseReturnValue:
    """List where active services are delivered, near a postcode when one is given."""
    args = _args()
    session = database.session()
    origin = None
    if args.get("postcode"):
        origin = queries.postcode_origin(session, args["postcode"])
        if origin is None:
            raise ValidationError({"postcode": ["Code postal inconnu."]})
    pairs, total = queries.service_at_locations(
        session,
        dt.date.today(),
        page=args["page"],
        per_page=args["per_page"],
        search=args["search"],
        need=_need(args),
        origin=origin,
        proximity_m=args.get("proximity"),
    )
    items = [
        {
            **mapping.service_at_location(service, place),
            "location": mapping.location(place),
            "service": mapping.service_basic(service),
        }
        for service, place in pairs
    ]
    return jsonify(mapping.page_envelope(items, total, args["page"], args["per_page"]))


def taxonomies() -> ResponseReturnValue:
    """List the taxonomies Relais publishes."""
    items = mapping.taxonomies()
    return jsonify(mapping.page_envelope(items, len(items), 1, max(1, len(items))))


def taxonomy_terms() -> ResponseReturnValue:
    """List the needs taxonomy as HSDS taxonomy terms."""
    args = _args()
    terms = [mapping.need_term(term) for term in list_needs(database.session())]
    start = (args["page"] - 1) * args["per_page"]
    items = terms[start : start + args["per_page"]]
    return jsonify(mapping.page_envelope(items, len(terms), args["page"], args["per_page"]))
