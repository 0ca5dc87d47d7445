"""The gazetteer, held in memory for an import: INSEE codes, postcodes and points."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.geography import GazetteerError, load_communes
from catalogue.models import Commune
from catalogue.taxonomy import LoadReport
from catalogue.text import fold
from importers.records import UnreadableFileError


@dataclass(frozen=True)
class CommunePoint:
    """What an import needs to know about a commune."""

    insee_code: str
    name: str
    latitude: float
    longitude: float


class Gazetteer:
    """Communes by INSEE code and by postcode (most populated first)."""

    def __init__(self, session: Session) -> None:
        self.communes: dict[str, CommunePoint] = {}
        self.by_postcode: dict[str, list[CommunePoint]] = defaultdict(list)
        rows = session.execute(
            select(
                Commune.insee_code,
                Commune.name,
                Commune.latitude,
                Commune.longitude,
                Commune.postcodes,
            ).order_by(Commune.population.desc())
        )
        for code, name, latitude, longitude, postcodes in rows:
            point = CommunePoint(code, name, latitude, longitude)
            self.communes[code] = point
            for postcode in postcodes.split():
                self.by_postcode[postcode].append(point)

    def get(self, insee_code: str) -> CommunePoint | None:
        """Return a commune by INSEE code."""
        return self.communes.get(insee_code)

    def from_postcode(self, postcode: str, city: str = "") -> CommunePoint | None:
        """Return the commune of a postcode: the one named `city`, else the most populated."""
        candidates = self.by_postcode.get(postcode.strip(), [])
        wanted = fold(city)
        for commune in candidates:
            if wanted and fold(commune.name) == wanted:
                return commune
        return candidates[0] if candidates else None

    def resolve(
        self, insee_code: str, postcode: str, city: str = ""
    ) -> tuple[CommunePoint | None, bool]:
        """Return the commune for a code, through the postcode when the code is unknown.

        The flag tells whether the postcode had to be used (worth a warning).
        """
        found = self.communes.get(insee_code) if insee_code else None
        if found is not None:
            return found, False
        return self.from_postcode(postcode, city), bool(insee_code)


def import_communes(session: Session, path: Path) -> LoadReport:
    """Refresh the gazetteer from a file in the format of the shipped one."""
    try:
        return load_communes(session, path)
    except (GazetteerError, KeyError, ValueError) as error:
        raise UnreadableFileError(
            f"Fichier des communes illisible ({path.name}) : {error}"
        ) from error


def first(values: Iterable[str]) -> str:
    """Return the first non-empty value, or ''."""
    return next((value for value in values if value), "")
