"""Referrals: one need → one service, tracked to the partner's answer; events append-only."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, timestamp
from catalogue.models import Service

if TYPE_CHECKING:
    from referral.consents.models import Consent
    from referral.pathways.models import Need, Pathway


class ReferralState(enum.StrEnum):
    """The referral lifecycle of DESIGN §6."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    FAMILY_AGREED = "family_agreed"
    FAMILY_DECLINED = "family_declined"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    WAITLISTED = "waitlisted"
    APPOINTMENT_SET = "appointment_set"
    RELAY_ACCEPTED = "relay_accepted"
    DECLINED_BY_PARTNER = "declined_by_partner"
    NO_FOLLOW_UP = "no_follow_up"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    CLOSED = "closed"


class ReferralContext(enum.StrEnum):
    """When in the pathway the referral was made."""

    CONSTRUCTION = "construction"
    ONGOING = "ongoing"
    EXIT = "exit"


class Referral(UidMixin, TimestampMixin, Base):
    """An orientation of one need to one service."""

    __tablename__ = "referrals"

    id: Mapped[intpk]
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id"), index=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    context: Mapped[str] = mapped_column(String(20), default=ReferralContext.CONSTRUCTION)
    state: Mapped[str] = mapped_column(String(30), default=ReferralState.DRAFT, index=True)
    state_changed_at: Mapped[timestamp]
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"))
    consent_id: Mapped[int | None] = mapped_column(ForeignKey("consents.id"))
    family_message: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any] | None]
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    reminders_sent: Mapped[int] = mapped_column(default=0)
    link_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    decline_reason: Mapped[str | None] = mapped_column(String(30))
    expected_on: Mapped[dt.date | None] = mapped_column(Date)
    appointment_on: Mapped[dt.date | None] = mapped_column(Date)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    pathway: Mapped[Pathway] = relationship()
    need: Mapped[Need] = relationship()
    service: Mapped[Service] = relationship()
    consent: Mapped[Consent | None] = relationship()
    previous: Mapped[Referral | None] = relationship(remote_side="Referral.id")
    events: Mapped[list[ReferralEvent]] = relationship(
        back_populates="referral", order_by="ReferralEvent.id"
    )

    __mapper_args__ = {"version_id_col": version}


class ReferralEvent(Base):
    """One append-only transition: who, when, from, to, reason, note and the dates it carries."""

    __tablename__ = "referral_events"

    id: Mapped[intpk]
    referral_id: Mapped[int] = mapped_column(ForeignKey("referrals.id"), index=True)
    at: Mapped[timestamp]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(20), default="web")
    on_behalf_of_partner: Mapped[bool] = mapped_column(default=False)
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    dates: Mapped[dict[str, Any]] = mapped_column(default=dict)

    referral: Mapped[Referral] = relationship(back_populates="events")


class Notification(Base):
    """An in-app notice for one user (a partner answered, a pathway reaches its exit review…)."""

    __tablename__ = "notifications"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    referral_id: Mapped[int | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    pathway_id: Mapped[int | None] = mapped_column(ForeignKey("pathways.id"), index=True)
    created_at: Mapped[timestamp]
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Timers set a key per (what, whom) so that a second run never notifies twice.
    dedup_key: Mapped[str | None] = mapped_column(String(120), unique=True)

    referral: Mapped[Referral | None] = relationship()


class TickLock(Base):
    """One row per timer: a tick updates it first, so two ticks at once run one after the other."""

    __tablename__ = "tick_locks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    ran_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
