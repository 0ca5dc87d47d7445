"""Which case events of the audit log a reader may see: those of their own programmes."""

from __future__ import annotations

from typing import Any


def case_events_clause(user: Any) -> Any:
    """Build the SQL condition on `AuditEvent`: case events only about the user's programmes.

    Coordinators and DPOs read their own programmes' case events (the pathways, referrals and
    meetings of the programmes their organisation carries) and the instance-wide ones without a
    target (a purge); other categories are filtered by `audit_categories_for`.
    """
    from sqlalchemy import String, and_, cast, func, or_, select

    from referral.audit.models import AuditEvent
    from referral.meetings.models import Meeting
    from referral.pathways.models import Pathway
    from referral.programmes.models import Programme
    from referral.referrals.models import Referral

    programmes = select(Programme.id).where(Programme.organisation_id == user.organisation_id)
    pathways = select(Pathway.id).where(Pathway.programme_id.in_(programmes))

    def hex_uids(column: Any, condition: Any) -> Any:
        # uids are stored as 32 hex digits on SQLite and as native uuids on PostgreSQL
        return select(func.replace(cast(column, String), "-", "")).where(condition)

    target = func.replace(AuditEvent.target_id, "-", "")
    owned = {
        "pathway": hex_uids(Pathway.uid, Pathway.id.in_(pathways)),
        "referral": hex_uids(Referral.uid, Referral.pathway_id.in_(pathways)),
        "meeting": hex_uids(Meeting.uid, Meeting.programme_id.in_(programmes)),
    }
    return or_(
        AuditEvent.category != "case",
        AuditEvent.target_id.is_(None),
        *(and_(AuditEvent.target_type == kind, target.in_(uids)) for kind, uids in owned.items()),
    )
