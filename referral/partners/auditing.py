"""Every catalogue change reaches the audit log, whoever made it (partner, coordinator, import)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from catalogue.models import ServiceChange
from referral.audit.models import AuditCategory, AuditEvent


def _audit_service_changes(session: Session, _context: Any, _instances: Any) -> None:
    for entry in [each for each in session.new if isinstance(each, ServiceChange)]:
        session.add(
            AuditEvent(
                actor_id=entry.actor_id,
                category=str(AuditCategory.CATALOGUE),
                action=f"service.{entry.action}",
                target_type="service",
                target_id=str(entry.service_id),
                details={
                    "origin": entry.origin,
                    "version": entry.version,
                    "fields": entry.fields(),
                },
            )
        )


def listen(maker: sessionmaker[Session]) -> None:
    """Copy the new catalogue history entries of this factory's sessions to the audit log."""
    event.listen(maker, "before_flush", _audit_service_changes)
