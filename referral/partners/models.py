"""Error reports on catalogue entries, and the freshness reminders already sent."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, UidMixin, intpk, timestamp
from catalogue.models import Service

if TYPE_CHECKING:
    from referral.accounts.models import User


class ReportStatus(enum.StrEnum):
    """Where an error report stands."""

    OPEN = "open"
    CLOSED = "closed"


class ErrorReport(UidMixin, Base):
    """« Signaler une erreur » : a signed-in user says an entry is wrong; tracked until closed."""

    __tablename__ = "error_reports"

    id: Mapped[intpk]
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="CASCADE"), index=True
    )
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=ReportStatus.OPEN, index=True)
    created_at: Mapped[timestamp]
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolution: Mapped[str] = mapped_column(Text, default="")

    service: Mapped[Service] = relationship()
    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id])


class FreshnessReminder(Base):
    """One reminder sent for a service's overdue period: at most one per (service, due date)."""

    __tablename__ = "freshness_reminders"
    __table_args__ = (UniqueConstraint("service_id", "due_on"),)

    id: Mapped[intpk]
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"))
    due_on: Mapped[dt.date] = mapped_column(Date)
    sent_at: Mapped[timestamp]
    recipients: Mapped[str] = mapped_column(Text, default="")
