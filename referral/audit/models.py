"""Audit events: append-only; nobody edits or deletes them through Relais."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from catalogue.db import Base, intpk, timestamp


class AuditCategory(enum.StrEnum):
    """Who may read an event: technical events are visible to admins, case events never."""

    SECURITY = "security"
    CATALOGUE = "catalogue"
    CASE = "case"
    TECHNICAL = "technical"


class AuditEvent(Base):
    """Something that happened: who, when, what, on which object (ids only, never names)."""

    __tablename__ = "audit_events"

    id: Mapped[intpk]
    at: Mapped[timestamp] = mapped_column(index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    category: Mapped[str] = mapped_column(String(20), index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AppendOnlyError(RuntimeError):
    """An audit event was about to be changed or deleted."""


def refuse_audit_edits(session: Session, _context: Any, _instances: Any) -> None:
    """Refuse a flush that would change or delete an audit event (a `before_flush` listener)."""
    for instance in [*session.dirty, *session.deleted]:
        if isinstance(instance, AuditEvent) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise AppendOnlyError("The audit log is append-only.")
