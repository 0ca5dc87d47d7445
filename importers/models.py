"""What the importers keep: the history of import runs and the possible duplicates they found."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.db import Base, intpk, timestamp


class ImportRun(Base):
    """One import (applied or refused) with its full report."""

    __tablename__ = "import_runs"

    id: Mapped[intpk]
    format: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(300))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[timestamp]
    applied: Mapped[bool] = mapped_column(default=False)
    options: Mapped[dict[str, Any]]
    report: Mapped[dict[str, Any]]


class DuplicateKind(enum.StrEnum):
    """What kind of rows a flag pairs."""

    ORGANISATION = "organisation"
    SERVICE = "service"


class DuplicateStatus(enum.StrEnum):
    """Where a coordinator's review of a flag stands."""

    OPEN = "open"
    MERGED = "merged"
    DISTINCT = "distinct"


class DuplicateFlag(Base):
    """Two catalogue rows that may be the same thing, until a coordinator decides."""

    __tablename__ = "duplicate_flags"
    __table_args__ = (
        Index("ix_duplicate_flags_pair", "kind", "first_id", "second_id", unique=True),
    )

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(20))
    first_id: Mapped[int]
    second_id: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=DuplicateStatus.OPEN, index=True)
    found_at: Mapped[timestamp]
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
