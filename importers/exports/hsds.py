"""Export the catalogue as HSDS 3: a JSON list of nested services, or a tabular package."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.csvsafe import SafeDictWriter
from catalogue.models import Organisation, Place, Service, ServiceStatus
from importers.hsds import mapping

TABLES = {
    "organizations": ("organizations.csv", ["id", "name", "description", "email", "website"]),
    "organization_identifiers": (
        "organization_identifiers.csv",
        ["id", "organization_id", "identifier_scheme", "identifier_type", "identifier"],
    ),
    "services": (
        "services.csv",
        [
            "id",
            "organization_id",
            "name",
            "description",
            "email",
            "status",
            "fees_description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "last_modified",
        ],
    ),
    "locations": (
        "locations.csv",
        [
            "id",
            "location_type",
            "organization_id",
            "name",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
    ),
    "addresses": (
        "addresses.csv",
        [
            "id",
            "location_id",
            "address_1",
            "city",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
    ),
    "accessibility": ("accessibility.csv", ["id", "location_id", "description"]),
    "service_at_locations": ("service_at_location.csv", ["id", "service_id", "location_id"]),
    "phones": ("phones.csv", ["id", "service_id", "organization_id", "number"]),
    "schedules": ("schedules.csv", ["id", "service_id", "description", "notes"]),
    "service_areas": ("service_areas.csv", ["id", "service_id", "name", "extent", "extent_type"]),
    "languages": ("languages.csv", ["id", "service_id", "name", "code"]),
    "taxonomies": ("taxonomies.csv", ["id", "name", "description", "version"]),
    "taxonomy_terms": (
        "taxonomy_terms.csv",
        ["id", "code", "name", "description", "taxonomy", "taxonomy_id", "language"],
    ),
    "attributes": (
        "attributes.csv",
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
    ),
}


def exported_services(session: Session) -> Iterator[Service]:
    """Yield every service but pending ones, with what the mapping needs loaded."""
    query = (
        select(Service)
        .where(Service.status != ServiceStatus.PENDING)
        .order_by(Service.id)
        .options(
            selectinload(Service.organisation),
            selectinload(Service.needs),
            selectinload(Service.places).selectinload(Place.organisation),
        )
    )
    yield from session.scalars(query)


def services_json(session: Session, *, private: bool = False) -> list[dict[str, Any]]:
    """Return the catalogue as a list of fully nested HSDS services."""
    return [
        mapping.service_full(service, private=private) for service in exported_services(session)
    ]


def write_json(session: Session, path: Path, *, private: bool = False) -> int:
    """Write the HSDS JSON export; return the number of services."""
    services = services_json(session, private=private)
    path.write_text(json.dumps(services, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(services)


def _flatten(
    services: list[dict[str, Any]], organisations: list[Organisation]
) -> dict[str, dict[str, dict[str, Any]]]:
    tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in TABLES}

    def put(table: str, row: dict[str, Any]) -> None:
        tables[table].setdefault(row["id"], row)

    def attributes(items: list[dict[str, Any]]) -> None:
        for attribute in items:
            put("taxonomy_terms", attribute["taxonomy_term"])
            put("attributes", attribute)

    for organisation in organisations:
        full = mapping.organization_full(organisation)
        put("organizations", full)
        for item in full["organization_identifiers"]:
            put("organization_identifiers", item)
        for item in full["phones"]:
            put("phones", item)
        attributes(full["attributes"])
    for service in services:
        put("services", service)
        for link in service["service_at_locations"]:
            location = link["location"]
            put("service_at_locations", link)
            put("locations", location)
            for item in location["addresses"]:
                put("addresses", item)
            for item in location["accessibility"]:
                put("accessibility", item)
        for table in ("phones", "schedules", "service_areas", "languages"):
            for item in service[table]:
                put(table, item)
        attributes(service["attributes"])
    for taxonomy in mapping.taxonomies():
        put("taxonomies", taxonomy)
    return tables


def write_tabular(session: Session, folder: Path, *, private: bool = False) -> int:
    """Write the HSDS tabular package (CSV files and datapackage.json); return the services."""
    folder.mkdir(parents=True, exist_ok=True)
    services = services_json(session, private=private)
    organisations = list(session.scalars(select(Organisation).order_by(Organisation.id)))
    tables = _flatten(services, organisations)
    resources = []
    for table, (filename, columns) in TABLES.items():
        with (folder / filename).open("w", encoding="utf-8", newline="") as handle:
            writer = SafeDictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(tables[table].values())
        resources.append(
            {
                "name": table,
                "path": filename,
                "format": "csv",
                "mediatype": "text/csv",
                "profile": "tabular-data-resource",
            }
        )
    package = {
        "name": "relais-catalogue",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, indent=1), encoding="utf-8")
    return len(services)
