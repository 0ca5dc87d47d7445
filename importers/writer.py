"""Upsert records idempotently on (source, source_id) through the catalogue's own services."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from marshmallow import Schema, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue import services as catalogue_services
from catalogue.models import ChangeOrigin, Organisation, Place, Service, ServiceStatus
from catalogue.schemas import OrganisationInput, PlaceInput, ServiceInput
from importers.checks import check_service
from importers.crosswalk import Crosswalk
from importers.lenient import lenient_load
from importers.records import (
    OrganisationRecord,
    PlaceRecord,
    Record,
    ServiceRecord,
    plain,
    serialisable,
)

T = TypeVar("T")


class RecordRejectedError(Exception):
    """The record was refused while being written (its problems are on the record)."""


class Writer:
    """Writes the records of one source; keeps the rows of that source at hand."""

    def __init__(
        self,
        session: Session,
        source: str,
        crosswalk: Crosswalk,
        *,
        overwrite: bool = False,
        actor_id: int | None = None,
    ) -> None:
        self.session = session
        self.source = source
        self.crosswalk = crosswalk
        self.overwrite = overwrite
        self.actor_id = actor_id
        self.service_schema = ServiceInput(known_needs=crosswalk.codes)
        self.organisation_schema = OrganisationInput()
        self.place_schema = PlaceInput()
        self.new_keys: list[tuple[dict[str, Any], str]] = []
        self.organisations = self._by_source_id(Organisation)
        self.places = self._by_source_id(Place)
        self.services: dict[str, Service] = {
            service.source_id or "": service
            for service in session.scalars(
                select(Service)
                .where(Service.source == source)
                .options(selectinload(Service.needs), selectinload(Service.places))
            )
        }
        self.seen: dict[tuple[str, str], int | str] = {}
        # Rows, not ids: new rows get their ids at the next (batched) flush.
        self._touched_organisations: set[Organisation] = set()
        self._touched_services: set[Service] = set()

    def _by_source_id(self, model: Any) -> dict[str, Any]:
        rows = self.session.scalars(select(model).where(model.source == self.source))
        return {row.source_id: row for row in rows}

    @property
    def touched_organisations(self) -> set[int]:
        """Return the ids of the organisations this import created or changed."""
        self.session.flush()
        return {row.id for row in self._touched_organisations}

    @property
    def touched_services(self) -> set[int]:
        """Return the ids of the services this import created or changed."""
        self.session.flush()
        return {row.id for row in self._touched_services}

    # ---- validation, before anything is written -------------------------------------------

    def check(self, record: Record) -> bool:
        """Check what needs no schema (ids, age range, needs); False when the record is refused.

        Field values are validated when written, by the catalogue's own schemas.
        """
        key = (record.kind, record.source_id)
        if key in self.seen:
            record.reject("id", f"Identifiant en double : déjà vu ligne {self.seen[key]}.")
            return False
        self.seen[key] = record.line
        if record.organisation is None:
            record.reject("organisation", "Aucune structure rattachée.")
            return False
        if record.service is not None:
            return check_service(record, record.service, self.crosswalk)
        return True

    def _validated(
        self,
        attempt: Callable[[dict[str, Any]], T],
        schema: Schema,
        item: Any,
        record: Record,
        what: str,
    ) -> T:
        """Run `attempt` on the item's data; on a validation error, drop the bad fields and retry.

        Validation is left to the catalogue's services (no second pass when the data is clean);
        a defective required field rejects the record.
        """
        try:
            return attempt(item.data)
        except ValidationError:
            required = {"name"} if what != "lieu" else set()
            cleaned = lenient_load(schema, item.data, record, required=required, what=what)
            if cleaned is None:
                raise RecordRejectedError(record.source_id) from None
            item.data = cleaned
            return attempt(cleaned)

    # ---- writing ----------------------------------------------------------------------------

    def write(self, record: Record) -> str:
        """Create or update the record's rows; return created, updated or unchanged.

        Raises `RecordRejectedError` (the reasons are on the record) when a value is refused.
        """
        assert record.organisation is not None
        self.new_keys = []
        outcomes: list[str] = []
        organisation = self._organisation(record, record.organisation, outcomes)
        places = {
            place.source_id: self._place(record, place, organisation, outcomes)
            for place in record.places
        }
        if record.service is not None:
            self._service(record, record.service, organisation, places, outcomes)
        if "created" in outcomes and (record.service is None or outcomes[-1] == "created"):
            return "created"
        return "updated" if any(item != "unchanged" for item in outcomes) else "unchanged"

    def forget(self) -> None:
        """Forget the rows the last record created (its savepoint was rolled back)."""
        for table, key in self.new_keys:
            table.pop(key, None)
        self.new_keys = []

    def _remember(self, table: dict[str, Any], key: str, row: Any) -> None:
        table[key] = row
        self.new_keys.append((table, key))

    def _claim_uid(self, model: Any, row: Any, uid: uuid.UUID | None) -> None:
        if uid is None or row.uid == uid:
            return
        taken = self.session.scalar(select(model.id).where(model.uid == uid))
        if taken is None:
            row.uid = uid
            self.session.flush()

    def _source(self, data: dict[str, Any], source_id: str) -> dict[str, Any]:
        return {**data, "source": self.source, "source_id": source_id}

    def _changed(self, row: Any, loaded: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
        return {
            name: value
            for name, value in loaded.items()
            if name in given and getattr(row, name) != value
        }

    def _organisation(
        self, record: Record, item: OrganisationRecord, outcomes: list[str]
    ) -> Organisation:
        existing = self.organisations.get(item.source_id)
        if existing is None:
            created = self._validated(
                lambda data: catalogue_services.create_organisation(
                    self.session, self._source(data, item.source_id), flush=False
                ),
                self.organisation_schema,
                item,
                record,
                "structure",
            )
            self._claim_uid(Organisation, created, item.uid)
            self._remember(self.organisations, item.source_id, created)
            self._touched_organisations.add(created)
            outcomes.append("created")
            return created
        loaded = self._validated(
            lambda data: self.organisation_schema.load(self._source(data, item.source_id)),
            self.organisation_schema,
            item,
            record,
            "structure",
        )
        changed = self._changed(existing, loaded, item.data)
        for name, value in changed.items():
            setattr(existing, name, value)
        if changed:
            self.session.flush()
            self._touched_organisations.add(existing)
        outcomes.append("updated" if changed else "unchanged")
        return existing

    def _place(
        self, record: Record, item: PlaceRecord, organisation: Organisation, outcomes: list[str]
    ) -> Place:
        existing = self.places.get(item.source_id)
        if existing is None:
            created = self._validated(
                lambda data: catalogue_services.create_place(
                    self.session, organisation, self._source(data, item.source_id), flush=False
                ),
                self.place_schema,
                item,
                record,
                "lieu",
            )
            self._claim_uid(Place, created, item.uid)
            self._remember(self.places, item.source_id, created)
            outcomes.append("created")
            return created
        loaded = self._validated(
            lambda data: self.place_schema.load(self._source(data, item.source_id)),
            self.place_schema,
            item,
            record,
            "lieu",
        )
        changed = self._changed(existing, loaded, item.data)
        for name, value in changed.items():
            setattr(existing, name, value)
        if existing.organisation_id != organisation.id:
            existing.organisation = organisation
            changed["organisation"] = organisation.id
        if changed:
            self.session.flush()
        outcomes.append("updated" if changed else "unchanged")
        return existing

    def _service(
        self,
        record: Record,
        item: ServiceRecord,
        organisation: Organisation,
        places: dict[str, Place],
        outcomes: list[str],
    ) -> None:
        wanted_places = self._wanted_places(record, item, places)
        item.data.setdefault("status", ServiceStatus.ACTIVE.value)
        existing = self.services.get(item.source_id)
        if existing is None:
            self._create_service(record, item, organisation, wanted_places)
            outcomes.append("created")
            return
        loaded = self._validated(
            lambda data: self.service_schema.load(serialisable(self._source(data, item.source_id))),
            self.service_schema,
            item,
            record,
            "service",
        )
        outcomes.append(
            self._update_service(record, existing, loaded, item.data, organisation, wanted_places)
        )

    def _wanted_places(
        self, record: Record, item: ServiceRecord, places: dict[str, Place]
    ) -> list[Place]:
        """Return the places a service names, from this record or earlier ones (once each)."""
        wanted = []
        for place_id in item.place_ids:
            if place_id in places:
                wanted.append(places[place_id])
            elif place_id in self.places:
                wanted.append(self.places[place_id])
            else:
                record.warn("location_id", f"Lieu introuvable : {place_id} (lien ignoré).")
        return list(dict.fromkeys(wanted))

    def _create_service(
        self, record: Record, item: ServiceRecord, organisation: Organisation, places: list[Place]
    ) -> None:
        created = self._validated(
            lambda data: catalogue_services.create_service(
                self.session,
                organisation,
                serialisable(self._source(data, item.source_id)),
                actor_id=self.actor_id,
                origin=ChangeOrigin.IMPORT,
                places=places,
                flush=False,
            ),
            self.service_schema,
            item,
            record,
            "service",
        )
        self._claim_uid(Service, created, item.uid)
        self._remember(self.services, item.source_id, created)
        self._touched_services.add(created)

    def _update_service(
        self,
        record: Record,
        service: Service,
        loaded: dict[str, Any],
        given: dict[str, Any],
        organisation: Organisation,
        places: list[Place],
    ) -> str:
        current = catalogue_services.service_values(service)
        changes = {
            name: plain(value)
            for name, value in loaded.items()
            if name in given and plain(current.get(name)) != plain(value)
        }
        if changes and not self.overwrite:
            hand = catalogue_services.hand_edited_fields(self.session, service)
            record.conflicts += sorted(name for name in changes if name in hand)
            changes = {name: value for name, value in changes.items() if name not in hand}
        changed = bool(changes)
        if changes:
            catalogue_services.update_service(
                self.session, service, changes, actor_id=self.actor_id, origin=ChangeOrigin.IMPORT
            )
        if service.organisation_id != organisation.id:
            service.organisation = organisation
            changed = True
        if {place.id for place in service.places} != {place.id for place in places}:
            catalogue_services.set_service_places(self.session, service, places)
            changed = True
        if changed:
            self._touched_services.add(service)
        return "updated" if changed else "unchanged"
