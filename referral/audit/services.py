"""Write to the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from referral.audit.models import AuditCategory, AuditEvent


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    category: AuditCategory | str,
    target_type: str | None = None,
    target_id: object | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log (ids only: no name of a child or a family)."""
    entry = AuditEvent(
        actor_id=actor_id,
        action=action,
        category=str(category),
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details or {},
    )
    session.add(entry)
    session.flush()
    return entry
