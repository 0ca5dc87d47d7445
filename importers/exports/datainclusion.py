"""Export the catalogue in the data·inclusion schema v1 (structures.json and services.json)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
from data_inclusion.schema import v1 as schema
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Organisation, Place, Service
from importers.exports.hsds import exported_services

SOURCE = "relais"
FRAIS = {"free": "gratuit", "paid": "payant", "income_based": "payant"}
PUBLICS = {"family": "familles", "parent": "familles", "child": "jeunes"}
MOBILISABLE = {"family": "usagers", "professional": "professionnels", "relais": "professionnels"}


@dataclass
class ExportResult:
    """How many rows were written, and the rows the schema refused (with why)."""

    structures: int = 0
    services: int = 0
    refused: list[str] = field(default_factory=list)


def _day(service: Service) -> str:
    day = service.last_verified_on or (
        service.updated_at.date() if service.updated_at else dt.date.today()
    )
    return min(day, dt.date.today()).isoformat()


def _address(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {}
    found: dict[str, Any] = {
        "adresse": place.address or None,
        "code_postal": place.postcode or None,
        "code_insee": place.commune_insee,
    }
    if place.has_point:
        found["latitude"], found["longitude"] = place.latitude, place.longitude
    return {key: value for key, value in found.items() if value is not None}


def structure_row(organisation: Organisation, day: str) -> dict[str, Any]:
    """Return a data·inclusion structure."""
    row = {
        "source": SOURCE,
        "id": str(organisation.uid),
        "nom": organisation.name,
        "date_maj": day,
        "description": organisation.description or None,
        "siret": organisation.siret,
        "courriel": organisation.email,
        "telephone": organisation.phone,
        "site_web": organisation.website,
    }
    public = [p for p in organisation.places if not any(s.confidential_address for s in p.services)]
    row.update(_address(public[0] if public else None))
    return {key: value for key, value in row.items() if value is not None}


def service_row(service: Service) -> dict[str, Any]:
    """Return a data·inclusion service (statuses other than active are not published)."""
    thematiques = sorted(
        {value for term in service.needs for value in term.datainclusion_thematiques}
    )
    zone = [*service.area_communes, *service.area_departments, *service.area_epcis]
    description = (
        service.description if len(service.description) >= 5 else f"Service : {service.name}"
    )
    publics = sorted({PUBLICS[value] for value in service.publics if value in PUBLICS})
    mobilisable = sorted(
        {MOBILISABLE[value] for value in service.mobilisation if value in MOBILISABLE}
    )
    row = {
        "source": SOURCE,
        "id": str(service.uid),
        "structure_id": str(service.organisation.uid),
        "nom": service.name[:150],
        "description": description,
        "date_maj": _day(service),
        "thematiques": thematiques or None,
        "frais": FRAIS.get(service.cost),
        "frais_precisions": service.cost_details or None,
        "publics": publics or None,
        "conditions_acces": service.eligibility or None,
        "zone_eligibilite": zone or None,
        "modes_accueil": ["en-presentiel"] if service.places else None,
        "mobilisable_par": mobilisable or None,
        "horaires_accueil": service.opening_hours or None,
    }
    places = service.public_places
    row.update(_address(places[0] if places else None))
    return {key: value for key, value in row.items() if value is not None}


def _valid(model: type[pydantic.BaseModel], row: dict[str, Any], refused: list[str]) -> bool:
    try:
        model.model_validate(row)
    except pydantic.ValidationError as error:
        refused.append(
            f"{row['id']} ({row['nom']}) : {error.errors()[0]['loc']} {error.errors()[0]['msg']}"
        )
        return False
    return True


def export(session: Session, folder: Path) -> ExportResult:
    """Write structures.json and services.json, each row validated with the package's models."""
    folder.mkdir(parents=True, exist_ok=True)
    result = ExportResult()
    today = dt.date.today().isoformat()
    services = [
        service_row(service) for service in exported_services(session) if service.status == "active"
    ]
    services = [row for row in services if _valid(schema.Service, row, result.refused)]
    structures = [
        structure_row(organisation, today)
        for organisation in session.scalars(select(Organisation).order_by(Organisation.id))
    ]
    structures = [row for row in structures if _valid(schema.Structure, row, result.refused)]
    (folder / "structures.json").write_text(
        json.dumps(structures, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    (folder / "services.json").write_text(
        json.dumps(services, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    result.structures, result.services = len(structures), len(services)
    return result
