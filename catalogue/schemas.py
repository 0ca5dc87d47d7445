"""Input validation for the catalogue: a bad value is refused with a field-level message."""

from __future__ import annotations

import re
from typing import Any

import opening_hours
from marshmallow import Schema, ValidationError, fields, validate, validates, validates_schema
from stdnum.fr import siret as siret_number

from catalogue.models import Capacity, Cost, Mobilisation, Public, SchoolLevel, ServiceStatus

INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
DEPARTMENT_CODE = re.compile(r"^(\d{2}|2[AB]|97\d)$")
SIREN = re.compile(r"^\d{9}$")
PHONE = re.compile(r"^\+?[\d .\-()]{6,20}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _choices(enum_type: Any) -> validate.OneOf:
    return validate.OneOf([member.value for member in enum_type])


def _code_list(pattern: re.Pattern[str], what: str) -> fields.List:
    return fields.List(
        fields.String(validate=validate.Regexp(pattern, error=f"{what} invalide : {{input}}.")),
        load_default=list,
    )


def validate_opening_hours(value: str) -> None:
    """Refuse a value that is not in OpenStreetMap opening_hours syntax."""
    if value and not opening_hours.validate(value):
        raise ValidationError("Horaires invalides (syntaxe OpenStreetMap opening_hours attendue).")


class OrganisationInput(Schema):
    """What it takes to create or edit an organisation."""

    name = fields.String(required=True, validate=validate.Length(min=2, max=300))
    kind = fields.String(load_default="autre")
    siret = fields.String(load_default=None, allow_none=True)
    description = fields.String(load_default="")
    email = fields.Email(load_default=None, allow_none=True)
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(PHONE))
    website = fields.Url(load_default=None, allow_none=True)
    source = fields.String(load_default=None, allow_none=True)
    source_id = fields.String(load_default=None, allow_none=True)

    @validates("siret")
    def _siret(self, value: str | None, **_: Any) -> None:
        if value and not siret_number.is_valid(value):
            raise ValidationError("SIRET invalide (14 chiffres, clé de contrôle).")


class PlaceInput(Schema):
    """A place: an address and, when known, a point."""

    name = fields.String(load_default="", validate=validate.Length(max=300))
    address = fields.String(load_default="", validate=validate.Length(max=300))
    postcode = fields.String(
        load_default="", validate=validate.Regexp(r"^(\d{5})?$", error="Code postal invalide.")
    )
    commune_insee = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(INSEE_CODE)
    )
    latitude = fields.Float(load_default=None, allow_none=True, validate=validate.Range(-90, 90))
    longitude = fields.Float(load_default=None, allow_none=True, validate=validate.Range(-180, 180))
    accessibility = fields.String(load_default="")
    transport = fields.String(load_default="")
    source = fields.String(load_default=None, allow_none=True)
    source_id = fields.String(load_default=None, allow_none=True)

    @validates_schema
    def _point(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError("Latitude et longitude vont ensemble.", "longitude")


class ServiceInput(Schema):
    """Everything DESIGN §4 lists about a service, validated field by field."""

    def __init__(self, *, known_needs: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.known_needs = known_needs

    name = fields.String(required=True, validate=validate.Length(min=2, max=300))
    description = fields.String(load_default="")
    needs = fields.List(fields.String(), load_default=list)
    publics = fields.List(fields.String(validate=_choices(Public)), load_default=list)
    age_min = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(0, 99))
    age_max = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(0, 99))
    school_levels = fields.List(fields.String(validate=_choices(SchoolLevel)), load_default=list)
    eligibility = fields.String(load_default="")
    qpv_only = fields.Boolean(load_default=False)
    mdph_required = fields.Boolean(load_default=False)
    rep_only = fields.Boolean(load_default=False)
    area_communes = _code_list(INSEE_CODE, "Code INSEE")
    area_departments = _code_list(DEPARTMENT_CODE, "Code de département")
    area_epcis = _code_list(SIREN, "SIREN d'EPCI")
    area_radius_km = fields.Float(
        load_default=None, allow_none=True, validate=validate.Range(0, 200, min_inclusive=False)
    )
    cost = fields.String(load_default=Cost.FREE.value, validate=_choices(Cost))
    cost_details = fields.String(load_default="")
    mobilisation = fields.List(fields.String(validate=_choices(Mobilisation)), load_default=list)
    referral_email = fields.Email(load_default=None, allow_none=True)
    referral_phone = fields.String(
        load_default=None, allow_none=True, validate=validate.Regexp(PHONE)
    )
    capacity = fields.String(load_default=Capacity.OPEN.value, validate=_choices(Capacity))
    waitlist_weeks = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(0, 260)
    )
    languages = _code_list(LANGUAGE, "Code de langue")
    accessibility = fields.String(load_default="")
    opening_hours = fields.String(load_default="", validate=validate_opening_hours)
    keywords = fields.List(fields.String(validate=validate.Length(max=80)), load_default=list)
    status = fields.String(
        load_default=ServiceStatus.PENDING.value, validate=_choices(ServiceStatus)
    )
    suspended_until = fields.Date(load_default=None, allow_none=True)
    confidential_address = fields.Boolean(load_default=False)
    last_verified_on = fields.Date(load_default=None, allow_none=True)
    update_frequency_days = fields.Integer(load_default=180, validate=validate.Range(7, 3650))
    source = fields.String(load_default=None, allow_none=True)
    source_id = fields.String(load_default=None, allow_none=True)

    @validates("needs")
    def _needs(self, value: list[str], **_: Any) -> None:
        unknown = sorted(set(value) - self.known_needs) if self.known_needs is not None else []
        if unknown:
            raise ValidationError(f"Besoin inconnu : {', '.join(unknown)}.")

    @validates_schema
    def _cross_fields(self, data: dict[str, Any], **_: Any) -> None:
        age_min, age_max = data.get("age_min"), data.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            raise ValidationError(
                f"L'âge minimum ({age_min} ans) dépasse l'âge maximum ({age_max} ans).", "age_max"
            )
        if data.get("status") == ServiceStatus.SUSPENDED and not data.get("suspended_until"):
            raise ValidationError("Une suspension a une date de fin.", "suspended_until")
