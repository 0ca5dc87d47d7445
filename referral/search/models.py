"""A programme's own search vocabulary: entries added on top of the shipped file."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.db import Base, TimestampMixin, intpk


class VocabularyEntry(TimestampMixin, Base):
    """One entry of a programme's vocabulary (same kinds as `catalogue/data/vocabulary.csv`).

    Kept in the database, not in a data dir: several programmes share an instance, and several
    hosts do not share a data dir.
    """

    __tablename__ = "vocabulary_entries"
    __table_args__ = (UniqueConstraint("programme_id", "kind", "target", "entry"),)

    id: Mapped[intpk]
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    target: Mapped[str] = mapped_column(String(200), default="")
    entry: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
