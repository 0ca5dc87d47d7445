"""Which case events of the audit log a reader may see: those of their own programme."""

from __future__ import annotations

from typing import Any


def case_events_clause(user: Any) -> Any:
    """Build the SQL condition on `AuditEvent`: case events only about the user's programme.

    Coordinators and DPOs read their programme's case events (the pathways, referrals and
    meetings of the programme they work for) and the instance-wide ones without a target (a
    purge); other categories are filtered by `audit_categories_for`.
    """
    from sqlalchemy import String, and_, cast, func, or_, select

    from referral.audit.models import AuditEvent
    from referral.meetings.models import Meeting
    from referral.pathways.models import Pathway
    from referral.permissions.roles import programme_id_of
    from referral.referrals.models import Referral

    programme_id = programme_id_of(user)
    pathways = select(Pathway.id).where(Pathway.programme_id == programme_id)

    def hex_uids(column: Any, condition: Any) -> Any:
        # uids are stored as 32 hex digits on SQLite and as native uuids on PostgreSQL
        return select(func.replace(cast(column, String), "-", "")).where(condition)

    target = func.replace(AuditEvent.target_id, "-", "")
    owned = {
        "pathway": hex_uids(Pathway.uid, Pathway.id.in_(pathways)),
        "referral": hex_uids(Referral.uid, Referral.pathway_id.in_(pathways)),
        "meeting": hex_uids(Meeting.uid, Meeting.programme_id == programme_id),
    }
    return or_(
        AuditEvent.category != "case",
        AuditEvent.target_id.is_(None),
        *(and_(AuditEvent.target_type == kind, target.in_(uids)) for kind, uids in owned.items()),
    )
