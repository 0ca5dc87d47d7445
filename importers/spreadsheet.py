"""Read a partner's spreadsheet (CSV or XLSX) through a mapping file that names its columns."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from catalogue.taxonomy import list_needs
from catalogue.text import fold
from importers.communes import Gazetteer
from importers.crosswalk import Crosswalk
from importers.limits import DEFAULT_LIMITS, Limits
from importers.records import (
    OrganisationRecord,
    PlaceRecord,
    Record,
    ServiceRecord,
    UnreadableFileError,
)
from importers.tables import iter_table

Geocoder = Callable[[str, str, str], tuple[float, float] | None]
COLUMNS = {
    "id",
    "organisation",
    "organisation_id",
    "organisation_siret",
    "organisation_email",
    "organisation_phone",
    "organisation_website",
    "name",
    "description",
    "needs",
    "thematiques",
    "pivots",
    "keywords",
    "publics",
    "age_min",
    "age_max",
    "eligibility",
    "cost",
    "cost_details",
    "referral_email",
    "referral_phone",
    "opening_hours",
    "languages",
    "address",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "accessibility",
}
REQUIRED = {"id", "name", "organisation"}
COSTS = {"gratuit": "free", "payant": "paid", "quotient familial": "income_based"}
PUBLICS = {
    "enfant": "child",
    "enfants": "child",
    "parent": "parent",
    "parents": "parent",
    "famille": "family",
    "familles": "family",
}
SPLIT = re.compile(r"\s*[;,|\n]\s*")
HEADER_ROWS = 15


@dataclass
class Mapping:
    """What a mapping file says: the source name, the sheet, and which column holds what."""

    source: str
    columns: dict[str, str]
    sheet: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Mapping:
        """Read and check a mapping TOML file."""
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise UnreadableFileError(
                f"Le fichier de correspondance {path.name} est illisible : {error}."
            ) from error
        columns = data.get("columns", {})
        unknown = sorted(set(columns) - COLUMNS)
        missing = sorted(REQUIRED - set(columns))
        if not data.get("source") or unknown or missing:
            raise UnreadableFileError(
                f"Correspondance {path.name} incomplète : « source » obligatoire"
                + (f", colonnes manquantes : {', '.join(missing)}" if missing else "")
                + (f", clés inconnues : {', '.join(unknown)}" if unknown else "")
                + "."
            )
        return cls(
            str(data["source"]),
            {k: str(v) for k, v in columns.items()},
            data.get("sheet"),
            data.get("defaults", {}),
        )


def locate_columns(rows: list[list[str]], mapping: Mapping) -> tuple[dict[str, int], int]:
    """Find each mapped column in the header rows (possibly several, with merged cells).

    Returns the column of each field and the index of the first data row.
    """
    wanted = {fold(header): name for name, header in mapping.columns.items()}
    found: dict[str, int] = {}
    last_header = -1
    for index, row in enumerate(rows[:HEADER_ROWS]):
        hits = {name: column for column, cell in enumerate(row) if (name := wanted.get(fold(cell)))}
        if hits:
            last_header = index
            for name, column in hits.items():
                found.setdefault(name, column)
    missing = sorted(name for name in REQUIRED if name not in found)
    if missing:
        headers = ", ".join(f"« {mapping.columns[name]} »" for name in missing)
        raise UnreadableFileError(f"Colonnes introuvables dans le tableau : {headers}.")
    return found, last_header + 1


class SpreadsheetReader:
    """Reads a partner's spreadsheet: one record per row."""

    format = "spreadsheet"

    def __init__(
        self,
        path: Path,
        mapping: Mapping,
        geocoder: Geocoder | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.path = path
        self.limits = limits
        self.mapping = mapping
        self.source = f"tableur:{mapping.source}"
        self.geocoder = geocoder

    def read(self, session: Session, crosswalk: Crosswalk) -> Iterator[Record]:
        """Yield one record per non-empty data row."""
        rows = iter_table(self.path, self.mapping.sheet, self.limits)
        head = list(islice(rows, HEADER_ROWS))
        columns, start = locate_columns(head, self.mapping)
        labels = {fold(term.label): term.code for term in list_needs(session)}
        gazetteer = Gazetteer(session)
        for index, row in enumerate(chain(head[start:], rows), start=start + 1):
            values = {
                name: row[column] if column < len(row) else "" for name, column in columns.items()
            }
            if not any(values.values()):
                continue
            values = {
                **{k: str(v) for k, v in self.mapping.defaults.items()},
                **{k: v for k, v in values.items() if v},
            }
            yield self._record(index, values, crosswalk, labels, gazetteer)

    def _record(
        self,
        line: int,
        values: dict[str, str],
        crosswalk: Crosswalk,
        labels: dict[str, str],
        gazetteer: Gazetteer,
    ) -> Record:
        record = Record(line=line, source_id=values.get("id", ""))
        if not record.source_id:
            record.reject("id", "Identifiant manquant.")
            return record
        organisation_id = values.get("organisation_id") or fold(values.get("organisation", ""))
        record.organisation = OrganisationRecord(
            organisation_id,
            {
                "name": values.get("organisation", ""),
                "siret": re.sub(r"\s", "", values.get("organisation_siret", "")) or None,
                "email": values.get("organisation_email") or None,
                "phone": values.get("organisation_phone") or None,
                "website": values.get("organisation_website") or None,
            },
        )
        needs = [labels.get(fold(item), item) for item in _split(values.get("needs"))]
        mapped, unmapped = crosswalk.from_thematiques(_split(values.get("thematiques")))
        by_pivot, other = crosswalk.from_pivots(_split(values.get("pivots")))
        place_ids = self._place(record, values, gazetteer)
        record.service = ServiceRecord(
            record.source_id,
            _service(record, values),
            needs=[*needs, *mapped, *by_pivot, *unmapped, *other],
            place_ids=place_ids,
        )
        return record

    def _place(self, record: Record, values: dict[str, str], gazetteer: Gazetteer) -> list[str]:
        address, postcode, city = (
            values.get("address", ""),
            values.get("postcode", ""),
            values.get("commune", ""),
        )
        if not (address or postcode or city):
            return []
        data: dict[str, Any] = {
            "address": address,
            "postcode": postcode,
            "accessibility": values.get("accessibility", ""),
        }
        commune = gazetteer.from_postcode(postcode, city) if postcode else None
        if commune is not None:
            data["commune_insee"] = commune.insee_code
        if values.get("latitude") and values.get("longitude"):
            data["latitude"] = values["latitude"].replace(",", ".")
            data["longitude"] = values["longitude"].replace(",", ".")
        else:
            point = self.geocoder(address, postcode, city) if self.geocoder else None
            if point is None and commune is not None:
                point = (commune.latitude, commune.longitude)
                record.warn("address", "Adresse non géocodée : point de la commune retenu.")
            if point is not None:
                data["latitude"], data["longitude"] = point
        place_id = f"{record.source_id}:lieu"
        record.places.append(PlaceRecord(place_id, data))
        return [place_id]


def _split(value: str | None) -> list[str]:
    return [item for item in SPLIT.split(value or "") if item]


def _service(record: Record, values: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: values[name]
        for name in (
            "name",
            "description",
            "age_min",
            "age_max",
            "eligibility",
            "cost_details",
            "referral_email",
            "referral_phone",
            "opening_hours",
        )
        if values.get(name)
    }
    data["status"] = "active"
    data["keywords"] = _split(values.get("keywords"))
    data["languages"] = [item.lower() for item in _split(values.get("languages"))]
    publics = [PUBLICS.get(fold(item), "") for item in _split(values.get("publics"))]
    data["publics"] = sorted(set(filter(None, publics)))
    if values.get("cost"):
        cost = COSTS.get(fold(values["cost"]))
        if cost is None:
            record.warn(
                "cost",
                f"Coût « {values['cost']} » inconnu"
                " (gratuit, payant ou quotient familial) : ignoré.",
            )
        else:
            data["cost"] = cost
    for name in ("age_min", "age_max"):
        if name in data:
            data[name] = data[name].split(".")[0]
    return data
