"""Referral API schemas: separate input and output schemas."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from referral.referrals.machine import DeclineReason
from referral.referrals.models import ReferralContext, ReferralState

REQUIRED: dict[str, Any] = {"required": "Champ obligatoire."}


class ReferralIn(Schema):
    """A new referral: one need of a pathway to one service."""

    need_id = fields.UUID(required=True, error_messages=REQUIRED)
    service_id = fields.UUID(required=True, error_messages=REQUIRED)
    context = fields.String(
        load_default=str(ReferralContext.CONSTRUCTION),
        validate=validate.OneOf([str(c) for c in ReferralContext]),
    )
    family_message = fields.String(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={"description": "Message pour le partenaire, validé avec la famille"},
    )
    send = fields.Boolean(
        load_default=False,
        metadata={
            "description": "Envoyer aussitôt : un accord de la famille enregistré doit couvrir "
            "le service (sinon 422 et rien n'est créé)"
        },
    )


class ReorientIn(Schema):
    """Re-orient a finished referral: a new one to another service, linked to the old one."""

    service_id = fields.UUID(required=True, error_messages=REQUIRED)
    family_message = fields.String(load_default="", validate=validate.Length(max=2000))
    send = fields.Boolean(load_default=False)


class ReferralTransitionIn(Schema):
    """A move of the referral: the state seen, the state wanted, and what it carries."""

    from_state = fields.String(required=True, data_key="from", error_messages=REQUIRED)
    to_state = fields.String(
        required=True,
        data_key="to",
        error_messages=REQUIRED,
        validate=validate.OneOf([str(s) for s in ReferralState]),
    )
    reason = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf([str(r) for r in DeclineReason]),
    )
    note = fields.String(load_default="", validate=validate.Length(max=2000))
    expected_on = fields.Date(load_default=None, allow_none=True)
    appointment_on = fields.Date(load_default=None, allow_none=True)
    channel = fields.String(
        load_default="api",
        validate=validate.OneOf(["api", "phone", "in_person"]),
        metadata={"description": "phone / in_person : réponse du partenaire notée pour lui"},
    )


class ReferralEventOut(Schema):
    """One event of a referral's history."""

    at = fields.DateTime()
    from_state = fields.String(data_key="from", allow_none=True)
    to_state = fields.String(data_key="to")
    reason = fields.String(allow_none=True)
    note = fields.String()
    dates = fields.Dict(keys=fields.String(), values=fields.String())
    channel = fields.String()
    on_behalf_of_partner = fields.Boolean()


class ReferralOut(Schema):
    """A referral as its référent and coordinator see it, with its history."""

    id = fields.UUID()
    pathway_id = fields.UUID()
    need_id = fields.UUID()
    service_id = fields.UUID()
    service_name = fields.String()
    previous_id = fields.UUID(allow_none=True)
    context = fields.String()
    state = fields.String()
    waiting_on = fields.String()
    sent_at = fields.DateTime(allow_none=True)
    decline_reason = fields.String(allow_none=True)
    expected_on = fields.Date(allow_none=True)
    appointment_on = fields.Date(allow_none=True)
    allowed = fields.List(fields.String(), metadata={"description": "États atteignables par vous"})
    payload = fields.Dict(allow_none=True)
    events = fields.List(fields.Nested(ReferralEventOut))


class PartnerReferralOut(Schema):
    """A referral as the partner sees it: the minimum payload, nothing else of the child."""

    id = fields.UUID()
    service_id = fields.UUID()
    service_name = fields.String()
    state = fields.String()
    sent_at = fields.DateTime(allow_none=True)
    expected_on = fields.Date(allow_none=True)
    appointment_on = fields.Date(allow_none=True)
    allowed = fields.List(fields.String())
    payload = fields.Dict(allow_none=True)


class ReferralRefusalOut(Schema):
    """A refused transition: 409 (conflict, with the current state) or 422 (allowed states)."""

    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
    current_state = fields.String()
    allowed = fields.List(fields.String())
