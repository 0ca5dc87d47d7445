"""EPS meetings, their members and agenda, decisions per child, and charter acceptances."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, json_list, timestamp
from referral.programmes.models import Programme

if TYPE_CHECKING:
    from referral.accounts.models import User
    from referral.pathways.models import Pathway

meeting_members = Table(
    "meeting_members",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id"), primary_key=True),
)

meeting_agenda = Table(
    "meeting_agenda",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("pathway_id", ForeignKey("pathways.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(UidMixin, TimestampMixin, Base):
    """A meeting of the équipe pluridisciplinaire de soutien (EPS)."""

    __tablename__ = "meetings"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200), default="Réunion d'EPS")
    kind: Mapped[str] = mapped_column(String(20), default="eps")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    programme: Mapped[Programme] = relationship()
    members: Mapped[list[User]] = relationship(secondary=meeting_members)
    agenda: Mapped[list[Pathway]] = relationship(secondary=meeting_agenda)
    decisions: Mapped[list[MeetingDecision]] = relationship(back_populates="meeting")


class MeetingDecision(Base):
    """What the EPS decided for one child: orientations to propose, notes, next review."""

    __tablename__ = "meeting_decisions"

    id: Mapped[intpk]
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    orientations: Mapped[json_list]
    notes: Mapped[str] = mapped_column(Text, default="")
    next_review_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[timestamp]

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")


class CharterAcceptance(Base):
    """An EPS member accepted a programme's confidentiality charter."""

    __tablename__ = "charter_acceptances"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    accepted_at: Mapped[timestamp]
    charter_text: Mapped[str] = mapped_column(Text, default="")
