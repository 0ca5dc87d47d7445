"""Pathway API schemas: separate input and output schemas (marshmallow 4)."""

from __future__ import annotations

from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    validate,
    validates,
    validates_schema,
)

from catalogue.hours import WEEKDAYS
from referral.catalogue.schemas import NeedOut, ServiceOut
from referral.consents.models import SharedInformation
from referral.pathways.guardians import RELATIONSHIPS, minimised, normalise_phone
from referral.pathways.models import NeedStatus, PathwayState
from referral.pathways.services import NEED_CONCERNS, NEED_ORIGINS

LEVELS = ["maternelle", "elementaire", "college", "lycee", "PS", "MS", "GS", "CP", "CE1", "CE2",
          "CM1", "CM2", "6e", "5e", "4e", "3e", "2nde", "1re", "Tle"]  # fmt: skip
REQUIRED: dict[str, str | list[Any] | dict[Any, Any]] = {"required": "Champ obligatoire."}


class ChildIn(Schema):
    """The child, minimised: no NIR, no diagnosis."""

    first_name = fields.String(
        required=True, validate=validate.Length(1, 100), error_messages=REQUIRED
    )
    last_name = fields.String(
        required=True, validate=validate.Length(1, 100), error_messages=REQUIRED
    )
    sex = fields.String(
        required=True, validate=validate.OneOf(["F", "M", "X"]), error_messages=REQUIRED
    )
    birth_date = fields.Date(required=True, error_messages=REQUIRED)
    school_level = fields.String(load_default=None, validate=validate.OneOf(LEVELS))
    school_name = fields.String(load_default=None, validate=validate.Length(max=200))
    school_uai = fields.String(load_default=None, validate=validate.Regexp(r"^\d{7}[A-Z]$"))
    school_priority = fields.String(
        load_default="none", validate=validate.OneOf(["none", "rep", "rep+"])
    )
    category = fields.Integer(load_default=None, validate=validate.Range(1, 4))
    mdph_notification = fields.Boolean(load_default=False)


