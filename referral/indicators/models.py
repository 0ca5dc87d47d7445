"""Anonymous pathway facts: what the indicators need from a purged pathway, and nothing more."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.db import Base, intpk, timestamp


class AnonymousPathway(Base):
    """The statistical trace of a purged pathway: no name, no address, no link to a person.

    `pathway_id` is only set in `anonymise` mode, where the anonymised row stays (it then points
    to nothing personal); the indicators read these facts instead of the live row.
    """

    __tablename__ = "anonymous_pathways"

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), index=True)
    pathway_id: Mapped[int | None] = mapped_column(
        ForeignKey("pathways.id", ondelete="SET NULL"), unique=True
    )
    mode: Mapped[str] = mapped_column(String(20))
    purged_at: Mapped[timestamp]
    facts: Mapped[dict[str, Any]]
