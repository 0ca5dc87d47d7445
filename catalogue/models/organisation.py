"""Organisations: the bodies that offer services or run a programme."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk

if TYPE_CHECKING:
    from catalogue.models.place import Place
    from catalogue.models.service import Service


class OrganisationKind(enum.StrEnum):
    """What kind of body an organisation is."""

    CAF = "caf"
    CPAM = "cpam"
    CCAS = "ccas"
    CMP = "cmp"
    CMPP = "cmpp"
    CAMSP = "camsp"
    PMI = "pmi"
    ASE = "ase"
    SERVICE_SOCIAL = "service-social"
    EDUCATION_NATIONALE = "education-nationale"
    SANTE = "sante"
    MEDICO_SOCIAL = "medico-social"
    ASSOCIATION = "association"
    CLUB = "club"
    CULTURE = "culture"
    COLLECTIVITE = "collectivite"
    JUSTICE = "justice"
    PRE = "pre"
    OTHER = "autre"


class Organisation(UidMixin, TimestampMixin, Base):
    """A structure: CAF de X, CMP Y, club Z, or the body carrying a programme."""

    __tablename__ = "organisations"
    __table_args__ = (Index("ix_organisations_source", "source", "source_id", unique=True),)

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40), default=OrganisationKind.OTHER)
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(500))
    source: Mapped[str | None] = mapped_column(String(60))
    source_id: Mapped[str | None] = mapped_column(String(120))

    services: Mapped[list[Service]] = relationship(
        back_populates="organisation", order_by="Service.name"
    )
    places: Mapped[list[Place]] = relationship(back_populates="organisation")
