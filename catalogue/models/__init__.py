"""Catalogue models: organisations, services, places, the needs taxonomy, geography, history."""

from catalogue.models.geography import Commune, Epci
from catalogue.models.history import ChangeOrigin, ServiceChange
from catalogue.models.organisation import Organisation, OrganisationKind
from catalogue.models.place import Place
from catalogue.models.service import (
    Capacity,
    Cost,
    Mobilisation,
    Public,
    SchoolLevel,
    Service,
    ServiceStatus,
)
from catalogue.models.taxonomy import NeedDomain, NeedTerm

__all__ = [
    "Capacity",
    "ChangeOrigin",
    "Commune",
    "Cost",
    "Epci",
    "Mobilisation",
    "NeedDomain",
    "NeedTerm",
    "Organisation",
    "OrganisationKind",
    "Place",
    "Public",
    "SchoolLevel",
    "Service",
    "ServiceChange",
    "ServiceStatus",
]
