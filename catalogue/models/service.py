"""Services: what a child or a family can be oriented to."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, json_list

if TYPE_CHECKING:
    from catalogue.models.organisation import Organisation
    from catalogue.models.place import Place
    from catalogue.models.taxonomy import NeedTerm


class ServiceStatus(enum.StrEnum):
    """One status vocabulary everywhere (DESIGN §4)."""

    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class Public(enum.StrEnum):
    """Who a service is for."""

    CHILD = "child"
    PARENT = "parent"
    FAMILY = "family"


class SchoolLevel(enum.StrEnum):
    """School levels, from nursery school to lycée."""

    MATERNELLE = "maternelle"
    ELEMENTAIRE = "elementaire"
    COLLEGE = "college"
    LYCEE = "lycee"


class Cost(enum.StrEnum):
    """What a service costs the family."""

    FREE = "free"
    PAID = "paid"
    INCOME_BASED = "income_based"


class Mobilisation(enum.StrEnum):
    """How a family reaches a service."""

    FAMILY = "family"
    PROFESSIONAL = "professional"
    RELAIS = "relais"


class Capacity(enum.StrEnum):
    """Whether a service takes new people now."""

    OPEN = "open"
    WAITLIST = "waitlist"
    FULL = "full"


service_needs = Table(
    "service_needs",
    Base.metadata,
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("need_code", ForeignKey("need_terms.code"), primary_key=True, index=True),
)

service_places = Table(
    "service_places",
    Base.metadata,
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("place_id", ForeignKey("places.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Service(UidMixin, TimestampMixin, Base):
    """A service, dispositif or action offered by an organisation."""

    __tablename__ = "services"
    __table_args__ = (Index("ix_services_source", "source", "source_id", unique=True),)

    id: Mapped[intpk]
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    publics: Mapped[json_list]
    age_min: Mapped[int | None]
    age_max: Mapped[int | None]
    school_levels: Mapped[json_list]
    eligibility: Mapped[str] = mapped_column(Text, default="")
    qpv_only: Mapped[bool] = mapped_column(default=False)
    mdph_required: Mapped[bool] = mapped_column(default=False)
    rep_only: Mapped[bool] = mapped_column(default=False)
    area_communes: Mapped[json_list]
    area_departments: Mapped[json_list]
    area_epcis: Mapped[json_list]
    area_radius_km: Mapped[float | None]
    cost: Mapped[str] = mapped_column(String(20), default=Cost.FREE)
    cost_details: Mapped[str] = mapped_column(Text, default="")
    mobilisation: Mapped[json_list]
    referral_email: Mapped[str | None] = mapped_column(String(254))
    referral_phone: Mapped[str | None] = mapped_column(String(40))
    capacity: Mapped[str] = mapped_column(String(20), default=Capacity.OPEN)
    waitlist_weeks: Mapped[int | None]
    languages: Mapped[json_list]
    accessibility: Mapped[str] = mapped_column(Text, default="")
    opening_hours: Mapped[str] = mapped_column(String(500), default="")
    keywords: Mapped[json_list]
    status: Mapped[str] = mapped_column(String(20), default=ServiceStatus.PENDING, index=True)
    suspended_until: Mapped[dt.date | None] = mapped_column(Date)
    confidential_address: Mapped[bool] = mapped_column(default=False)
    last_verified_on: Mapped[dt.date | None] = mapped_column(Date)
    update_frequency_days: Mapped[int] = mapped_column(default=180)
    source: Mapped[str | None] = mapped_column(String(60))
    source_id: Mapped[str | None] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation] = relationship(back_populates="services")
    needs: Mapped[list[NeedTerm]] = relationship(secondary=service_needs, order_by="NeedTerm.code")
    places: Mapped[list[Place]] = relationship(secondary=service_places, back_populates="services")

    __mapper_args__ = {"version_id_col": version}

    @property
    def need_codes(self) -> list[str]:
        """Return the codes of the needs covered."""
        return [need.code for need in self.needs]

    @property
    def public_places(self) -> list[Place]:
        """Return the places that may be shown: none when the address is confidential."""
        return [] if self.confidential_address else list(self.places)

    def is_active_on(self, day: dt.date) -> bool:
        """Tell whether the service can be searched and matched on a day."""
        if self.status == ServiceStatus.ACTIVE:
            return True
        return (
            self.status == ServiceStatus.SUSPENDED
            and self.suspended_until is not None
            and self.suspended_until < day
        )

    def is_overdue(self, day: dt.date) -> bool:
        """Tell whether the entry was last verified longer ago than its update frequency."""
        if self.last_verified_on is None:
            return True
        return (day - self.last_verified_on).days > self.update_frequency_days
