"""Catalogue schemas of the API: pagination (in), services, places and needs (out)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class PageQuery(Schema):
    """Pagination parameters shared by every list."""

    page = fields.Integer(
        load_default=1, validate=validate.Range(min=1), metadata={"description": "Page (1…)"}
    )
    per_page = fields.Integer(
        load_default=20,
        validate=validate.Range(min=1, max=100, error="per_page doit être compris entre 1 et 100."),
        metadata={"description": "Éléments par page (100 au plus)"},
    )


class NeedDomainOut(Schema):
    """A need domain."""

    code = fields.String()
    label = fields.String()


class NeedOut(Schema):
    """A need of the taxonomy."""

    code = fields.String()
    label = fields.String()
    domain = fields.Nested(NeedDomainOut)
    examples = fields.String()


class OrganisationRef(Schema):
    """An organisation as referred to from a service."""

    id = fields.UUID(attribute="uid")
    name = fields.String()
    kind = fields.String()


class PlaceOut(Schema):
    """A place where a service is delivered."""

    id = fields.UUID(attribute="uid")
    name = fields.String()
    address = fields.String()
    postcode = fields.String()
    commune_insee = fields.String(allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)


class ServiceOut(Schema):
    """A service of the catalogue."""

    id = fields.UUID(attribute="uid")
    name = fields.String()
    description = fields.String()
    organisation = fields.Nested(OrganisationRef)
    needs = fields.List(fields.String(), attribute="need_codes")
    publics = fields.List(fields.String())
    age_min = fields.Integer(allow_none=True)
    age_max = fields.Integer(allow_none=True)
    school_levels = fields.List(fields.String())
    status = fields.String()
    suspended_until = fields.Date(allow_none=True)
    cost = fields.String()
    capacity = fields.String()
    waitlist_weeks = fields.Integer(allow_none=True)
    mobilisation = fields.List(fields.String())
    languages = fields.List(fields.String())
    opening_hours = fields.String()
    last_verified_on = fields.Date(allow_none=True)
    places = fields.List(fields.Nested(PlaceOut), attribute="public_places")
