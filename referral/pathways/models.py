"""Pathway-space models. Children's data: minimised, never in URLs or logs (DESIGN §7)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, json_list, timestamp
from catalogue.models import NeedTerm, Organisation

if TYPE_CHECKING:
    from referral.accounts.models import User


class PathwayState(enum.StrEnum):
    """The pathway lifecycle of DESIGN §6."""

    IDENTIFIED = "identified"
    FAMILY_INFORMED = "family_informed"
    FAMILY_AGREED = "family_agreed"
    DIAGNOSED = "diagnosed"
    CONTRACTED = "contracted"
    ACTIVE = "active"
    EXIT_REVIEW = "exit_review"
    EXIT_PREPARED = "exit_prepared"
    EXITED = "exited"


class NeedStatus(enum.StrEnum):
    """Where an identified need stands."""

    IDENTIFIED = "identified"
    IN_PROGRESS = "in_progress"
    COVERED = "covered"
    NOT_COVERED = "not_covered"
    DROPPED = "dropped"


class Programme(UidMixin, TimestampMixin, Base):
    """A PRE: its carrying organisation, its territory and its settings."""

    __tablename__ = "programmes"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(300))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    territory_communes: Mapped[json_list]
    territory_epci: Mapped[str | None] = mapped_column(String(9))
    department_code: Mapped[str | None] = mapped_column(String(3))
    charter_text: Mapped[str] = mapped_column(Text, default="")
    match_by_domain: Mapped[bool] = mapped_column(default=False)
    moderation_required: Mapped[bool] = mapped_column(default=True)
    # Days kept after the last contact; None means the instance's RELAIS_RETENTION_DAYS.
    retention_days: Mapped[int | None]

    organisation: Mapped[Organisation] = relationship()


class Family(UidMixin, TimestampMixin, Base):
    """A household: where it lives, its languages, its constraints and the parents' contacts."""

    __tablename__ = "families"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    commune_insee: Mapped[str | None] = mapped_column(ForeignKey("communes.insee_code"))
    address: Mapped[str | None] = mapped_column(String(300))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    qpv: Mapped[bool] = mapped_column(default=False)
    languages: Mapped[json_list]
    max_distance_km: Mapped[float] = mapped_column(default=10.0)
    free_only: Mapped[bool] = mapped_column(default=False)
    days_available: Mapped[json_list]
    guardians: Mapped[json_list]

    programme: Mapped[Programme] = relationship()
    children: Mapped[list[Child]] = relationship(back_populates="family")


class Child(UidMixin, TimestampMixin, Base):
    """A child supported by the programme. No NIR, no diagnosis."""

    __tablename__ = "children"

    id: Mapped[intpk]
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    sex: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    school_level: Mapped[str | None] = mapped_column(String(20))
    school_name: Mapped[str | None] = mapped_column(String(200))
    school_uai: Mapped[str | None] = mapped_column(String(8))
    school_priority: Mapped[str] = mapped_column(String(10), default="none")
    category: Mapped[int | None]
    mdph_notification: Mapped[bool] = mapped_column(default=False)

    family: Mapped[Family] = relationship(back_populates="children")

    def age_on(self, day: dt.date) -> int:
        """Return the child's age in whole years on a day."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


class Pathway(UidMixin, TimestampMixin, Base):
    """A child's personalised programme, with its dates and its référent."""

    __tablename__ = "pathways"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"), index=True)
    referent_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default=PathwayState.IDENTIFIED, index=True)
    identified_on: Mapped[dt.date] = mapped_column(Date, default=dt.date.today)
    family_agreed_on: Mapped[dt.date | None] = mapped_column(Date)
    contract_start: Mapped[dt.date | None] = mapped_column(Date)
    contract_end: Mapped[dt.date | None] = mapped_column(Date, index=True)
    exited_on: Mapped[dt.date | None] = mapped_column(Date)
    exit_reason: Mapped[str | None] = mapped_column(String(40))
    post_exit_checked_on: Mapped[dt.date | None] = mapped_column(Date)
    post_exit_relay_effective: Mapped[bool | None]
    version: Mapped[int] = mapped_column(default=1)

    programme: Mapped[Programme] = relationship()
    child: Mapped[Child] = relationship()
    referent: Mapped[User | None] = relationship()
    needs: Mapped[list[Need]] = relationship(back_populates="pathway", order_by="Need.id")
    events: Mapped[list[PathwayEvent]] = relationship(order_by="PathwayEvent.id")
    contacts: Mapped[list[ContactEntry]] = relationship(
        back_populates="pathway", order_by="ContactEntry.on.desc()"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def last_contact_on(self) -> dt.date | None:
        """Return the date of the last entry of the contact journal."""
        return max((entry.on for entry in self.contacts), default=None)


class PathwayEvent(Base):
    """One append-only transition of a pathway."""

    __tablename__ = "pathway_events"

    id: Mapped[intpk]
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    at: Mapped[timestamp]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class ContactEntry(Base):
    """A dated entry of the contact journal (visit, call, meeting, message)."""

    __tablename__ = "contact_entries"

    id: Mapped[intpk]
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    pathway: Mapped[Pathway] = relationship(back_populates="contacts")


class Delegation(Base):
    """A référent lends its caseload to a colleague for a period."""

    __tablename__ = "delegations"

    id: Mapped[intpk]
    from_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    to_user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)


class Need(UidMixin, TimestampMixin, Base):
    """A need identified for a child or its family, from the taxonomy."""

    __tablename__ = "needs"

    id: Mapped[intpk]
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    need_code: Mapped[str] = mapped_column(ForeignKey("need_terms.code"), index=True)
    concerns: Mapped[str] = mapped_column(String(20), default="child")
    origin: Mapped[str] = mapped_column(String(20), default="referent")
    priority: Mapped[int] = mapped_column(default=2)
    status: Mapped[str] = mapped_column(String(20), default=NeedStatus.IDENTIFIED)
    justification: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    pathway: Mapped[Pathway] = relationship(back_populates="needs")
    term: Mapped[NeedTerm] = relationship()

    @property
    def is_open(self) -> bool:
        """Tell whether the need still asks for an answer."""
        return self.status in (
            NeedStatus.IDENTIFIED,
            NeedStatus.IN_PROGRESS,
            NeedStatus.NOT_COVERED,
        )


class DangerReport(Base):
    """That an information préoccupante was transmitted (never its content): by whom, when."""

    __tablename__ = "danger_reports"

    id: Mapped[intpk]
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    transmitted_on: Mapped[dt.date] = mapped_column(Date)
    recipient: Mapped[str] = mapped_column(String(40))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[timestamp]
