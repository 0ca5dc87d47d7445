"""Possible duplicates: flagged on import, merged or marked distinct by a coordinator."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from catalogue.models import Organisation, Service
from importers.duplicates import flag_duplicates, mark_distinct, merge, open_flags
from importers.hsds.reader import HsdsReader
from importers.models import DuplicateFlag
from tests.common.factories import OrganisationFactory, PlaceFactory, ServiceFactory
from tests.importers.test_hsds_import import hsds_service, write_json


def test_organisations_with_the_same_siret_are_flagged(db_session):
    first = OrganisationFactory(siret="73282932000074")
    second = OrganisationFactory(siret="73282932000074")
    assert flag_duplicates(db_session, [second.id], []) == 1
    assert {open_flags(db_session)[0].first, open_flags(db_session)[0].second} == {first, second}


def test_services_of_the_same_name_at_the_same_address_are_flagged(db_session):
    place = PlaceFactory(address="3 rue de la Paix")
    other_place = PlaceFactory(address="3, Rue de la Paix")
    ServiceFactory(name="Aide aux devoirs", at=[place])
    mine = ServiceFactory(name="AIDE AUX DEVOIRS", at=[other_place])
    assert flag_duplicates(db_session, [], [mine.id]) == 1


def test_an_import_flags_a_possible_duplicate_instead_of_merging(run, db_session, folder):
    existing = OrganisationFactory(name="Association Les Devoirs", siret="73282932000074")
    service = hsds_service(str(uuid.uuid4()))
    service["organization"]["organization_identifiers"] = [
        {"id": str(uuid.uuid4()), "identifier_type": "SIRET", "identifier": "73282932000074"}
    ]
    report = run(HsdsReader(write_json(folder, [service])))
    assert report.duplicates == 1
    assert existing in db_session.scalars(select(Organisation)).all()


def test_a_flag_is_not_raised_twice(db_session):
    OrganisationFactory(siret="73282932000074")
    second = OrganisationFactory(siret="73282932000074")
    flag_duplicates(db_session, [second.id], [])
    assert flag_duplicates(db_session, [second.id], []) == 0


def test_marking_distinct_closes_the_flag(db_session):
    OrganisationFactory(siret="73282932000074")
    second = OrganisationFactory(siret="73282932000074")
    flag_duplicates(db_session, [second.id], [])
    flag = db_session.scalars(select(DuplicateFlag)).one()
    mark_distinct(db_session, flag, None)
    assert (flag.status, open_flags(db_session)) == ("distinct", [])


def test_merging_organisations_moves_the_services_and_drops_the_other(db_session):
    keep = OrganisationFactory(siret="73282932000074")
    other = OrganisationFactory(siret="73282932000074")
    service = ServiceFactory(organisation=other)
    flag_duplicates(db_session, [other.id], [])
    flag = db_session.scalars(select(DuplicateFlag)).one()
    other_id = other.id
    merge(db_session, flag, keep.id, None)
    db_session.refresh(service)
    assert service.organisation_id == keep.id
    assert db_session.get(Organisation, other_id) is None


def test_merging_services_keeps_one_and_closes_the_other(db_session):
    place = PlaceFactory(address="3 rue de la Paix")
    keep = ServiceFactory(name="Aide aux devoirs", at=[place])
    other = ServiceFactory(name="Aide aux devoirs", at=[PlaceFactory(address="3 rue de la Paix")])
    flag_duplicates(db_session, [], [other.id])
    merge(db_session, db_session.scalars(select(DuplicateFlag)).one(), keep.id, None)
    assert db_session.get(Service, other.id).status == "closed"
    assert len(keep.places) == 2
