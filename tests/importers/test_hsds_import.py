"""HSDS 3 import: the official examples, JSON and NDJSON files, and the common behaviours."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from catalogue.models import ChangeOrigin, Organisation, Place, Service
from catalogue.services import update_service
from importers.hsds.reader import HsdsReader
from importers.records import UnreadableFileError
from tests.importers.helpers import HSDS_EXAMPLES, needs_reference

ORG = "11111111-1111-4111-8111-111111111111"
LOC = "22222222-2222-4222-8222-222222222222"


def hsds_service(service_id: str, name: str = "Aide aux devoirs", **extra: object) -> dict:
    """Return a nested HSDS service in a French setting."""
    return {
        "id": service_id,
        "name": name,
        "description": "Accompagnement scolaire du soir.",
        "status": "active",
        "minimum_age": 6,
        "maximum_age": 11,
        "organization": {
            "id": ORG,
            "name": "Association Les Devoirs",
            "description": "Association",
        },
        "service_at_locations": [{"id": str(uuid.uuid4()), "location": _location()}],
        "attributes": [_need_attribute("scolarite--soutien-scolaire", "Soutien scolaire")],
        **extra,
    }


def _location() -> dict:
    """Return a nested HSDS location in Poitiers, with its address."""
    return {
        "id": LOC,
        "location_type": "physical",
        "name": "Maison de quartier",
        "latitude": 46.58,
        "longitude": 0.34,
        "addresses": [
            {
                "id": str(uuid.uuid4()),
                "address_1": "1 rue des Écoles",
                "city": "Poitiers",
                "state_province": "86",
                "postal_code": "86000",
                "country": "FR",
                "address_type": "physical",
            }
        ],
    }


def _need_attribute(code: str, name: str) -> dict:
    """Return an HSDS attribute carrying one need as its taxonomy term."""
    term = {"id": str(uuid.uuid4()), "code": code, "name": name, "description": "x"}
    return {"id": str(uuid.uuid4()), "taxonomy_term": term}


def write_json(folder: Path, services: list[dict], name: str = "services.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(services), encoding="utf-8")
    return path


@needs_reference
def test_the_official_examples_import_without_rejection(run):
    report = run(HsdsReader(HSDS_EXAMPLES))
    assert report.rejected == 0
    assert report.applied
    assert report.created == 1


@needs_reference
def test_the_official_examples_import_idempotently(run):
    run(HsdsReader(HSDS_EXAMPLES))
    again = run(HsdsReader(HSDS_EXAMPLES))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


@needs_reference
def test_hsds_uuids_become_the_rows_uids(run, db_session):
    run(HsdsReader(HSDS_EXAMPLES))
    service = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    assert service.uid == uuid.UUID("ac148810-d857-441c-9679-408f346de14b")
    assert service.organisation.uid == uuid.UUID("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")


@needs_reference
def test_an_out_of_range_coordinate_gives_a_place_without_a_point(run, db_session):
    report = run(HsdsReader(HSDS_EXAMPLES))
    place = db_session.scalars(select(Place).where(Place.source == "hsds")).one()
    assert not place.has_point
    assert any("latitude" in message for message in report.records[0].messages)


def test_a_json_file_imports_needs_places_and_ages(run, db_session, folder):
    service_id = str(uuid.uuid4())
    run(HsdsReader(write_json(folder, [hsds_service(service_id)])))
    service = db_session.scalars(select(Service).where(Service.uid == uuid.UUID(service_id))).one()
    assert service.need_codes == ["scolarite--soutien-scolaire"]
    assert (service.age_min, service.age_max) == (6, 11)
    assert service.places[0].commune_insee == "86194"
    assert service.status == "active"


def test_an_ndjson_file_imports_one_service_a_line(run, folder):
    path = folder / "services.ndjson"
    lines = [json.dumps(hsds_service(str(uuid.uuid4()), f"Service {n}")) for n in range(3)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert run(HsdsReader(path)).created == 3


def test_an_unknown_taxonomy_term_becomes_a_keyword_with_a_warning(run, db_session, folder):
    service = hsds_service(str(uuid.uuid4()))
    service["attributes"][0]["taxonomy_term"]["code"] = "counselling"
    report = run(HsdsReader(write_json(folder, [service])))
    created = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    assert "counselling" in created.keywords
    assert report.warnings >= 1


def test_an_impossible_age_range_is_rejected(run, folder):
    report = run(
        HsdsReader(
            write_json(folder, [hsds_service(str(uuid.uuid4()), minimum_age=12, maximum_age=6)])
        )
    )
    assert report.rejected == 1
    assert "âge" in report.records[0].messages[0]


def test_a_service_without_a_name_is_rejected(run, folder):
    report = run(HsdsReader(write_json(folder, [hsds_service(str(uuid.uuid4()), name="")])))
    assert report.rejected == 1


def test_a_duplicate_id_is_rejected(run, folder):
    same = str(uuid.uuid4())
    report = run(HsdsReader(write_json(folder, [hsds_service(same), hsds_service(same, "Autre")])))
    assert report.rejected == 1
    assert "double" in report.records[1].messages[0]


def test_any_rejection_writes_nothing_by_default(run, db_session, folder):
    good, bad = hsds_service(str(uuid.uuid4())), hsds_service(str(uuid.uuid4()), name="")
    report = run(HsdsReader(write_json(folder, [good, bad])))
    assert not report.applied
    assert db_session.scalars(select(Service).where(Service.source == "hsds")).all() == []


def test_partial_mode_keeps_the_valid_records(run, db_session, folder):
    good, bad = hsds_service(str(uuid.uuid4())), hsds_service(str(uuid.uuid4()), name="")
    report = run(HsdsReader(write_json(folder, [good, bad])), partial=True)
    assert (report.created, report.rejected) == (1, 1)
    assert len(db_session.scalars(select(Service).where(Service.source == "hsds")).all()) == 1


def test_a_dry_run_changes_nothing_and_reports_the_same(run, db_session, folder):
    path = write_json(folder, [hsds_service(str(uuid.uuid4()))])
    report = run(HsdsReader(path), dry_run=True)
    assert report.created == 1 and not report.applied
    assert db_session.scalars(select(Organisation).where(Organisation.source == "hsds")).all() == []


def test_a_changed_source_updates_the_service(run, db_session, folder):
    service_id = str(uuid.uuid4())
    run(HsdsReader(write_json(folder, [hsds_service(service_id)])))
    report = run(
        HsdsReader(write_json(folder, [hsds_service(service_id, "Aide aux devoirs du soir")]))
    )
    assert report.updated == 1
    service = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    assert service.name == "Aide aux devoirs du soir"


def test_a_field_edited_by_a_partner_is_kept_and_reported(run, db_session, folder):
    service_id = str(uuid.uuid4())
    run(HsdsReader(write_json(folder, [hsds_service(service_id)])))
    service = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    update_service(
        db_session,
        service,
        {"name": "Nom choisi par le partenaire"},
        actor_id=None,
        origin=ChangeOrigin.PARTNER,
    )
    report = run(HsdsReader(write_json(folder, [hsds_service(service_id, "Nom de la source")])))
    assert service.name == "Nom choisi par le partenaire"
    assert report.conflicts == 1


def test_overwrite_replaces_a_field_edited_by_a_partner(run, db_session, folder):
    service_id = str(uuid.uuid4())
    run(HsdsReader(write_json(folder, [hsds_service(service_id)])))
    service = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    update_service(
        db_session,
        service,
        {"name": "Nom choisi par le partenaire"},
        actor_id=None,
        origin=ChangeOrigin.PARTNER,
    )
    run(
        HsdsReader(write_json(folder, [hsds_service(service_id, "Nom de la source")])),
        overwrite=True,
    )
    assert service.name == "Nom de la source"


def test_imports_are_recorded_in_the_history_with_the_import_origin(run, db_session, folder):
    run(HsdsReader(write_json(folder, [hsds_service(str(uuid.uuid4()))])))
    service = db_session.scalars(select(Service).where(Service.source == "hsds")).one()
    from catalogue.services import service_history

    assert service_history(db_session, service)[0].origin == "import"


def test_a_file_that_is_not_json_is_unreadable(run, folder):
    path = folder / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        run(HsdsReader(path))


def test_a_folder_without_hsds_files_is_unreadable(run, folder):
    with pytest.raises(UnreadableFileError):
        run(HsdsReader(folder))
