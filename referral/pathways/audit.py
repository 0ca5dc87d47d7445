"""Case events of the audit log about a pathway: changes and every read of a child's record."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.pathways.models import Pathway


def audit_case(
    session: Session, actor_id: int | None, action: str, pathway: Pathway, **details: Any
) -> None:
    """Write a case event about a pathway: ids only, never a name (DESIGN §7)."""
    record(
        session,
        actor_id=actor_id,
        action=action,
        category=AuditCategory.CASE,
        target_type="pathway",
        target_id=pathway.uid,
        details=details,
    )


def record_read(
    session: Session, pathway: Pathway, actor_id: int | None, what: str = "pathway"
) -> None:
    """Write that someone read a child's record (ids only)."""
    audit_case(session, actor_id, f"read_{what}", pathway)
