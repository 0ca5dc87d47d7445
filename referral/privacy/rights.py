"""A family's rights from the UI: rectify the child's and family's record, withdraw a consent.

Withdrawing a consent is one function, `withdraw_consent`, called by the pages, the API and the
CLI alike: it marks the consent withdrawn, cancels the referrals agreed but not yet sent, and the
referrals already at a partner that no other valid consent covers, telling each partner only
that the orientation to its service is cancelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from flask import has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.accounts.models import User
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.consents.models import Consent
from referral.consents.services import mark_withdrawn
from referral.mail import mail_body, send_mail
from referral.pathways.models import Child, Family, Pathway
from referral.referrals import services as tracking
from referral.referrals.machine import ActorKind
from referral.referrals.models import Referral, ReferralState

AT_PARTNER = (
    ReferralState.SENT,
    ReferralState.ACKNOWLEDGED,
    ReferralState.WAITLISTED,
    ReferralState.APPOINTMENT_SET,
)
CHILD_FIELDS = ("first_name", "last_name", "sex", "birth_date", "school_level", "school_name")
FAMILY_FIELDS = ("address", "commune_insee", "qpv", "guardians")
WITHDRAWAL_NOTE = "Accord de la famille retiré."


@dataclass
class WithdrawalResult:
    """What a withdrawal changed: referrals cancelled, partners told."""

    cancelled: list[Referral] = field(default_factory=list)
    told: list[str] = field(default_factory=list)


def _still_covered(session: Session, referral: Referral, day: dt.date) -> bool:
    payload = referral.payload or tracking.build_payload(referral, day)
    try:
        tracking.covering_consent(session, referral, payload, day)
    except tracking.TrackingError:
        return False
    return True


def _at_partner(session: Session, consent: Consent) -> list[Referral]:
    query = select(Referral).where(
        Referral.pathway_id == consent.pathway_id,
        Referral.state.in_([str(s) for s in AT_PARTNER]),
        (Referral.consent_id == consent.id) | Referral.consent_id.is_(None),
    )
    return list(session.scalars(query.order_by(Referral.id)))


def tell_partner(referral: Referral, on: dt.date | None = None) -> str | None:
    """Tell the partner the orientation is cancelled: the service's name and nothing else."""
    address = referral.service.referral_email
    if not address or not has_app_context():
        return None
    send_mail(
        address,
        "Relais : orientation annulée",
        mail_body("referral_cancelled", service_name=referral.service.name, on=on),
    )
    return address


def cancel_at_partner_after_withdrawal(
    session: Session, consent: Consent, actor_id: int | None
) -> None:
    """Consent withdrawal hook: cancel referrals at a partner no other consent covers; tell it."""
    day = consent.withdrawn_on or dt.date.today()
    user = session.get(User, actor_id) if actor_id is not None else None
    actor = tracking.Actor(user, frozenset({ActorKind.REFERENT}), "web")
    for referral in _at_partner(session, consent):
        if _still_covered(session, referral, day):
            continue
        tracking.transition(
            session,
            referral,
            from_state=referral.state,
            to_state=ReferralState.CANCELLED,
            actor=actor,
            note=WITHDRAWAL_NOTE,
            today=day,
        )
        tell_partner(referral, day)


def withdraw_consent(
    session: Session, consent: Consent, *, actor_id: int | None, day: dt.date
) -> WithdrawalResult:
    """Withdraw a consent and cancel every referral that relied on it alone."""
    if consent.withdrawn_on is not None:
        return WithdrawalResult()
    pathway = session.get(Pathway, consent.pathway_id)
    assert pathway is not None
    at_partner = _at_partner(session, consent)
    mark_withdrawn(session, consent, on=day, actor_id=actor_id)
    tracking.cancel_unsent_after_withdrawal(session, consent, actor_id)
    cancel_at_partner_after_withdrawal(session, consent, actor_id)
    result = WithdrawalResult(
        cancelled=[r for r in at_partner if r.state == ReferralState.CANCELLED]
    )
    result.told = [r.service.referral_email for r in result.cancelled if r.service.referral_email]
    record(
        session,
        actor_id=actor_id,
        action="privacy.consent_withdrawn",
        category=AuditCategory.CASE,
        target_type="pathway",
        target_id=pathway.uid,
        details={"consent": str(consent.uid), "cancelled": [str(r.uid) for r in result.cancelled]},
    )
    return result


def rectify(
    session: Session, pathway: Pathway, changes: dict[str, Any], *, actor_id: int | None
) -> list[str]:
    """Apply corrections to the child's and family's record; log which fields (never values)."""
    child: Child = pathway.child
    family: Family = child.family
    changed = []
    for name in CHILD_FIELDS:
        if name in changes and getattr(child, name) != changes[name]:
            setattr(child, name, changes[name])
            changed.append(f"child.{name}")
    for name in FAMILY_FIELDS:
        if name in changes and getattr(family, name) != changes[name]:
            setattr(family, name, changes[name])
            changed.append(f"family.{name}")
    session.flush()
    if changed:
        record(
            session,
            actor_id=actor_id,
            action="privacy.rectify",
            category=AuditCategory.CASE,
            target_type="pathway",
            target_id=pathway.uid,
            details={"fields": changed, "child_id": child.id},
        )
    return changed
