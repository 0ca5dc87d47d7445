"""Places where services are delivered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk
from catalogue.models.service import service_places

if TYPE_CHECKING:
    from catalogue.models.organisation import Organisation
    from catalogue.models.service import Service


class Place(UidMixin, TimestampMixin, Base):
    """An address with a point; a service may be delivered at several places."""

    __tablename__ = "places"
    __table_args__ = (Index("ix_places_source", "source", "source_id", unique=True),)

    id: Mapped[intpk]
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(5), default="")
    commune_insee: Mapped[str | None] = mapped_column(ForeignKey("communes.insee_code"), index=True)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    accessibility: Mapped[str] = mapped_column(Text, default="")
    transport: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(String(60))
    source_id: Mapped[str | None] = mapped_column(String(120))

    organisation: Mapped[Organisation] = relationship(back_populates="places")
    services: Mapped[list[Service]] = relationship(
        secondary=service_places, back_populates="places"
    )

    @property
    def has_point(self) -> bool:
        """Tell whether the place is geolocated."""
        return self.latitude is not None and self.longitude is not None
