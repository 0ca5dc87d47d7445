"""The pathway endpoints of the JSON API."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.accounts.services import issue_token
from referral.audit.models import AuditEvent
from referral.meetings.models import CharterAcceptance, Meeting
from referral.pathways.models import Pathway
from tests.common.factories import NeedFactory, PathwayFactory, ProgrammeFactory, UserFactory
from tests.common.matching_helpers import SOUTIEN, SPORT, service

NEW = {
    "child": {"first_name": "Inès", "last_name": "Fictive", "sex": "F", "birth_date": "2017-04-02",
              "school_level": "CE2"},
    "family": {"commune": "86194", "latitude": 46.5802, "longitude": 0.3404, "max_distance_km": 8,
               "free_only": True, "languages": ["fr", "ar"]},
    "contract_start": "2026-09-01",
    "contract_end": "2027-08-31",
}  # fmt: skip


@pytest.fixture
def referent(db_session: Session) -> Any:
    programme = ProgrammeFactory()
    return UserFactory(roles=["referent"], organisation=programme.organisation, programme=programme)


def bearer(client: FlaskClient, session: Session, user: Any) -> FlaskClient:
    """Authenticate the client's API calls with a fresh token of the user."""
    _, clear = issue_token(session, user)
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {clear}"
    return client


@pytest.fixture
def api(client: FlaskClient, db_session: Session, referent: Any) -> FlaskClient:
    return bearer(client, db_session, referent)


def test_create_pathway_returns_201_with_its_id(api: FlaskClient) -> None:
    response = api.post("/api/v1/pathways", json=NEW)
    assert response.status_code == 201
    body = response.get_json()
    assert body["state"] == "identified" and body["family"]["max_distance_km"] == 8
    assert len(body["id"]) == 36


def test_create_pathway_validation_is_400_with_field_messages(api: FlaskClient) -> None:
    response = api.post("/api/v1/pathways", json={"child": {"first_name": ""}, "family": {}})
    errors = response.get_json()["errors"]
    assert response.status_code == 400
    assert {"child.last_name", "child.birth_date", "child.first_name"} <= set(errors)
    assert "family.commune" in errors


def test_anonymous_gets_401(client: FlaskClient, db_session: Session) -> None:
    pathway = PathwayFactory()
    assert client.get(f"/api/v1/pathways/{pathway.uid}").status_code == 401


def test_add_need_returns_the_taxonomy_need(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    response = api.post(
        f"/api/v1/pathways/{pathway_id}/needs", json={"need": SOUTIEN, "priority": 1}
    )
    assert response.status_code == 201
    assert response.get_json()["need"]["code"] == SOUTIEN


def test_unknown_need_is_400(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    response = api.post(f"/api/v1/pathways/{pathway_id}/needs", json={"need": "inconnu"})
    assert response.status_code == 400 and "need" in response.get_json()["errors"]


def test_another_referent_gets_404(api: FlaskClient, db_session: Session) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    client = bearer(api, db_session, UserFactory(roles=["referent"]))
    assert client.get(f"/api/v1/pathways/{pathway_id}").status_code == 404


def test_reading_a_pathway_is_audited(api: FlaskClient, db_session: Session) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    api.get(f"/api/v1/pathways/{pathway_id}")
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.target_id == pathway_id)
    ).all()
    assert "read_pathway" in actions


