"""A family's data export (RGPD right of access): every record Relais keeps about the family.

The same plain data feeds the printable page and the JSON file; producing it is logged, and
too many exports by one person within an hour raise an alert in the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from referral.audit.models import AuditCategory, AuditEvent
from referral.audit.services import record
from referral.consents.models import Consent
from referral.labels import label
from referral.pathways.models import Child, Family, Pathway
from referral.referrals.models import Referral

EXPORT_ACTION = "privacy.export"
ALERT_ACTION = "privacy.bulk_export_alert"


def _day(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _referral(referral: Referral) -> dict[str, Any]:
    return {
        "id": str(referral.uid),
        "need": referral.need.term.label,
        "service": referral.service.name,
        "partner": referral.service.organisation.name,
        "state": label("referral_state", referral.state),
        "decline_reason": label("decline_reason", referral.decline_reason) or None,
        "family_message": referral.family_message,
        "sent_information": referral.payload,
        "history": [
            {
                "at": _day(e.at),
                "from": label("referral_state", e.from_state) or None,
                "to": label("referral_state", e.to_state),
                "note": e.note,
            }
            for e in referral.events
        ],
    }


def _consent(consent: Consent) -> dict[str, Any]:
    return {
        "id": str(consent.uid),
        "purpose": consent.purpose,
        "given_by": consent.given_by,
        "given_on": _day(consent.given_on),
        "information": list(consent.information),
        "partners": [s.name for s in consent.services] + [o.name for o in consent.organisations],
        "withdrawn_on": _day(consent.withdrawn_on),
    }


def _pathway(session: Session, pathway: Pathway) -> dict[str, Any]:
    consents = session.scalars(
        select(Consent).where(Consent.pathway_id == pathway.id).order_by(Consent.id)
    )
    referrals = session.scalars(
        select(Referral).where(Referral.pathway_id == pathway.id).order_by(Referral.id)
    )
    return {
        "id": str(pathway.uid),
        "programme": pathway.programme.name,
        "state": pathway.state,
        "identified_on": _day(pathway.identified_on),
        "family_agreed_on": _day(pathway.family_agreed_on),
        "contract": {"start": _day(pathway.contract_start), "end": _day(pathway.contract_end)},
        "exited_on": _day(pathway.exited_on),
        "exit_reason": label("exit_reason", pathway.exit_reason) or None,
        "referent": pathway.referent.full_name if pathway.referent else None,
        "needs": [
            {
                "need": n.term.label,
                "concerns": n.concerns,
                "raised_by": n.origin,
                "status": n.status,
                "identified_on": _day(n.created_at),
                "justification": n.justification,
            }
            for n in pathway.needs
        ],
        "consents": [_consent(c) for c in consents],
        "referrals": [_referral(r) for r in referrals],
        "contacts": [{"on": _day(c.on), "kind": c.kind, "note": c.note} for c in pathway.contacts],
        "history": [
            {"at": _day(e.at), "from": e.from_state, "to": e.to_state, "note": e.note}
            for e in pathway.events
        ],
    }


def _child(session: Session, child: Child) -> dict[str, Any]:
    pathways = session.scalars(
        select(Pathway).where(Pathway.child_id == child.id).order_by(Pathway.id)
    )
    return {
        "first_name": child.first_name,
        "last_name": child.last_name,
        "sex": child.sex,
        "birth_date": _day(child.birth_date),
        "school": {
            "level": child.school_level,
            "name": child.school_name,
            "priority": child.school_priority,
        },
        "pathways": [_pathway(session, p) for p in pathways],
    }


def family_data(session: Session, pathway: Pathway, today: dt.date) -> dict[str, Any]:
    """Return every record kept about the family of a pathway's child, readable as is."""
    family: Family = pathway.child.family
    children = session.scalars(select(Child).where(Child.family_id == family.id).order_by(Child.id))
    return {
        "produced_on": today.isoformat(),
        "controller": pathway.programme.name,
        "family": {
            "address": family.address,
            "commune": family.commune_insee,
            "qpv": family.qpv,
            "languages": list(family.languages),
            "max_distance_km": family.max_distance_km,
            "free_only": family.free_only,
            "days_available": list(family.days_available),
            "guardians": list(family.guardians),
        },
        "children": [_child(session, c) for c in children],
    }


def log_export(session: Session, pathway: Pathway, actor_id: int, fmt: str, threshold: int) -> bool:
    """Log an export of a family's data; return True when it raised a bulk-export alert."""
    record(
        session,
        actor_id=actor_id,
        action=EXPORT_ACTION,
        category=AuditCategory.CASE,
        target_type="pathway",
        target_id=pathway.uid,
        details={"format": fmt, "child_id": pathway.child_id},
    )
    return check_bulk_exports(session, actor_id, threshold)


def check_bulk_exports(session: Session, actor_id: int, threshold: int) -> bool:
    """Record an alert when one person exported more than `threshold` times within an hour."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    recent = select(func.count()).where(AuditEvent.actor_id == actor_id, AuditEvent.at >= since)
    exports = session.scalar(recent.where(AuditEvent.action == EXPORT_ACTION)) or 0
    alerted = session.scalar(recent.where(AuditEvent.action == ALERT_ACTION)) or 0
    if exports <= threshold or alerted:
        return False
    record(
        session,
        actor_id=actor_id,
        action=ALERT_ACTION,
        category=AuditCategory.SECURITY,
        target_type="user",
        target_id=actor_id,
        details={"exports_last_hour": exports},
    )
    return True
