"""The Programme: one PRE, its carrying organisation, territory, charter and settings."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from catalogue.db import Base, TimestampMixin, UidMixin, intpk, json_list
from catalogue.models import Organisation


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
