"""What the import pages keep: the files previewed in the browser, until they are confirmed."""

from __future__ import annotations

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from catalogue.db import Base, intpk, timestamp

TOKEN_LENGTH = 32


class ImportUpload(Base):
    """A file previewed on the « Imports » page, kept until its confirmation (a day at most).

    Kept in the database, not in a data dir: the confirmation may reach another host, and
    several hosts do not share a data dir.
    """

    __tablename__ = "import_uploads"

    id: Mapped[intpk]
    token: Mapped[str] = mapped_column(String(TOKEN_LENGTH), unique=True)
    format: Mapped[str] = mapped_column(String(30))
    uploaded_by_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[timestamp]
    filename: Mapped[str] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    extra_filename: Mapped[str | None] = mapped_column(String(300))
    extra_content: Mapped[bytes | None] = mapped_column(LargeBinary)
