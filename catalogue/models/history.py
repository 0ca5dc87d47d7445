"""The catalogue's change history: who changed which field of a service, when, through what."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, intpk, timestamp
from catalogue.models.service import Service


class ChangeOrigin(enum.StrEnum):
    """Through what a change came."""

    PARTNER = "partner"
    COORDINATOR = "coordinator"
    IMPORT = "import"
    SYSTEM = "system"


class ServiceChange(Base):
    """One append-only entry of a service's history: field → [old, new]."""

    __tablename__ = "service_changes"

    id: Mapped[intpk]
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    origin: Mapped[str] = mapped_column(String(20))
    at: Mapped[timestamp]
    version: Mapped[int]
    action: Mapped[str] = mapped_column(String(20), default="update")
    changes: Mapped[dict[str, Any]]

    service: Mapped[Service] = relationship()

    def fields(self) -> list[str]:
        """Return the names of the fields this entry changed."""
        return sorted(self.changes)
