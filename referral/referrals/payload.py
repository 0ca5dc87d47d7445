"""The minimum a partner receives (DESIGN §6), and the family consent that must cover it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Service
from referral.consents.models import Consent, SharedInformation
from referral.pathways.models import Need, Pathway
from referral.referrals.errors import TrackingError
from referral.referrals.models import Referral, ReferralState

#: Once a referral ends this way, the partner keeps only the service, the dates and the outcome.
CLOSED_TO_PARTNER = frozenset(
    {
        ReferralState.CANCELLED,
        ReferralState.DECLINED_BY_PARTNER,
        ReferralState.EXPIRED,
        ReferralState.NO_FOLLOW_UP,
        ReferralState.CLOSED,
    }
)
GUARDIAN_KEYS = ("name", "relationship", "phone", "email", "language")

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
    return preview_payload(referral.pathway, referral.need, referral.family_message, day)


def preview_payload(pathway: Pathway, need: Need, message: str, day: dt.date) -> dict[str, Any]:
    """Return what the partner would receive for this need with this message."""
    child = pathway.child
    referent = pathway.referent
    return {
        "child_first_name": child.first_name,
        "child_age": child.age_on(day),
        "school_level": child.school_level,
        "need": need.term.label if need.term else need.need_code,
        "parent_contact": contactable_guardians(child.family.guardians or []),
        "referent_contact": {
            "name": getattr(referent, "full_name", "") or "",
            "phone": getattr(referent, "phone", "") or "",
            "email": getattr(referent, "email", "") or "",
        },
        "family_message": message.strip(),
    }


def contactable_guardians(guardians: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the guardians the partner may contact, with their contact fields only."""
    return [
        {key: guardian.get(key) or "" for key in GUARDIAN_KEYS}
        for guardian in guardians
        if guardian.get("may_contact", True)
    ]


def partner_view(referral: Referral) -> dict[str, Any]:
    """Return what the partner may still read: nothing of the child once the referral is over.

    A withdrawn consent, a cancelled, declined, expired, unfollowed or closed referral keep
    only the service, the dates and the outcome (shown from the referral itself).
    """
    consent = referral.consent
    withdrawn = consent is not None and consent.withdrawn_on is not None
    if referral.state in CLOSED_TO_PARTNER or withdrawn or referral.sent_at is None:
        return {}
    return dict(referral.payload or {})


def information_in(payload: dict[str, Any]) -> set[str]:
    """Return the consent items a payload carries (empty values are not sent information)."""
    return {str(item) for key, item in _CONSENTED.items() if payload.get(key) not in (None, "", [])}


def consent_for(
    session: Session, pathway_id: int, service: Service, payload: dict[str, Any], day: dt.date
) -> Consent | None:
    """Return the newest valid consent covering this service and this payload, if any."""
    needed = information_in(payload)
    consents = session.scalars(
        select(Consent).where(Consent.pathway_id == pathway_id).order_by(Consent.id.desc())
    )
    return next((each for each in consents if each.covers(service, needed, day)), None)


def covering_consent(
    session: Session, referral: Referral, payload: dict[str, Any], day: dt.date
) -> Consent:
    """Return the family's valid consent covering this service and this payload, or refuse."""
    found = consent_for(session, referral.pathway_id, referral.service, payload, day)
    if found is not None:
        return found
    raise TrackingError(
        "Envoi impossible : aucun accord valide de la famille ne couvre ce partenaire et ces "
        "informations. Recueillez l'accord de la famille d'abord.",
        {"consent": ["Accord de la famille manquant, retiré ou incomplet."]},
    )
