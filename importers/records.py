"""What every reader produces: one record per line or object, with its problems, before writing."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any


class UnreadableFileError(Exception):
    """The file cannot be read at all (missing, wrong format or encoding): one clear sentence."""


@dataclass(frozen=True)
class Problem:
    """A problem found on a record: which field, and why (in French)."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field} : {self.message}" if self.field else self.message


@dataclass
class OrganisationRecord:
    """An organisation as read from the source, in the catalogue's input vocabulary."""

    source_id: str
    data: dict[str, Any]
    uid: uuid.UUID | None = None


@dataclass
class PlaceRecord:
    """A place as read from the source."""

    source_id: str
    data: dict[str, Any]
    uid: uuid.UUID | None = None


@dataclass
class ServiceRecord:
    """A service as read from the source; its needs and places are resolved when written."""

    source_id: str
    data: dict[str, Any]
    needs: list[str] = field(default_factory=list)
    place_ids: list[str] = field(default_factory=list)
    uid: uuid.UUID | None = None


@dataclass
class Record:
    """One record of the source (a line, a row or an object) and what happened to it."""

    line: int | str
    source_id: str
    organisation: OrganisationRecord | None = None
    places: list[PlaceRecord] = field(default_factory=list)
    service: ServiceRecord | None = None
    warnings: list[Problem] = field(default_factory=list)
    rejections: list[Problem] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: str | None = None

    def warn(self, name: str, message: str) -> None:
        """Note a defective field: the record is imported without it."""
        self.warnings.append(Problem(name, message))

    def reject(self, name: str, message: str) -> None:
        """Refuse the record."""
        self.rejections.append(Problem(name, message))

    def skip(self, reason: str) -> None:
        """Leave the record out on purpose (a rule, not a fault)."""
        self.skipped = reason

    @property
    def kind(self) -> str:
        """Return what the record mainly describes."""
        return "service" if self.service is not None else "organisation"


def as_uuid(value: str | None) -> uuid.UUID | None:
    """Return the value as a UUID when it is one, else None."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def clean(value: Any) -> str:
    """Return a stripped string, empty for None."""
    return "" if value is None else str(value).strip()


def plain(value: Any) -> Any:
    """Return a value as the catalogue's input schemas read it (dates as ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def serialisable(values: dict[str, Any]) -> dict[str, Any]:
    """Return field values as the catalogue's input schemas read them."""
    return {name: plain(value) for name, value in values.items()}


def as_int(value: Any) -> int | None:
    """Return an integer, or None when the value is not one."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
