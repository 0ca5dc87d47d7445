"""The minimum a partner receives (DESIGN §6), and the family consent that must cover it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.consents.models import Consent, SharedInformation
from referral.referrals.errors import TrackingError
from referral.referrals.models import Referral

PAYLOAD_KEYS = (
    "child_first_name",
    "child_age",
    "school_level",
    "need",
    "parent_contact",
    "referent_contact",
    "family_message",
)
# The payload's keys that are the family's information, hence need its consent.
_CONSENTED = {
    "child_first_name": SharedInformation.CHILD_FIRST_NAME,
    "child_age": SharedInformation.CHILD_AGE,
    "school_level": SharedInformation.SCHOOL_LEVEL,
    "need": SharedInformation.NEED,
    "parent_contact": SharedInformation.PARENT_CONTACT,
    "family_message": SharedInformation.FAMILY_MESSAGE,
}


def build_payload(referral: Referral, day: dt.date) -> dict[str, Any]:
    """Return the minimum a partner receives (DESIGN §6): exactly `PAYLOAD_KEYS`."""
    child = referral.pathway.child
    guardian: dict[str, Any] = next(iter(child.family.guardians or []), {}) or {}
    referent = referral.pathway.referent
    return {
        "child_first_name": child.first_name,
        "child_age": child.age_on(day),
        "school_level": child.school_level,
        "need": referral.need.term.label if referral.need.term else referral.need.need_code,
        "parent_contact": {
            "name": guardian.get("name", ""),
            "phone": guardian.get("phone", ""),
            "email": guardian.get("email", ""),
        },
        "referent_contact": {
            "name": getattr(referent, "full_name", "") or "",
            "phone": getattr(referent, "phone", "") or "",
            "email": getattr(referent, "email", "") or "",
        },
        "family_message": referral.family_message,
    }


def information_in(payload: dict[str, Any]) -> set[str]:
    """Return the consent items a payload carries (empty values are not sent information)."""
    return {str(item) for key, item in _CONSENTED.items() if payload.get(key) not in (None, "")}


def covering_consent(
    session: Session, referral: Referral, payload: dict[str, Any], day: dt.date
) -> Consent:
    """Return the family's valid consent covering this service and this payload, or refuse."""
    needed = information_in(payload)
    consents = session.scalars(
        select(Consent).where(Consent.pathway_id == referral.pathway_id).order_by(Consent.id.desc())
    )
    for consent in consents:
        if consent.covers(referral.service, needed, day):
            return consent
    raise TrackingError(
        "Envoi impossible : aucun accord valide de la famille ne couvre ce partenaire et ces "
        "informations. Recueillez l'accord de la famille d'abord.",
        {"consent": ["Accord de la famille manquant, retiré ou incomplet."]},
    )
