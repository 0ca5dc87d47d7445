"""The admin's « Programmes » page: create a programme by names, invite its coordinator."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from referral.accounts.models import User
from referral.programmes.models import Programme
from tests.common.factories import OrganisationFactory, ProgrammeFactory, UserFactory


@pytest.fixture
def app_settings(mail_settings: dict[str, Any]) -> dict[str, Any]:
    return {**mail_settings, "WTF_CSRF_ENABLED": False, "RETENTION_DAYS": 900}


@pytest.fixture
def admin(db_session):
    return UserFactory(roles=["admin"], email="admin@instance.test")


def _create(client, organisation, **fields: str):
    data = {"name": "PRE du Grand Châtellerault", "organisation": organisation.id, **fields}
    return client.post("/programmes/", data=data)


def test_admin_creates_a_programme_on_an_intercommunality_named(
    client, signed_in, admin, db_session
):
    body = OrganisationFactory(name="CCAS de Châtellerault", kind="pre")
    response = _create(
        signed_in(client, admin),
        body,
        epci_name="Communauté d'agglomération Grand Châtellerault",
        charter_text="Confidentialité des échanges.",
        moderation_required="y",
    )
    assert response.status_code == 302
    programme = db_session.scalar(select(Programme).where(Programme.organisation_id == body.id))
    assert programme.territory_epci == "248600413"
    assert programme.moderation_required and programme.retention_days is None
    assert programme.charter_text == "Confidentialité des échanges."


def test_moderation_off_and_retention_are_kept_and_shown(client, signed_in, admin, db_session):
    body = OrganisationFactory(kind="pre")
    response = _create(
        signed_in(client, admin),
        body,
        commune_names="Poitiers, Buxerolles (86)",
        retention_days="400",
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    programme = db_session.scalar(select(Programme).where(Programme.organisation_id == body.id))
    assert (programme.moderation_required, programme.retention_days) == (False, 400)
    assert programme.territory_communes == ["86041", "86194"]
    assert "400 jours" in page


def test_the_form_shows_the_instance_retention_as_the_default(client, signed_in, admin):
    OrganisationFactory(kind="pre")
    page = signed_in(client, admin).get("/programmes/").get_data(as_text=True)
    assert "durée de l&#39;instance : 900 jours" in page


def test_an_unknown_commune_is_refused_with_a_french_message(client, signed_in, admin, db_session):
    body = OrganisationFactory(kind="pre")
    response = _create(signed_in(client, admin), body, commune_names="Poitiers, Atlantide")
    assert response.status_code == 400
    assert "Commune inconnue : « Atlantide »" in response.get_data(as_text=True)
    assert db_session.scalar(select(Programme).where(Programme.organisation_id == body.id)) is None


def test_admin_invites_the_first_coordinator_in_the_carrying_organisation(
    client, signed_in, admin, db_session, smtp_server
):
    programme = ProgrammeFactory()
    response = signed_in(client, admin).post(
        f"/programmes/{programme.uid}/coordinator",
        data={"email": "Coordination@PRE.test", "full_name": "Camille Martin"},
    )
    assert response.status_code == 302
    user = db_session.scalar(select(User).where(User.email == "coordination@pre.test"))
    assert user.roles == ["coordinator"] and user.organisation_id == programme.organisation_id
    assert user.programme == programme
    assert user.password_hash is None
    (message,) = smtp_server.received.to("coordination@pre.test")
    assert "/invitation/" in message.get_content()


def test_a_coordinator_may_not_set_programmes_up(client, signed_in, db_session):
    coordinator = UserFactory(roles=["coordinator"])
    assert signed_in(client, coordinator).get("/programmes/").status_code == 403


def test_the_programme_pages_name_the_intercommunality_not_its_siren(client, signed_in, admin):
    programme = ProgrammeFactory(territory_epci="248600413", department_code="86")
    browser = signed_in(client, admin)
    for url in ("/programmes/", f"/programmes/{programme.uid}"):
        page = browser.get(url).get_data(as_text=True)
        assert re.search(r"Grand Châtellerault \(\d+ communes\) — Vienne \(86\)", page), url
        assert "248600413" not in page and "EPCI" not in page and "(s)" not in page


def test_a_programme_on_communes_names_them(client, signed_in, admin, db_session):
    body = OrganisationFactory(kind="pre")
    response = _create(signed_in(client, admin), body, commune_names="Poitiers, Buxerolles (86)")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<dd>Buxerolles et Poitiers — Vienne (86)</dd>" in page
