"""The geocoding cache: a hash of the normalised address, never the address itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.db import Base, timestamp


class GeocodingCacheEntry(Base):
    """A geocoded point kept until it expires (family addresses are personal data)."""

    __tablename__ = "geocoding_cache"

    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    latitude: Mapped[float]
    longitude: Mapped[float]
    commune_insee: Mapped[str | None] = mapped_column(String(5))
    precision: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[timestamp]
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
