"""Relais → HSDS 3 objects: one mapping, shared by the HSDS export and the HSDS API.

Relais fields with no HSDS home (cost kind, capacity, publics, school levels, mobilisation,
eligibility flags) travel as attributes on terms of a small "relais-champs" taxonomy, so that
an export re-imported gives the same catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalogue.models import NeedTerm, Organisation, Place, Service, ServiceStatus
from importers.hsds.vocabulary import (
    AREA_TYPES,
    FIELDS_TAXONOMY,
    FLAG_FIELDS,
    HSDS_PROFILE,
    HSDS_VERSION,
    INSEE_IDENTIFIER,
    KEYWORDS_TAXONOMY,
    LIST_FIELDS,
    NEEDS_TAXONOMY,
    SCALAR_FIELDS,
    STATUS_TO_HSDS,
    derived_id,
    taxonomy_id,
)

__all__ = [
    "HSDS_PROFILE",
    "HSDS_VERSION",
    "derived_id",
    "location",
    "need_term",
    "organization",
    "organization_full",
    "page_envelope",
    "service_at_location",
    "service_attributes",
    "service_basic",
    "service_full",
    "taxonomies",
    "taxonomy_id",
]


def taxonomies() -> list[dict[str, Any]]:
    """Return the taxonomies Relais publishes."""
    return [
        {
            "id": taxonomy_id(NEEDS_TAXONOMY),
            "name": "Besoins (Relais)",
            "description": "Taxonomie des besoins des enfants et des familles des PRE.",
            "version": "1",
        },
        {
            "id": taxonomy_id(FIELDS_TAXONOMY),
            "name": "Champs Relais",
            "description": "Caractéristiques propres à Relais (coût, capacité, publics…).",
            "version": "1",
        },
        {
            "id": taxonomy_id(KEYWORDS_TAXONOMY),
            "name": "Mots-clés",
            "description": "Mots-clés libres des services.",
            "version": "1",
        },
    ]


def need_term(term: NeedTerm) -> dict[str, Any]:
    """Return an HSDS taxonomy term for a need."""
    return {
        "id": derived_id("need", term.code),
        "code": term.code,
        "name": term.label,
        "description": term.examples or term.label,
        "taxonomy": NEEDS_TAXONOMY,
        "taxonomy_id": taxonomy_id(NEEDS_TAXONOMY),
        "language": "fr",
    }


def _term(taxonomy: str, code: str, name: str) -> dict[str, Any]:
    return {
        "id": derived_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id(taxonomy),
        "language": "fr",
    }


def _attribute(link_id: str, term: dict[str, Any], value: str = "") -> dict[str, Any]:
    attribute = {
        "id": derived_id("attribute", link_id, term["id"]),
        "link_id": link_id,
        "link_type": term["taxonomy"],
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }
    if value:
        attribute["value"] = value
    return attribute


def _timestamp(value: dt.datetime | None) -> str | None:
    """Return an RFC 3339 date-time (SQLite gives naive UTC datetimes back)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def _plain(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def service_attributes(service: Service) -> list[dict[str, Any]]:
    """Return the attributes of a service: needs, keywords and Relais fields."""
    link = str(service.uid)
    found = [_attribute(link, need_term(term)) for term in service.needs]
    found += [_attribute(link, _term(KEYWORDS_TAXONOMY, word, word)) for word in service.keywords]
    for name in LIST_FIELDS:
        for value in getattr(service, name):
            found.append(
                _attribute(
                    link, _term(FIELDS_TAXONOMY, f"{name}:{value}", f"{name} {value}"), value
                )
            )
    for name in FLAG_FIELDS:
        if getattr(service, name):
            found.append(_attribute(link, _term(FIELDS_TAXONOMY, name, name), "true"))
    for name in SCALAR_FIELDS:
        value = getattr(service, name)
        if value not in (None, ""):
            found.append(_attribute(link, _term(FIELDS_TAXONOMY, name, name), _plain(value)))
    return found


def organization(organisation: Organisation) -> dict[str, Any]:
    """Return the one-to-one fields of an HSDS organization."""
    found: dict[str, Any] = {
        "id": str(organisation.uid),
        "name": organisation.name,
        "description": organisation.description or organisation.name,
    }
    if organisation.email:
        found["email"] = organisation.email
    if organisation.website:
        found["website"] = organisation.website
    return found


def organization_full(organisation: Organisation) -> dict[str, Any]:
    """Return an HSDS organization with its identifiers, phones and kind."""
    found = organization(organisation)
    link = str(organisation.uid)
    found["organization_identifiers"] = (
        [
            {
                "id": derived_id("siret", link),
                "organization_id": link,
                "identifier_scheme": "FR-SIRET",
                "identifier_type": "SIRET",
                "identifier": organisation.siret,
            }
        ]
        if organisation.siret
        else []
    )
    found["phones"] = (
        [{"id": derived_id("phone", link), "organization_id": link, "number": organisation.phone}]
        if organisation.phone
        else []
    )
    kind = _term(FIELDS_TAXONOMY, f"kind:{organisation.kind}", f"kind {organisation.kind}")
    found["attributes"] = [
        {**_attribute(link, kind, organisation.kind), "link_entity": "organization"}
    ]
    return found


def location(place: Place) -> dict[str, Any]:
    """Return an HSDS location with its address."""
    link = str(place.uid)
    found: dict[str, Any] = {
        "id": link,
        "location_type": "physical",
        "organization_id": str(place.organisation.uid),
        "name": place.name or place.address or place.organisation.name,
    }
    if place.transport:
        found["transportation"] = place.transport
    if place.has_point:
        found["latitude"] = place.latitude
        found["longitude"] = place.longitude
    if place.commune_insee:
        found["external_identifier"] = place.commune_insee
        found["external_identifier_type"] = INSEE_IDENTIFIER
    found["addresses"] = [_address(place, link)] if place.address else []
    found["accessibility"] = (
        [
            {
                "id": derived_id("accessibility", link),
                "location_id": link,
                "description": place.accessibility,
            }
        ]
        if place.accessibility
        else []
    )
    return found


def _address(place: Place, link: str) -> dict[str, Any]:
    """Return the HSDS address of a place (its département from the commune's INSEE code)."""
    city = place.commune_insee or ""
    return {
        "id": derived_id("address", link),
        "location_id": link,
        "address_1": place.address,
        "city": city,
        "state_province": city[:3] if city.startswith("97") else city[:2],
        "postal_code": place.postcode,
        "country": "FR",
        "address_type": "physical",
    }


def service_basic(service: Service, *, private: bool = False) -> dict[str, Any]:
    """Return the one-to-one fields of an HSDS service (the list form)."""
    found: dict[str, Any] = {
        "id": str(service.uid),
        "organization_id": str(service.organisation.uid),
        "name": service.name,
        "description": service.description,
        "status": STATUS_TO_HSDS.get(ServiceStatus(service.status), "inactive"),
    }
    optional = {
        "eligibility_description": service.eligibility,
        "fees_description": service.cost_details,
        "minimum_age": service.age_min,
        "maximum_age": service.age_max,
        "assured_date": service.last_verified_on.isoformat() if service.last_verified_on else None,
        "last_modified": _timestamp(service.updated_at),
        "email": service.referral_email if private else None,
    }
    found.update({name: value for name, value in optional.items() if value not in (None, "")})
    return found


def _schedules(service: Service) -> list[dict[str, Any]]:
    if not service.opening_hours:
        return []
    return [
        {
            "id": derived_id("schedule", service.uid),
            "service_id": str(service.uid),
            "description": service.opening_hours,
            "notes": "Syntaxe OpenStreetMap opening_hours",
        }
    ]


def _areas(service: Service) -> list[dict[str, Any]]:
    link = str(service.uid)
    found = [
        {
            "id": derived_id("area", link, code),
            "service_id": link,
            "name": code,
            "extent_type": kind,
            "extent": code,
        }
        for name, kind in AREA_TYPES.items()
        for code in getattr(service, name)
    ]
    if service.area_radius_km is not None:
        radius = f"{service.area_radius_km:g}"
        found.append(
            {
                "id": derived_id("area", link, "radius"),
                "service_id": link,
                "name": f"{radius} km",
                "extent_type": "radius_km",
                "extent": radius,
            }
        )
    return found


def service_at_location(service: Service, place: Place) -> dict[str, Any]:
    """Return the one-to-one fields of a service at a location."""
    return {
        "id": derived_id("service_at_location", service.uid, place.uid),
        "service_id": str(service.uid),
        "location_id": str(place.uid),
    }


def service_full(service: Service, *, private: bool = False) -> dict[str, Any]:
    """Return a nested HSDS service; `private` adds the referral contact and hidden addresses."""
    found = service_basic(service, private=private)
    link = str(service.uid)
    places = list(service.places) if private else service.public_places
    found["organization"] = organization_full(service.organisation)
    found["service_at_locations"] = [
        {**service_at_location(service, place), "location": location(place)} for place in places
    ]
    found["phones"] = (
        [{"id": derived_id("phone", link), "service_id": link, "number": service.referral_phone}]
        if private and service.referral_phone
        else []
    )
    found["schedules"] = _schedules(service)
    found["service_areas"] = _areas(service)
    found["languages"] = [
        {"id": derived_id("language", link, code), "service_id": link, "code": code, "name": code}
        for code in service.languages
    ]
    found["attributes"] = service_attributes(service)
    return found


def page_envelope(items: list[Any], total: int, page: int, per_page: int) -> dict[str, Any]:
    """Return the HSDS list envelope around a page of items."""
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(items),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": items,
    }
