"""The referral endpoints of the JSON API."""

from __future__ import annotations

import pytest

from referral.referrals.errors import ConflictError
from tests.common.referrals_world import make_world
from tests.referral.pathways.test_api import bearer


@pytest.fixture
def world(app):
    with app.test_request_context():
        return make_world()


def test_create_referral_returns_a_draft(client, db_session, world):
    api = bearer(client, db_session, world.referent)
    response = api.post(
        "/api/v1/referrals",
        json={
            "need_id": str(world.need.uid),
            "service_id": str(world.service.uid),
            "context": "exit",
        },
    )
    body = response.get_json()
    assert response.status_code == 201
    assert (body["state"], body["context"], body["allowed"]) == (
        "draft",
        "exit",
        ["proposed", "cancelled"],
    )


def test_create_referral_with_an_unknown_context_is_400(client, db_session, world):
    api = bearer(client, db_session, world.referent)
    response = api.post(
        "/api/v1/referrals",
        json={"need_id": str(world.need.uid), "service_id": str(world.service.uid), "context": "x"},
    )
    assert response.status_code == 400 and "context" in response.get_json()["errors"]


def test_get_referral_lists_its_events(client, db_session, world):
    referral = world.referral("sent")
    api = bearer(client, db_session, world.referent)
    body = api.get(f"/api/v1/referrals/{referral.uid}").get_json()
    assert body["id"] == str(referral.uid) and isinstance(body["events"], list)


def test_the_partner_sees_the_payload_but_no_history(client, db_session, world):
    referral = world.referral("sent")
    api = bearer(client, db_session, world.partner)
    body = api.get(f"/api/v1/referrals/{referral.uid}").get_json()
    assert body["payload"] == {"child_first_name": "Lina"} and "events" not in body


def test_another_partner_gets_404(client, db_session, world):
    referral = world.referral("sent")
    api = bearer(client, db_session, world.other_partner)
    assert api.get(f"/api/v1/referrals/{referral.uid}").status_code == 404


def test_partner_accepts_the_relay_through_the_api(client, db_session, world):
    referral = world.referral("sent")
    api = bearer(client, db_session, world.partner)
    response = api.post(
        f"/api/v1/referrals/{referral.uid}/transitions",
        json={"from": "sent", "to": "relay_accepted"},
    )
    assert response.status_code == 200 and response.get_json()["state"] == "relay_accepted"


def test_a_stale_from_is_409_with_the_current_state(client, db_session, world):
    referral = world.referral("acknowledged")
    api = bearer(client, db_session, world.partner)
    response = api.post(
        f"/api/v1/referrals/{referral.uid}/transitions",
        json={"from": "sent", "to": "relay_accepted"},
    )
    assert response.status_code == 409
    assert response.get_json()["current_state"] == "acknowledged"


def test_a_forbidden_move_is_422_with_the_allowed_ones(client, db_session, world):
    referral = world.referral("sent")
    api = bearer(client, db_session, world.partner)
    response = api.post(
        f"/api/v1/referrals/{referral.uid}/transitions", json={"from": "sent", "to": "closed"}
    )
    assert response.status_code == 422
    assert "relay_accepted" in response.get_json()["allowed"]


def test_referent_answer_by_phone_is_recorded_on_behalf(client, db_session, world):
    referral = world.referral("sent")
    api = bearer(client, db_session, world.referent)
    api.post(
        f"/api/v1/referrals/{referral.uid}/transitions",
        json={"from": "sent", "to": "waitlisted", "expected_on": "2030-01-01", "channel": "phone"},
    )
    events = api.get(f"/api/v1/referrals/{referral.uid}").get_json()["events"]
    assert events[-1]["on_behalf_of_partner"] is True and events[-1]["channel"] == "phone"


def test_partner_list_holds_only_its_own_open_referrals(client, db_session, world):
    mine = world.referral("sent")
    world.referral("relay_accepted")
    api = bearer(client, db_session, world.partner)
    body = api.get("/api/v1/partner/referrals").get_json()
    assert [item["id"] for item in body] == [str(mine.uid)]


def test_a_stale_from_answers_the_full_conflict_body(client, db_session, world):
    referral = world.referral("acknowledged")
    api = bearer(client, db_session, world.partner)
    response = api.post(
        f"/api/v1/referrals/{referral.uid}/transitions",
        json={"from": "sent", "to": "relay_accepted"},
    )
    assert response.get_json() == {
        "errors": {"from": [str(ConflictError("acknowledged"))]},
        "current_state": "acknowledged",
    }