def test_stale_transition_is_409(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    response = api.post(
        f"/api/v1/pathways/{pathway_id}/transitions", json={"from": "active", "to": "exit_review"}
    )
    assert response.status_code == 409 and response.get_json()["state"] == "identified"


def test_forbidden_transition_is_422_with_the_allowed_ones(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    response = api.post(
        f"/api/v1/pathways/{pathway_id}/transitions", json={"from": "identified", "to": "active"}
    )
    assert response.status_code == 422
    assert response.get_json()["allowed"] == ["family_informed", "exited"]


def test_allowed_transition_moves_the_pathway(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    body = {"from": "identified", "to": "family_informed", "note": "Appel à la mère"}
    response = api.post(f"/api/v1/pathways/{pathway_id}/transitions", json=body)
    assert response.status_code == 200 and response.get_json()["state"] == "family_informed"


def test_record_consent_with_its_scope(api: FlaskClient, db_session: Session) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    club = service(db_session, SPORT)
    body = {
        "given_by": "Mère",
        "given_on": "2026-10-01",
        "information": ["child_first_name", "need"],
        "services": [str(club.uid)],
    }
    response = api.post(f"/api/v1/pathways/{pathway_id}/consents", json=body)
    assert response.status_code == 201 and response.get_json()["services"] == [str(club.uid)]


def test_consent_without_partner_is_400(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    body = {"given_by": "Mère", "given_on": "2026-10-01", "information": ["need"]}
    assert api.post(f"/api/v1/pathways/{pathway_id}/consents", json=body).status_code == 400


def test_proposals_have_the_documented_shape(api: FlaskClient, db_session: Session) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    for code in (SOUTIEN, SPORT):
        api.post(f"/api/v1/pathways/{pathway_id}/needs", json={"need": code})
    helper = service(db_session, SOUTIEN, km_north=1.2)
    service(db_session, SOUTIEN, km_north=2, age_max=6)
    body = api.get(f"/api/v1/pathways/{pathway_id}/proposals").get_json()
    first = body["needs"][0]
    assert first["need"]["code"] == SOUTIEN
    assert first["proposals"][0]["service"]["id"] == str(helper.uid)
    assert first["proposals"][0]["reasons"][:2] == [
        {"code": "exact_fit", "text": "correspond exactement au besoin"},
        {"code": "distance", "text": "à 1,2 km"},
    ]
    assert first["near_misses"][0]["blocking"][0]["code"] == "age_above"
    assert body["plan"][0]["needs"] == [SOUTIEN] and body["uncovered"] == [SPORT]


def test_eps_member_outside_the_meeting_day_gets_403(
    client: FlaskClient, db_session: Session
) -> None:
    pathway = PathwayFactory()
    NeedFactory(pathway=pathway)
    member = UserFactory(roles=["eps_member"], programme=pathway.programme)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    db_session.add(
        Meeting(programme=pathway.programme, held_on=yesterday, members=[member], agenda=[pathway])
    )
    db_session.add(CharterAcceptance(user_id=member.id, programme_id=pathway.programme_id))
    db_session.flush()
    assert (
        bearer(client, db_session, member).get(f"/api/v1/pathways/{pathway.uid}").status_code == 403
    )


def test_available_days_use_the_opening_hours_day_codes(api: FlaskClient) -> None:
    body = {**NEW, "family": {**NEW["family"], "days_available": ["we", "lundi"]}}
    response = api.post("/api/v1/pathways", json=body)
    assert response.status_code == 400
    assert response.get_json()["errors"]["family.days_available.1"] == [
        "Jour attendu : mo, tu, we, th, fr, sa ou su."
    ]


def test_an_unknown_commune_is_400(api: FlaskClient) -> None:
    body = {**NEW, "family": {**NEW["family"], "commune": "99999"}}
    response = api.post("/api/v1/pathways", json=body)
    assert response.status_code == 400
    assert response.get_json()["errors"]["family.commune"] == ["Commune inconnue : 99999."]


def test_a_stale_transition_answers_the_full_refusal_body(api: FlaskClient) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    response = api.post(
        f"/api/v1/pathways/{pathway_id}/transitions", json={"from": "active", "to": "exit_review"}
    )
    assert response.get_json() == {
        "errors": {"from": ["Le parcours est déjà à l'étape « identified »."]},
        "state": "identified",
        "allowed": ["family_informed", "exited"],
    }


def test_a_blocked_exit_is_422_naming_each_blocking_need(
    api: FlaskClient, db_session: Session
) -> None:
    pathway_id = api.post("/api/v1/pathways", json=NEW).get_json()["id"]
    pathway = db_session.scalar(select(Pathway).where(Pathway.uid == uuid.UUID(pathway_id)))
    pathway.state = "exit_review"
    need = NeedFactory(pathway=pathway)
    response = api.post(
        f"/api/v1/pathways/{pathway_id}/transitions",
        json={"from": "exit_review", "to": "exit_prepared"},
    )
    assert response.status_code == 422
    assert response.get_json() == {
        "errors": {
            "to": [
                "Sortie impossible : chaque besoin ouvert doit être couvert, relayé ou justifié.",
                f"{need.term.label} : ni couvert, ni relayé, ni justifié.",
            ]
        },
        "state": "exit_review",
        "allowed": [],
    }
