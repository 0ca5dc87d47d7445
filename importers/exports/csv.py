"""Export the catalogue as one CSV file, one row per service (pending services excluded)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from catalogue.csvsafe import SafeDictWriter
from catalogue.models import Service
from importers.exports.hsds import exported_services

COLUMNS = [
    "id",
    "structure",
    "structure_id",
    "siret",
    "nom",
    "statut",
    "suspendu_jusqu_au",
    "description",
    "besoins",
    "publics",
    "age_min",
    "age_max",
    "niveaux_scolaires",
    "conditions",
    "cout",
    "precisions_cout",
    "horaires",
    "langues",
    "mots_cles",
    "adresse",
    "code_postal",
    "code_insee",
    "latitude",
    "longitude",
    "derniere_verification",
]


def service_row(service: Service) -> dict[str, object]:
    """Return the flat CSV row of a service (a confidential address is left out)."""
    place = service.public_places[0] if service.public_places else None
    return {
        "id": service.uid,
        "structure": service.organisation.name,
        "structure_id": service.organisation.uid,
        "siret": service.organisation.siret or "",
        "nom": service.name,
        "statut": service.status,
        "suspendu_jusqu_au": service.suspended_until or "",
        "description": service.description,
        "besoins": " ".join(service.need_codes),
        "publics": " ".join(service.publics),
        "age_min": "" if service.age_min is None else service.age_min,
        "age_max": "" if service.age_max is None else service.age_max,
        "niveaux_scolaires": " ".join(service.school_levels),
        "conditions": service.eligibility,
        "cout": service.cost,
        "precisions_cout": service.cost_details,
        "horaires": service.opening_hours,
        "langues": " ".join(service.languages),
        "mots_cles": "; ".join(service.keywords),
        "adresse": place.address if place else "",
        "code_postal": place.postcode if place else "",
        "code_insee": (place.commune_insee or "") if place else "",
        "latitude": "" if place is None or place.latitude is None else place.latitude,
        "longitude": "" if place is None or place.longitude is None else place.longitude,
        "derniere_verification": service.last_verified_on or "",
    }


def export(session: Session, path: Path) -> int:
    """Write the CSV export; return the number of services."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = SafeDictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for service in exported_services(session):
            writer.writerow(service_row(service))
            count += 1
    return count
