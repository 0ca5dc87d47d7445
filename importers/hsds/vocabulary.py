"""The HSDS 3 vocabulary of Relais: versions, taxonomies, field groups, statuses, derived ids."""

from __future__ import annotations

import uuid

from catalogue.models import ServiceStatus

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://openreferral.org/"
NAMESPACE = uuid.UUID("6f1c0b9e-2f4e-4a53-9a57-2a8f3c1d7e21")
NEEDS_TAXONOMY = "relais-besoins"
FIELDS_TAXONOMY = "relais-champs"
KEYWORDS_TAXONOMY = "relais-mots-cles"
LIST_FIELDS = ("publics", "school_levels", "mobilisation")
FLAG_FIELDS = ("qpv_only", "mdph_required", "rep_only", "confidential_address")
SCALAR_FIELDS = (
    "cost",
    "capacity",
    "waitlist_weeks",
    "suspended_until",
    "update_frequency_days",
    "accessibility",
)
AREA_TYPES = {
    "area_communes": "insee_commune",
    "area_departments": "insee_departement",
    "area_epcis": "siren_epci",
}
INSEE_IDENTIFIER = "code_insee"
STATUS_TO_HSDS = {
    ServiceStatus.ACTIVE: "active",
    ServiceStatus.SUSPENDED: "temporarily closed",
    ServiceStatus.CLOSED: "inactive",
}
STATUS_FROM_HSDS = {
    "active": ServiceStatus.ACTIVE,
    "temporarily closed": ServiceStatus.SUSPENDED,
    "inactive": ServiceStatus.CLOSED,
    "defunct": ServiceStatus.CLOSED,
}


def derived_id(*parts: object) -> str:
    """Return a stable UUID for an HSDS object Relais has no row for."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def taxonomy_id(name: str) -> str:
    """Return the id of one of Relais's taxonomies."""
    return derived_id("taxonomy", name)
