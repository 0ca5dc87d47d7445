"""Partner A cannot read or change partner B's services, drafts or history by guessing ids."""

import pytest

from referral.accounts.services import issue_token
from tests.common.factories import ServiceFactory


@pytest.fixture
def draft(organisation):
    return ServiceFactory(organisation=organisation, status="pending", name="Brouillon du CMP")


@pytest.fixture
def outsider(client, signed_in, other_partner):
    return signed_in(client, other_partner)


@pytest.mark.parametrize("path", ["edit", "history"])
def test_other_partner_gets_404_on_pages_of_a_service(outsider, service, path):
    assert outsider.get(f"/partner/services/{service.uid}/{path}").status_code == 404


@pytest.mark.parametrize("action", ["capacity", "verify", "suspend", "resume", "close"])
def test_other_partner_cannot_change_a_service(outsider, service, action):
    response = outsider.post(f"/partner/services/{service.uid}/{action}", data={"capacity": "full"})
    assert response.status_code == 404
    assert (service.status, service.capacity) == ("active", "open")


def test_other_partner_cannot_post_an_edit(outsider, service):
    response = outsider.post(
        f"/partner/services/{service.uid}/edit", data={"name": "Piraté", "version": service.version}
    )
    assert response.status_code == 404
    assert service.name == "Consultations enfants"


def test_other_partner_cannot_see_a_draft_page(outsider, draft):
    assert outsider.get(f"/services/{draft.uid}").status_code == 404


def test_own_partner_sees_its_draft(client, signed_in, partner, draft):
    assert signed_in(client, partner).get(f"/services/{draft.uid}").status_code == 200


def test_other_partner_cannot_edit_a_place(outsider, organisation):
    from tests.common.factories import PlaceFactory

    place = PlaceFactory(organisation=organisation)
    assert outsider.get(f"/partner/places/{place.uid}/edit").status_code == 404


def test_denial_is_written_to_the_audit_log(outsider, service, db_session):
    from sqlalchemy import select

    from referral.audit.models import AuditEvent

    outsider.get(f"/partner/services/{service.uid}/history")
    event = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "permission.denied")
    ).one()
    assert event.target_id == "partners.history"


def _bearer(db_session, user):
    return {"Authorization": f"Bearer {issue_token(db_session, user)[1]}"}


def test_token_of_another_partner_cannot_read_a_draft(client, db_session, other_partner, draft):
    response = client.get(
        f"/api/v1/services/{draft.uid}", headers=_bearer(db_session, other_partner)
    )
    assert response.status_code == 404


def test_token_of_the_owner_reads_its_draft(client, db_session, partner, draft):
    response = client.get(f"/api/v1/services/{draft.uid}", headers=_bearer(db_session, partner))
    assert response.json["status"] == "pending"


def test_token_of_another_partner_cannot_edit_through_the_api(
    client, db_session, other_partner, service
):
    response = client.patch(
        f"/api/v1/services/{service.uid}",
        headers=_bearer(db_session, other_partner),
        json={"version": service.version, "name": "Piraté"},
    )
    assert response.status_code == 404
    assert service.name == "Consultations enfants"


def test_token_of_another_partner_cannot_read_the_history(
    client, db_session, other_partner, service
):
    response = client.get(
        f"/api/v1/services/{service.uid}/history", headers=_bearer(db_session, other_partner)
    )
    assert response.status_code == 404


def test_owner_edits_through_the_api_with_its_token(client, db_session, partner, service):
    response = client.patch(
        f"/api/v1/services/{service.uid}",
        headers=_bearer(db_session, partner),
        json={"version": service.version, "capacity": "full"},
    )
    assert (response.status_code, response.json["capacity"]) == (200, "full")


def test_stale_api_edit_answers_409_and_saves_nothing(client, db_session, partner, service):
    stale = service.version
    service.description = "Changé entre-temps"
    db_session.flush()
    response = client.patch(
        f"/api/v1/services/{service.uid}",
        headers=_bearer(db_session, partner),
        json={"version": stale, "name": "Ma version"},
    )
    assert response.status_code == 409
    assert service.name == "Consultations enfants"


@pytest.mark.parametrize("version", [-99999999999, 2**31, 0])
def test_an_api_edit_from_an_impossible_version_is_refused_in_french(
    client, db_session, partner, service, version
):
    response = client.patch(
        f"/api/v1/services/{service.uid}",
        headers=_bearer(db_session, partner),
        json={"version": version, "name": "Ma version"},
    )
    assert response.status_code == 400 and "version" in response.json["errors"]
    assert service.name == "Consultations enfants"


def test_history_through_the_api_names_the_fields(client, db_session, partner, service):
    response = client.get(
        f"/api/v1/services/{service.uid}/history", headers=_bearer(db_session, partner)
    )
    assert response.json[-1]["action"] == "create"