class GuardianIn(Schema):
    """A parent's or guardian's contact, and whether the partner may contact them."""

    name = fields.String(required=True, validate=validate.Length(1, 200), error_messages=REQUIRED)
    relationship = fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(RELATIONSHIPS)
    )
    phone = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=30))
    email = fields.Email(
        load_default=None, allow_none=True, error_messages={"invalid": "Adresse e-mail invalide."}
    )
    language = fields.String(load_default="fr", allow_none=True, validate=validate.Length(2, 3))
    may_contact = fields.Boolean(
        load_default=True,
        metadata={"description": "Le partenaire peut le contacter (reçoit ses coordonnées)"},
    )

    @validates("phone")
    def _phone_is_valid(self, value: str | None, **_: Any) -> None:
        if value:
            try:
                normalise_phone(value)
            except ValueError as error:
                raise ValidationError(str(error)) from None

    @post_load
    def _normalised(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        if data.get("phone"):
            data["phone"] = normalise_phone(data["phone"])
        return minimised(data)


class FamilyIn(Schema):
    """Where the family lives, its languages and its constraints."""

    commune = fields.String(
        required=True, validate=validate.Regexp(r"^\d[\dAB]\d{3}$"), error_messages=REQUIRED
    )
    address = fields.String(load_default=None)
    latitude = fields.Float(load_default=None, validate=validate.Range(-90, 90))
    longitude = fields.Float(load_default=None, validate=validate.Range(-180, 180))
    qpv = fields.Boolean(load_default=False)
    max_distance_km = fields.Float(load_default=10.0, validate=validate.Range(0.5, 200))
    free_only = fields.Boolean(load_default=False)
    languages = fields.List(
        fields.String(validate=validate.Length(2, 3)), load_default=lambda: ["fr"]
    )
    days_available = fields.List(
        fields.String(
            validate=validate.OneOf(WEEKDAYS, error="Jour attendu : mo, tu, we, th, fr, sa ou su.")
        ),
        load_default=list,
    )
    guardians = fields.List(fields.Nested(GuardianIn), load_default=list)

    @validates_schema
    def _point_is_complete(self, data: dict[str, Any], **_: Any) -> None:
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError("Latitude et longitude vont ensemble.", "latitude")


class PathwayIn(Schema):
    """A new pathway: the child, the family and the contract dates."""

    child = fields.Nested(ChildIn, required=True, error_messages=REQUIRED)
    family = fields.Nested(FamilyIn, required=True, error_messages=REQUIRED)
    contract_start = fields.Date(load_default=None)
    contract_end = fields.Date(load_default=None)
    programme = fields.UUID(load_default=None, metadata={"description": "Programme (si plusieurs)"})

    @validates_schema
    def _dates_in_order(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end <= start:
            raise ValidationError("La fin du contrat doit suivre son début.", "contract_end")


class NeedIn(Schema):
    """A need to add: a taxonomy code, who it concerns, its origin and priority."""

    need = fields.String(required=True, error_messages=REQUIRED)
    concerns = fields.String(load_default="child", validate=validate.OneOf(NEED_CONCERNS))
    origin = fields.String(load_default="referent", validate=validate.OneOf(NEED_ORIGINS))
    priority = fields.Integer(load_default=2, validate=validate.Range(1, 3))
    justification = fields.String(load_default="")


class ConsentIn(Schema):
    """The family's agreement: who gave it, when, for which partners and information."""

    given_by = fields.String(
        required=True, validate=validate.Length(1, 200), error_messages=REQUIRED
    )
    given_on = fields.Date(required=True, error_messages=REQUIRED)
    purpose = fields.String(load_default="orientation", validate=validate.Length(1, 40))
    information = fields.List(
        fields.String(validate=validate.OneOf([str(item) for item in SharedInformation])),
        required=True,
        validate=validate.Length(min=1),
        error_messages=REQUIRED,
    )
    services = fields.List(fields.UUID(), load_default=list)
    organisations = fields.List(fields.UUID(), load_default=list)
    note = fields.String(load_default="")

    @validates_schema
    def _some_partner(self, data: dict[str, Any], **_: Any) -> None:
        if not data.get("services") and not data.get("organisations"):
            raise ValidationError("Indiquez au moins un service ou une structure.", "services")


class TransitionIn(Schema):
    """A move along the lifecycle: the state seen, the state wanted, a note."""

    from_state = fields.String(required=True, data_key="from", error_messages=REQUIRED)
    to_state = fields.String(
        required=True,
        data_key="to",
        validate=validate.OneOf([str(s) for s in PathwayState]),
        error_messages=REQUIRED,
    )
    note = fields.String(load_default="")
    exit_reason = fields.String(load_default=None)


class ChildOut(Schema):
    """The child as shown to those who may see the pathway."""

    first_name = fields.String()
    last_name = fields.String()
    sex = fields.String()
    birth_date = fields.Date()
    school_level = fields.String(allow_none=True)
    school_name = fields.String(allow_none=True)
    school_priority = fields.String()
    category = fields.Integer(allow_none=True)


class GuardianOut(Schema):
    """A parent's or guardian's contact, as the team sees it."""

    name = fields.String()
    relationship = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    language = fields.String(allow_none=True)
    may_contact = fields.Boolean(dump_default=True)


class FamilyOut(Schema):
    """The family's place, constraints and contacts."""

    commune = fields.String(attribute="commune_insee", allow_none=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    qpv = fields.Boolean()
    max_distance_km = fields.Float()
    free_only = fields.Boolean()
    languages = fields.List(fields.String())
    guardians = fields.List(fields.Nested(GuardianOut))


class PathwayNeedOut(Schema):
    """A need of a pathway."""

    id = fields.UUID(attribute="uid")
    need = fields.Nested(NeedOut, attribute="term")
    concerns = fields.String()
    origin = fields.String()
    priority = fields.Integer()
    status = fields.String(validate=validate.OneOf([str(s) for s in NeedStatus]))
    justification = fields.String()


class ConsentOut(Schema):
    """A recorded consent."""

    id = fields.UUID(attribute="uid")
    purpose = fields.String()
    given_by = fields.String()
    given_on = fields.Date()
    information = fields.List(fields.String())
    services = fields.List(fields.UUID(), attribute="service_uids")
    withdrawn_on = fields.Date(allow_none=True)


class PathwayOut(Schema):
    """A pathway with its child, family, dates and needs."""

    id = fields.UUID(attribute="uid")
    state = fields.String()
    allowed_transitions = fields.List(fields.String())
    programme = fields.UUID(attribute="programme.uid")
    referent = fields.UUID(attribute="referent.uid", allow_none=True)
    child = fields.Nested(ChildOut)
    family = fields.Nested(FamilyOut, attribute="child.family")
    identified_on = fields.Date()
    family_agreed_on = fields.Date(allow_none=True)
    contract_start = fields.Date(allow_none=True)
    contract_end = fields.Date(allow_none=True)
    exit_review_due_on = fields.Date(allow_none=True)
    last_contact_on = fields.Date(allow_none=True)
    needs = fields.List(fields.Nested(PathwayNeedOut))


class ReasonOut(Schema):
    """A reason: a stable code and a French text."""

    code = fields.String()
    text = fields.String()


class ProposalOut(Schema):
    """A ranked proposal for a need."""

    service = fields.Nested(ServiceOut)
    score = fields.Float()
    distance_km = fields.Float(allow_none=True)
    reasons = fields.List(fields.Nested(ReasonOut))


class NearMissOut(Schema):
    """A service that covers the need within distance but is blocked."""

    service = fields.Nested(ServiceOut)
    distance_km = fields.Float(allow_none=True)
    blocking = fields.List(fields.Nested(ReasonOut))


class NeedProposalsOut(Schema):
    """The proposals and near misses of one need."""

    need = fields.Nested(NeedOut)
    need_id = fields.UUID()
    proposals = fields.List(fields.Nested(ProposalOut))
    near_misses = fields.List(fields.Nested(NearMissOut))


class PlanItemOut(Schema):
    """One service of the combined plan and the needs it covers."""

    service = fields.Nested(ServiceOut)
    needs = fields.List(fields.String())
    explanation = fields.String()


class ProposalsOut(Schema):
    """Proposals per need, the combined plan and the needs nothing covers."""

    needs = fields.List(fields.Nested(NeedProposalsOut))
    plan = fields.List(fields.Nested(PlanItemOut))
    uncovered = fields.List(fields.String())


class TransitionErrorOut(Schema):
    """A refused move: the messages, the current state and the allowed moves."""

    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    state = fields.String()
    allowed = fields.List(fields.String())
