"""Catalogue services: creation, edits recorded in the history, optimistic locking."""

import pytest
from marshmallow import ValidationError

from catalogue.models import ChangeOrigin, NeedTerm
from catalogue.services import (
    StaleVersionError,
    create_organisation,
    create_place,
    create_service,
    hand_edited_fields,
    service_history,
    update_place,
    update_service,
)


@pytest.fixture
def organisation(db_session):
    return create_organisation(db_session, {"name": "CMP fictif", "kind": "cmp"})


@pytest.fixture
def service(db_session, organisation):
    place = create_place(db_session, organisation, {"address": "1 rue X", "postcode": "86000"})
    return create_service(
        db_session,
        organisation,
        {"name": "Consultations", "needs": ["sante-mentale--souffrance-psychique"], "age_max": 16},
        actor_id=None,
        origin=ChangeOrigin.IMPORT,
        places=[place],
    )


def test_created_service_has_its_needs_places_and_a_creation_entry(db_session, service):
    assert service.need_codes == ["sante-mentale--souffrance-psychique"]
    assert len(service.places) == 1
    (entry,) = service_history(db_session, service)
    assert entry.action == "create"
    assert entry.changes["name"] == [None, "Consultations"]


def test_update_records_old_and_new_values_of_changed_fields_only(db_session, service):
    entry = update_service(
        db_session,
        service,
        {"age_max": 12, "name": "Consultations"},
        actor_id=None,
        origin=ChangeOrigin.PARTNER,
    )
    assert entry.changes == {"age_max": [16, 12]}
    assert service.age_max == 12


def test_update_without_change_records_nothing(db_session, service):
    assert (
        update_service(db_session, service, {}, actor_id=None, origin=ChangeOrigin.PARTNER) is None
    )
    assert len(service_history(db_session, service)) == 1


def test_update_of_needs_replaces_the_terms(db_session, service):
    update_service(
        db_session,
        service,
        {"needs": ["sport--pratique-en-club"]},
        actor_id=None,
        origin=ChangeOrigin.COORDINATOR,
    )
    assert service.needs == [db_session.get(NeedTerm, "sport--pratique-en-club")]


def test_stale_version_is_refused_and_changes_nothing(db_session, service):
    with pytest.raises(StaleVersionError):
        update_service(
            db_session,
            service,
            {"age_max": 10},
            actor_id=None,
            origin=ChangeOrigin.PARTNER,
            expected_version=service.version - 1,
        )
    assert service.age_max == 16


def test_invalid_update_is_refused_and_changes_nothing(db_session, service):
    with pytest.raises(ValidationError):
        update_service(
            db_session, service, {"age_min": 17}, actor_id=None, origin=ChangeOrigin.PARTNER
        )
    assert service.age_min is None


def test_version_increases_on_each_update(db_session, service):
    before = service.version
    update_service(db_session, service, {"age_max": 11}, actor_id=None, origin=ChangeOrigin.PARTNER)
    assert service.version == before + 1


def test_hand_edited_fields_ignore_imports(db_session, service):
    update_service(db_session, service, {"age_max": 11}, actor_id=None, origin=ChangeOrigin.PARTNER)
    update_service(
        db_session, service, {"name": "Autre"}, actor_id=None, origin=ChangeOrigin.IMPORT
    )
    assert hand_edited_fields(db_session, service) == {"age_max"}


def test_a_place_change_is_recorded_for_each_service_delivered_there(db_session, service):
    place = service.places[0]
    diff = update_place(
        db_session,
        place,
        {"address": "2 rue Y", "postcode": "86000"},
        actor_id=None,
        origin=ChangeOrigin.PARTNER,
    )
    latest = service_history(db_session, service)[0]
    assert diff == {"address": ["1 rue X", "2 rue Y"]}
    assert (latest.action, latest.changes) == ("place", {"place.address": ["1 rue X", "2 rue Y"]})


def test_an_unchanged_place_records_nothing(db_session, service):
    place = service.places[0]
    update_place(
        db_session,
        place,
        {"address": "1 rue X", "postcode": "86000"},
        actor_id=None,
        origin=ChangeOrigin.PARTNER,
    )
    assert [entry.action for entry in service_history(db_session, service)] == ["create"]
