"""Words for places and catalogue values: addresses with the commune, areas by name, old → new."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from catalogue.hours import french_list, plain_hours
from catalogue.models import Commune, Epci, NeedTerm
from referral import database
from referral.french import plural
from referral.labels import LABELS, label

#: The label table that names each coded field of a service (history pages, conflict page).
FIELD_KINDS = {
    "publics": "public",
    "school_levels": "school_level",
    "cost": "cost",
    "mobilisation": "mobilisation",
    "capacity": "capacity",
    "languages": "language",
    "status": "status",
}
SHOWN_COMMUNES = 5
SOURCES = {
    "demo": "données de démonstration",
    "relais": "saisie dans Relais",
    "finess": "FINESS",
    "datainclusion": "data·inclusion",
    "hsds": "import HSDS",
    "spreadsheet": "import d'un tableur",
}


def commune_name(insee_code: str | None) -> str:
    """Name a commune from its INSEE code (the code itself when the gazetteer lacks it)."""
    if not insee_code:
        return ""
    found = database.session().get(Commune, insee_code)
    return found.name if found else insee_code


def address(place: Any) -> str:
    """Write a place's address with its commune: « 59 rue des Tilleuls, 86000 Poitiers »."""
    town = commune_name(place.commune_insee)
    locality = " ".join(part for part in (place.postcode, town) if part)
    return ", ".join(part for part in (place.address, locality) if part)


def _epci_words(sirens: list[str]) -> list[str]:
    db = database.session()
    words = []
    for siren in sirens:
        epci = db.get(Epci, siren)
        count = db.scalar(select(func.count()).where(Commune.epci_siren == siren)) or 0
        name = epci.name if epci else f"intercommunalité {siren}"
        words.append(f"{name} ({plural(count, 'commune')})")
    return words


def _department_words(codes: list[str]) -> list[str]:
    db = database.session()
    words = []
    for code in codes:
        name = db.scalar(
            select(Commune.department_name).where(Commune.department_code == code).limit(1)
        )
        words.append(f"{name} ({code})" if name else f"département {code}")
    return words


def _commune_words(codes: list[str]) -> list[str]:
    names = [commune_name(code) for code in codes[:SHOWN_COMMUNES]]
    others = len(codes) - len(names)
    if others > 0:
        names.append(plural(others, "autre commune", "autres communes"))
    return names


def commune_names(codes: list[str]) -> str:
    """Name communes, the first few then how many others."""
    names = _commune_words(codes)
    return french_list(names) if names else ""


def service_area(service: Any) -> str:
    """Say where a service takes families from, by name."""
    if service.area_radius_km:
        radius = f"{service.area_radius_km:g}".replace(".", ",")
        return f"à moins de {radius} km du lieu d'accueil"
    parts = (
        _commune_words(service.area_communes or [])
        + _epci_words(service.area_epcis or [])
        + _department_words(service.area_departments or [])
    )
    return french_list(parts) if parts else "sans restriction de secteur"


def programme_territory(programme: Any) -> str:
    """Name a programme's territory: « Grand Poitiers (40 communes) — Vienne (86) »."""
    if programme.territory_epci:
        [place] = _epci_words([programme.territory_epci])
    else:
        place = commune_names(programme.territory_communes or [])
    if not programme.department_code:
        return place
    [department] = _department_words([programme.department_code])
    return f"{place} — {department}" if place else department


def _need_labels(codes: list[str]) -> list[str]:
    db = database.session()
    return [(term.label if (term := db.get(NeedTerm, code)) else code) for code in codes]


def _words(field: str, value: Any) -> str:
    if field in ("needs",):
        return french_list(_need_labels(value)) if value else "aucun"
    if field in ("area_communes", "place.commune_insee"):
        return commune_names(value if isinstance(value, list) else [value])
    if field == "area_epcis":
        return french_list(_epci_words(value)) if value else "aucune"
    if field == "area_departments":
        return french_list(_department_words(value)) if value else "aucun"
    if field == "opening_hours":
        return plain_hours(value)
    if field == "source":
        return SOURCES.get(str(value), str(value))
    kind = FIELD_KINDS.get(field)
    if isinstance(value, list):
        items = [label(kind, item) if kind else str(item) for item in value]
        return french_list(items) if items else "aucun"
    return label(kind, value) if kind else str(value)


def change_value(value: Any, field: str) -> str:
    """Say one side of a change in words: labels, « oui »/« non », dates, names, « — »."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if field in ("suspended_until", "last_verified_on") and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return _words(field, value)


def field_name(field: str) -> str:
    """Name a service field in French."""
    return LABELS["service_field"].get(field, field.replace("_", " "))
