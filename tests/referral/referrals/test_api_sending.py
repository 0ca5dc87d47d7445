"""The API walk: create and send in one call with consent on file; re-orient a finished one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from referral.referrals.models import Referral
from tests.common.factories import ServiceFactory
from tests.common.referrals_world import make_world
from tests.referral.pathways.test_api import bearer


@pytest.fixture
def app_settings(tmp_path):
    return {"MAIL_SERVER": None, "DATA_DIR": tmp_path}


@pytest.fixture
def world(app):
    with app.test_request_context():
        return make_world()


def _create(api, world, **extra):
    body = {"need_id": str(world.need.uid), "service_id": str(world.service.uid), **extra}
    return api.post("/api/v1/referrals", json=body)


def test_create_with_send_reaches_sent_in_one_call(client, db_session, world):
    api = bearer(client, db_session, world.referent)
    response = _create(api, world, send=True, family_message="Appeler après 17 h.")
    body = response.get_json()
    assert response.status_code == 201 and body["state"] == "sent"
    assert [e["to"] for e in body["events"]] == ["draft", "proposed", "family_agreed", "sent"]
    assert body["payload"]["family_message"] == "Appeler après 17 h."


def test_create_with_send_without_consent_is_422_and_creates_nothing(client, db_session, world):
    world.consent.withdrawn_on = world.consent.given_on
    db_session.flush()
    api = bearer(client, db_session, world.referent)
    response = _create(api, world, send=True)
    assert response.status_code == 422 and "consent" in response.get_json()["errors"]
    assert db_session.scalar(select(func.count(Referral.id))) == 0


def test_create_then_one_transition_also_sends(client, db_session, world):
    api = bearer(client, db_session, world.referent)
    created = _create(api, world).get_json()
    for source, target in (("draft", "proposed"), ("proposed", "family_agreed")):
        api.post(
            f"/api/v1/referrals/{created['id']}/transitions", json={"from": source, "to": target}
        )
    moved = api.post(
        f"/api/v1/referrals/{created['id']}/transitions",
        json={"from": "family_agreed", "to": "sent"},
    )
    assert moved.status_code == 200 and moved.get_json()["state"] == "sent"


def test_a_stale_from_is_still_409(client, db_session, world):
    api = bearer(client, db_session, world.referent)
    created = _create(api, world, send=True).get_json()
    response = api.post(
        f"/api/v1/referrals/{created['id']}/transitions", json={"from": "draft", "to": "proposed"}
    )
    assert response.status_code == 409


def test_reorient_links_a_new_referral_to_the_finished_one(client, db_session, world):
    old = world.referral("declined_by_partner")
    other = ServiceFactory(organisation=world.service.organisation, name="Autre CMP")
    api = bearer(client, db_session, world.referent)
    response = api.post(
        f"/api/v1/referrals/{old.uid}/reorient", json={"service_id": str(other.uid), "send": True}
    )
    body = response.get_json()
    assert response.status_code == 201
    assert body["previous_id"] == str(old.uid) and body["state"] == "sent"


def test_reorient_of_an_open_referral_is_422(client, db_session, world):
    open_ = world.referral("sent")
    other = ServiceFactory(organisation=world.service.organisation)
    api = bearer(client, db_session, world.referent)
    response = api.post(
        f"/api/v1/referrals/{open_.uid}/reorient", json={"service_id": str(other.uid)}
    )
    assert response.status_code == 422
