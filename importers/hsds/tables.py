"""HSDS 3 sources read into flat tables: a tabular package folder, or JSON / NDJSON services."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from importers.records import UnreadableFileError, clean

Row = dict[str, Any]
TABLES = {
    "organizations": ("organizations.csv",),
    "services": ("services.csv",),
    "locations": ("locations.csv",),
    "addresses": ("addresses.csv",),
    "service_at_locations": ("service_at_locations.csv", "service_at_location.csv"),
    "phones": ("phones.csv",),
    "schedules": ("schedules.csv",),
    "service_areas": ("service_areas.csv",),
    "languages": ("languages.csv",),
    "attributes": ("attributes.csv",),
    "taxonomy_terms": ("taxonomy_terms.csv",),
    "organization_identifiers": ("organization_identifiers.csv",),
    "accessibility": ("accessibility.csv",),
}


class Tables:
    """The HSDS objects of a source, flattened into tables of rows (with their line numbers)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple[int | str, Row]]] = defaultdict(list)

    def add(self, table: str, line: int | str, row: Row) -> None:
        """Add a row."""
        self.rows[table].append(
            (line, {key: value for key, value in row.items() if value not in (None, "")})
        )

    def index(self, table: str, key: str = "id") -> dict[str, Row]:
        """Return a table's rows by a column."""
        return {clean(row.get(key)): row for _, row in self.rows[table] if clean(row.get(key))}

    def group(self, table: str, key: str) -> dict[str, list[Row]]:
        """Return a table's rows grouped by a column."""
        grouped: dict[str, list[Row]] = defaultdict(list)
        for _, row in self.rows[table]:
            grouped[clean(row.get(key))].append(row)
        return grouped


def _read_csv(path: Path) -> list[Row]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UnreadableFileError(f"Le fichier {path.name} est illisible : {error}.") from error


def _resource_paths(folder: Path) -> dict[str, Path]:
    """Return the CSV file of each table, from datapackage.json when it names them."""
    found = {
        table: folder / name
        for table, names in TABLES.items()
        for name in names
        if (folder / name).is_file()
    }
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package.get("resources", []):
            path = folder / str(resource.get("path", ""))
            for table, names in TABLES.items():
                if path.name in names and path.is_file():
                    found[table] = path
    except (OSError, ValueError, AttributeError):
        pass  # datapackage.json is optional, and the CSV names are standard
    return found


def read_tabular(folder: Path) -> Tables:
    """Read a tabular package folder."""
    paths = _resource_paths(folder)
    if "services" not in paths and "organizations" not in paths:
        raise UnreadableFileError(
            f"Le dossier {folder.name} ne contient ni services.csv ni organizations.csv (HSDS 3)."
        )
    tables = Tables()
    for table, path in paths.items():
        for number, row in enumerate(_read_csv(path), start=2):
            tables.add(table, number, row)
    return tables


def _flatten_service(tables: Tables, number: int, service: Row) -> None:
    organisation = service.get("organization")
    if isinstance(organisation, dict):
        service.setdefault("organization_id", organisation.get("id"))
        _flatten_organisation(tables, number, organisation)
    for item in service.get("service_at_locations") or []:
        item.setdefault("service_id", service.get("id"))
        place = item.get("location")
        if isinstance(place, dict):
            item.setdefault("location_id", place.get("id"))
            for address in place.get("addresses") or []:
                tables.add("addresses", number, {**address, "location_id": place.get("id")})
            for access in place.get("accessibility") or []:
                tables.add("accessibility", number, {**access, "location_id": place.get("id")})
            tables.add("locations", number, place)
        tables.add("service_at_locations", number, item)
    for table in ("phones", "schedules", "service_areas", "languages"):
        for item in service.get(table) or []:
            tables.add(table, number, {**item, "service_id": service.get("id")})
    _flatten_attributes(tables, number, service.get("attributes"), service.get("id"), "service")
    tables.add("services", number, service)


def _flatten_attributes(
    tables: Tables, number: int, attributes: Any, link: Any, entity: str
) -> None:
    for attribute in attributes or []:
        term = attribute.get("taxonomy_term")
        if isinstance(term, dict):
            attribute.setdefault("taxonomy_term_id", term.get("id"))
            tables.add("taxonomy_terms", number, term)
        tables.add("attributes", number, {"link_id": link, "link_entity": entity, **attribute})


def _flatten_organisation(tables: Tables, number: int, organisation: Row) -> None:
    for item in organisation.get("organization_identifiers") or []:
        tables.add(
            "organization_identifiers", number, {**item, "organization_id": organisation.get("id")}
        )
    for item in organisation.get("phones") or []:
        tables.add("phones", number, {**item, "organization_id": organisation.get("id")})
    _flatten_attributes(
        tables, number, organisation.get("attributes"), organisation.get("id"), "organization"
    )
    tables.add("organizations", number, organisation)


def read_json(path: Path) -> Tables:
    """Read a JSON file (a service, a list of services, or an HSDS page) or NDJSON."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableFileError(f"Le fichier {path.name} est illisible : {error}.") from error
    try:
        data = json.loads(text)
        objects = data.get("contents", [data]) if isinstance(data, dict) else data
    except ValueError:
        try:
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as error:
            raise UnreadableFileError(
                f"{path.name} n'est ni du JSON ni du NDJSON valide : {error}."
            ) from error
    tables = Tables()
    for number, item in enumerate(objects, start=1):
        if not isinstance(item, dict):
            raise UnreadableFileError(
                f"{path.name} : l'objet n° {number} n'est pas un service HSDS."
            )
        _flatten_service(tables, number, item)
    return tables
