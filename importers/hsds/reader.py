"""Read an HSDS 3 tabular package (CSV folder), a JSON file or an NDJSON file into records."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import opening_hours
from sqlalchemy.orm import Session

from catalogue.models import ServiceStatus
from importers.communes import Gazetteer
from importers.crosswalk import Crosswalk
from importers.hsds.tables import Row, Tables, read_json, read_tabular
from importers.hsds.vocabulary import (
    AREA_TYPES,
    FIELDS_TAXONOMY,
    FLAG_FIELDS,
    INSEE_IDENTIFIER,
    LIST_FIELDS,
    NEEDS_TAXONOMY,
    SCALAR_FIELDS,
    STATUS_FROM_HSDS,
)
from importers.records import (
    OrganisationRecord,
    PlaceRecord,
    Record,
    ServiceRecord,
    UnreadableFileError,
    as_uuid,
    clean,
)

DAYS = {"MO": "Mo", "TU": "Tu", "WE": "We", "TH": "Th", "FR": "Fr", "SA": "Sa", "SU": "Su"}
SIRET = re.compile(r"^\d{14}$")


class HsdsReader:
    """Reads HSDS 3 into records: one per service, plus one per organisation without services."""

    format = "hsds"
    source = "hsds"

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, session: Session, crosswalk: Crosswalk) -> Iterator[Record]:
        """Yield the records of the package or file."""
        if not self.path.exists():
            raise UnreadableFileError(f"Le fichier {self.path.name} n'existe pas.")
        tables = read_tabular(self.path) if self.path.is_dir() else read_json(self.path)
        yield from _Builder(tables, Gazetteer(session)).records()


class _Builder:
    def __init__(self, tables: Tables, gazetteer: Gazetteer) -> None:
        self.tables = tables
        self.gazetteer = gazetteer
        self.organisations = tables.index("organizations")
        self.locations = tables.index("locations")
        self.terms = tables.index("taxonomy_terms")
        self.addresses = tables.group("addresses", "location_id")
        self.accessibility = tables.group("accessibility", "location_id")
        self.at_locations = tables.group("service_at_locations", "service_id")
        self.attributes = tables.group("attributes", "link_id")
        self.identifiers = tables.group("organization_identifiers", "organization_id")
        self.phones_by_service = tables.group("phones", "service_id")
        self.phones_by_organisation = tables.group("phones", "organization_id")
        self.schedules = tables.group("schedules", "service_id")
        self.areas = tables.group("service_areas", "service_id")
        self.languages = tables.group("languages", "service_id")

    def records(self) -> Iterator[Record]:
        used: set[str] = set()
        for line, row in self.tables.rows["services"]:
            record = Record(line=line, source_id=clean(row.get("id")))
            if not record.source_id:
                record.reject("id", "Service sans identifiant.")
                yield record
                continue
            organisation_id = clean(row.get("organization_id"))
            used.add(organisation_id)
            self._organisation(record, organisation_id)
            self._service(record, row)
            yield record
        for line, row in self.tables.rows["organizations"]:
            organisation_id = clean(row.get("id"))
            if organisation_id and organisation_id not in used:
                used.add(organisation_id)
                record = Record(line=line, source_id=organisation_id)
                self._organisation(record, organisation_id)
                yield record

    # ---- organisations ----------------------------------------------------------------------

    def _organisation(self, record: Record, organisation_id: str) -> None:
        row = self.organisations.get(organisation_id)
        if row is None:
            record.reject("organization_id", f"Structure introuvable : « {organisation_id} ».")
            return
        data: dict[str, Any] = {
            "name": clean(row.get("name")),
            "description": clean(row.get("description")),
            "email": clean(row.get("email")) or None,
            "website": clean(row.get("website")) or None,
        }
        siret = self._siret(organisation_id, row)
        if siret:
            data["siret"] = siret
        phones = self.phones_by_organisation.get(organisation_id, [])
        if phones:
            data["phone"] = _phone(phones[0].get("number"))
        for attribute in self.attributes.get(organisation_id, []):
            code = clean(self._term(attribute).get("code"))
            if code.startswith("kind:"):
                data["kind"] = code.removeprefix("kind:")
        record.organisation = OrganisationRecord(organisation_id, data, as_uuid(organisation_id))

    def _siret(self, organisation_id: str, row: Row) -> str:
        for item in self.identifiers.get(organisation_id, []):
            value = re.sub(r"\s", "", clean(item.get("identifier")))
            kind = f"{item.get('identifier_type', '')} {item.get('identifier_scheme', '')}".upper()
            if "SIRET" in kind and SIRET.match(value):
                return value
        tax_id = re.sub(r"\s", "", clean(row.get("tax_id")))
        return tax_id if SIRET.match(tax_id) else ""

    def _term(self, attribute: Row) -> Row:
        term = attribute.get("taxonomy_term")
        if isinstance(term, dict):
            return term
        return self.terms.get(clean(attribute.get("taxonomy_term_id")), {})

    # ---- services ---------------------------------------------------------------------------

    def _service(self, record: Record, row: Row) -> None:
        service_id = record.source_id
        data: dict[str, Any] = {
            "name": clean(row.get("name")),
            "description": clean(row.get("description")),
            "eligibility": clean(row.get("eligibility_description")),
            "cost_details": clean(row.get("fees_description")),
            "referral_email": clean(row.get("email")) or None,
            "age_min": _age(row.get("minimum_age"), record, "minimum_age"),
            "age_max": _age(row.get("maximum_age"), record, "maximum_age"),
        }
        if row.get("assured_date"):
            data["last_verified_on"] = clean(row.get("assured_date"))[:10]
        self._status(record, row, data)
        phones = self.phones_by_service.get(service_id, [])
        if phones:
            data["referral_phone"] = _phone(phones[0].get("number"))
        data["opening_hours"] = self._opening_hours(record, service_id)
        data["languages"] = [
            clean(item.get("code")).lower()
            for item in self.languages.get(service_id, [])
            if item.get("code")
        ]
        self._areas(record, service_id, data)
        needs = self._attributes(record, service_id, data)
        places = self._places(record, service_id)
        record.service = ServiceRecord(
            service_id, data, needs=needs, place_ids=places, uid=as_uuid(service_id)
        )

    def _status(self, record: Record, row: Row, data: dict[str, Any]) -> None:
        value = clean(row.get("status")).lower() or "active"
        status = STATUS_FROM_HSDS.get(value)
        if status is None:
            record.warn("status", f"Statut inconnu « {value} » : service importé comme actif.")
            status = ServiceStatus.ACTIVE
        data["status"] = status.value

    def _opening_hours(self, record: Record, service_id: str) -> str:
        for schedule in self.schedules.get(service_id, []):
            text = clean(schedule.get("description"))
            if text and opening_hours.validate(text):
                return text
            built = _from_rrule(schedule)
            if built and opening_hours.validate(built):
                return built
            record.warn(
                "schedules", "Horaires non convertibles en syntaxe opening_hours : ignorés."
            )
        return ""

    def _areas(self, record: Record, service_id: str, data: dict[str, Any]) -> None:
        kinds = {kind: name for name, kind in AREA_TYPES.items()}
        for area in self.areas.get(service_id, []):
            kind, extent = clean(area.get("extent_type")), clean(area.get("extent"))
            if kind in kinds:
                data.setdefault(kinds[kind], []).append(extent)
            elif kind == "radius_km":
                data["area_radius_km"] = extent
            else:
                record.warn(
                    "service_areas",
                    f"Zone « {clean(area.get('name'))[:60]} » non reconnue : ignorée.",
                )

    def _attributes(self, record: Record, service_id: str, data: dict[str, Any]) -> list[str]:
        needs: list[str] = []
        keywords: list[str] = []
        status = data.get("status")
        for attribute in self.attributes.get(service_id, []):
            entity = clean(attribute.get("link_entity"))
            if entity and entity not in ("service", "link_entity"):
                continue
            term = self._term(attribute)
            if not term:
                record.warn(
                    "attributes",
                    f"Terme de taxonomie introuvable : {attribute.get('taxonomy_term_id')}.",
                )
                continue
            code, value = clean(term.get("code")), clean(attribute.get("value"))
            if clean(term.get("taxonomy")) == FIELDS_TAXONOMY:
                _relais_field(data, code, value)
            elif clean(term.get("taxonomy")) == NEEDS_TAXONOMY or code:
                needs.append(code)
            else:
                keywords.append(clean(term.get("name")))
        if status == ServiceStatus.SUSPENDED.value and not data.get("suspended_until"):
            until = dt.date.today() + dt.timedelta(days=30)
            data["suspended_until"] = until.isoformat()
            record.warn(
                "status",
                f"Fermeture temporaire sans date de fin : suspendu jusqu'au {until:%d/%m/%Y}.",
            )
        data["keywords"] = keywords
        return needs

    def _places(self, record: Record, service_id: str) -> list[str]:
        place_ids: list[str] = []
        for link in self.at_locations.get(service_id, []):
            location_id = clean(link.get("location_id"))
            row = self.locations.get(location_id)
            if row is None:
                record.warn("location_id", f"Lieu introuvable : {location_id} (lien ignoré).")
                continue
            if location_id not in {place.source_id for place in record.places}:
                record.places.append(self._place(record, location_id, row))
            place_ids.append(location_id)
        return place_ids

    def _place(self, record: Record, location_id: str, row: Row) -> PlaceRecord:
        address = (self.addresses.get(location_id) or [{}])[0]
        postcode = clean(address.get("postal_code"))
        data: dict[str, Any] = {
            "name": clean(row.get("name")),
            "address": " ".join(
                filter(None, [clean(address.get("address_1")), clean(address.get("address_2"))])
            ),
            "postcode": postcode,
            "transport": clean(row.get("transportation")),
            "accessibility": " ".join(
                clean(item.get("description")) for item in self.accessibility.get(location_id, [])
            ),
        }
        if row.get("latitude") not in (None, "") and row.get("longitude") not in (None, ""):
            data["latitude"], data["longitude"] = row.get("latitude"), row.get("longitude")
        insee = (
            clean(row.get("external_identifier"))
            if row.get("external_identifier_type") == INSEE_IDENTIFIER
            else ""
        )
        commune, _ = self.gazetteer.resolve(insee, postcode, clean(address.get("city")))
        if commune is not None:
            data["commune_insee"] = commune.insee_code
        return PlaceRecord(location_id, data, as_uuid(location_id))


def _relais_field(data: dict[str, Any], code: str, value: str) -> None:
    name, _, item = code.partition(":")
    if name in LIST_FIELDS:
        data.setdefault(name, []).append(item or value)
    elif name in FLAG_FIELDS:
        data[name] = value.lower() in ("true", "1", "oui", "")
    elif name in SCALAR_FIELDS:
        data[name] = value


def _phone(value: Any) -> str:
    return clean(value).strip("\"'")


def _age(value: Any, record: Record, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        record.warn(name, f"Âge illisible « {value} » : ignoré.")
        return None


def _from_rrule(schedule: Row) -> str:
    days = [
        DAYS.get(day.strip().upper()[-2:], "") for day in clean(schedule.get("byday")).split(",")
    ]
    opens, closes = clean(schedule.get("opens_at"))[:5], clean(schedule.get("closes_at"))[:5]
    if not all(days) or not opens or not closes:
        return ""
    return f"{','.join(days)} {opens}-{closes}"
