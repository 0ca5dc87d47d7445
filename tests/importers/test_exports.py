"""Exports: HSDS (schema-valid, and a round trip), data·inclusion (schema-valid), CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
from typing import Any

import pytest
from data_inclusion.schema import v1 as di
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import NeedTerm, Place, Service
from importers.base import run_import
from importers.exports import csv as csv_export
from importers.exports import datainclusion as datainclusion_export
from importers.exports import hsds as hsds_export
from importers.hsds.reader import HsdsReader
from referral import database
from tests.common import databases
from tests.common.factories import OrganisationFactory, PlaceFactory, ServiceFactory
from tests.importers.helpers import assert_valid, needs_reference

FULL_SERVICE: dict[str, Any] = {
    "name": "Consultation enfants",
    "age_min": 3,
    "age_max": 17,
    "publics": ["child", "family"],
    "school_levels": ["college"],
    "cost": "income_based",
    "cost_details": "Selon le QF",
    "capacity": "waitlist",
    "waitlist_weeks": 6,
    "keywords": ["CMP", "psy"],
    "languages": ["fr", "ar"],
    "opening_hours": "Mo-Fr 09:00-17:00",
    "area_communes": ["86194"],
    "area_departments": ["86"],
    "referral_email": "orientation@cmp.test",
    "referral_phone": "05 49 00 00 01",
    "eligibility": "Sur orientation",
    "qpv_only": True,
}


@pytest.fixture
def catalogue(db_session: Session) -> list[Service]:
    """A small catalogue with most fields filled, and one pending service."""
    organisation = OrganisationFactory(
        name="CMP Poitiers", siret="73282932000074", kind="cmp", phone="05 49 00 00 00"
    )
    place = PlaceFactory(
        organisation=organisation, address="3 rue de la Santé", accessibility="Plain-pied"
    )
    need = db_session.get(NeedTerm, "sante-mentale--souffrance-psychique")
    first = ServiceFactory(
        organisation=organisation,
        need_terms=[need],
        at=[place],
        **FULL_SERVICE,
    )
    second = ServiceFactory(
        organisation=organisation,
        name="Groupe de parole",
        status="suspended",
        suspended_until=dt.date.today() + dt.timedelta(days=20),
        area_radius_km=15.0,
    )
    ServiceFactory(organisation=organisation, name="Service en attente", status="pending")
    return [first, second]


@needs_reference
def test_the_hsds_json_export_validates_against_the_schema(db_session, catalogue):
    for service in hsds_export.services_json(db_session, private=True):
        assert_valid("service.json", service)


def test_pending_services_are_never_exported(db_session, catalogue):
    names = {service["name"] for service in hsds_export.services_json(db_session)}
    assert "Service en attente" not in names


def test_statuses_follow_the_hsds_vocabulary(db_session, catalogue):
    statuses = {
        service["name"]: service["status"] for service in hsds_export.services_json(db_session)
    }
    assert statuses["Groupe de parole"] == "temporarily closed"
    assert statuses["Consultation enfants"] == "active"


def test_the_public_export_leaves_out_the_referral_contact(db_session, catalogue):
    exported = json.dumps(hsds_export.services_json(db_session))
    assert "orientation@cmp.test" not in exported


def test_the_tabular_export_writes_the_standard_files(db_session, catalogue, tmp_path):
    hsds_export.write_tabular(db_session, tmp_path / "paquet")
    assert {"services.csv", "organizations.csv", "locations.csv", "datapackage.json"} <= {
        path.name for path in (tmp_path / "paquet").iterdir()
    }


SNAPSHOT_FIELDS = (
    "name",
    "description",
    "status",
    "suspended_until",
    "age_min",
    "age_max",
    "publics",
    "school_levels",
    "cost",
    "cost_details",
    "capacity",
    "waitlist_weeks",
    "keywords",
    "languages",
    "opening_hours",
    "area_communes",
    "area_departments",
    "area_epcis",
    "area_radius_km",
    "eligibility",
    "qpv_only",
    "referral_email",
    "referral_phone",
    "accessibility",
    "last_verified_on",
    "update_frequency_days",
)


def _place_snapshot(p: Place) -> tuple[Any, ...]:
    return (
        str(p.uid),
        p.address,
        p.postcode,
        p.commune_insee,
        p.latitude,
        p.longitude,
        p.accessibility,
    )


def _snapshot(session: Session) -> dict[str, Any]:
    services = session.scalars(
        select(Service).where(Service.status != "pending").order_by(Service.name)
    )
    return {
        str(service.uid): {
            **{name: getattr(service, name) for name in SNAPSHOT_FIELDS},
            "needs": service.need_codes,
            "organisation": (
                str(service.organisation.uid),
                service.organisation.name,
                service.organisation.siret,
                service.organisation.kind,
                service.organisation.phone,
            ),
            "places": sorted(_place_snapshot(place) for place in service.places),
        }
        for service in services
    }


@pytest.mark.parametrize("layout", ["services.json", "paquet"])
def test_an_hsds_export_reimported_into_an_empty_database_gives_the_same_catalogue(
    db_session, catalogue, tmp_path, layout
):
    target = tmp_path / layout
    if layout.endswith(".json"):
        hsds_export.write_json(db_session, target, private=True)
    else:
        hsds_export.write_tabular(db_session, target, private=True)
    expected = _snapshot(db_session)
    with databases.isolated_url(tmp_path) as url:
        engine = database.make_engine(url)
        databases.prepare(engine)
        with Session(engine) as fresh:
            report = run_import(fresh, HsdsReader(target))
            assert report.rejected == 0
            assert _snapshot(fresh) == expected
        engine.dispose()


def test_the_datainclusion_export_validates_with_the_package(db_session, catalogue, tmp_path):
    result = datainclusion_export.export(db_session, tmp_path / "di")
    services = json.loads((tmp_path / "di" / "services.json").read_text(encoding="utf-8"))
    structures = json.loads((tmp_path / "di" / "structures.json").read_text(encoding="utf-8"))
    for row in services:
        di.Service.model_validate(row)
    for row in structures:
        di.Structure.model_validate(row)
    assert (result.refused, [row["nom"] for row in services]) == ([], ["Consultation enfants"])


def test_the_datainclusion_export_maps_needs_to_thematiques(db_session, catalogue, tmp_path):
    datainclusion_export.export(db_session, tmp_path / "di")
    services = json.loads((tmp_path / "di" / "services.json").read_text(encoding="utf-8"))
    assert services[0]["thematiques"] == ["sante--sante-mentale"]


def test_the_csv_export_has_one_row_per_exported_service(db_session, catalogue, tmp_path):
    count = csv_export.export(db_session, tmp_path / "catalogue.csv")
    with (tmp_path / "catalogue.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == 2
