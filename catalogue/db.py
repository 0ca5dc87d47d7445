"""The declarative base shared by every model of Relais, and the column kinds they repeat."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any

from sqlalchemy import JSON, DateTime, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Return the current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


intpk = Annotated[int, mapped_column(primary_key=True)]
str_code = Annotated[str, mapped_column(String(64))]
str_name = Annotated[str, mapped_column(String(300))]
timestamp = Annotated[dt.datetime, mapped_column(DateTime(timezone=True), default=utcnow)]
json_list = Annotated[list[Any], mapped_column(JSON, default=list)]


class Base(DeclarativeBase):
    """Root of every mapped class; one MetaData so that Alembic sees one schema."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class UidMixin:
    """A stable public UUID besides the integer key: the id used in URLs and APIs."""

    uid: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4, unique=True, index=True)


class TimestampMixin:
    """Creation and last-update times."""

    created_at: Mapped[timestamp]
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
