"""Communes and intercommunalities (EPCI) from the gazetteer."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base


class Epci(Base):
    """An intercommunality (métropole, CU, CA, CC), identified by its SIREN."""

    __tablename__ = "epcis"

    siren: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(4))

    communes: Mapped[list[Commune]] = relationship(back_populates="epci", order_by="Commune.name")


class Commune(Base):
    """A commune or municipal arrondissement, with its point, box and postcodes."""

    __tablename__ = "communes"

    insee_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    search_name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(3))
    postcodes: Mapped[str] = mapped_column(String(200), default="")
    department_code: Mapped[str] = mapped_column(String(3), index=True)
    department_name: Mapped[str] = mapped_column(String(100))
    epci_siren: Mapped[str | None] = mapped_column(ForeignKey("epcis.siren"), index=True)
    population: Mapped[int] = mapped_column(default=0)
    latitude: Mapped[float]
    longitude: Mapped[float]
    south: Mapped[float]
    west: Mapped[float]
    north: Mapped[float]
    east: Mapped[float]

    epci: Mapped[Epci | None] = relationship(back_populates="communes")

    @property
    def postcode_list(self) -> list[str]:
        """Return the postcodes served, in file order."""
        return self.postcodes.split()

    def contains(self, latitude: float, longitude: float) -> bool:
        """Tell whether a point falls inside the commune's bounding box."""
        return self.south <= latitude <= self.north and self.west <= longitude <= self.east
