"""The family's agreement: dated, scoped to partners and information, revocable."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, json_list
from catalogue.models import Organisation, Service

if TYPE_CHECKING:
    from referral.pathways.models import Pathway


class SharedInformation(enum.StrEnum):
    """What may be sent to a partner, item by item (the referral payload's keys)."""

    CHILD_FIRST_NAME = "child_first_name"
    CHILD_AGE = "child_age"
    SCHOOL_LEVEL = "school_level"
    NEED = "need"
    PARENT_CONTACT = "parent_contact"
    FAMILY_MESSAGE = "family_message"


consent_services = Table(
    "consent_services",
    Base.metadata,
    Column("consent_id", ForeignKey("consents.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("services.id"), primary_key=True),
)

consent_organisations = Table(
    "consent_organisations",
    Base.metadata,
    Column("consent_id", ForeignKey("consents.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True),
)


class Consent(UidMixin, TimestampMixin, Base):
    """A family's agreement to share given information with given partners, for a purpose."""

    __tablename__ = "consents"

    id: Mapped[intpk]
    pathway_id: Mapped[int] = mapped_column(ForeignKey("pathways.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(40), default="orientation")
    given_by: Mapped[str] = mapped_column(String(200))
    given_on: Mapped[dt.date] = mapped_column(Date)
    information: Mapped[json_list]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    pathway: Mapped[Pathway] = relationship()
    services: Mapped[list[Service]] = relationship(secondary=consent_services)
    organisations: Mapped[list[Organisation]] = relationship(secondary=consent_organisations)

    def is_valid_on(self, day: dt.date) -> bool:
        """Tell whether the consent was given and not withdrawn on a day."""
        return self.given_on <= day and (self.withdrawn_on is None or self.withdrawn_on > day)

    def covers(self, service: Service, information: set[str], day: dt.date) -> bool:
        """Tell whether this consent allows sending this information to this service."""
        partner_ok = service in self.services or service.organisation in self.organisations
        return self.is_valid_on(day) and partner_ok and information <= set(self.information)
