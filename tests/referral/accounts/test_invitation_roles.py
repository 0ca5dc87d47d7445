"""An admin never reaches case content by invitation; a coordinator invites its programme's team."""

import pytest
from sqlalchemy import select

from referral.accounts.models import User
from referral.audit.models import AuditEvent
from tests.common.factories import ProgrammeFactory, UserFactory


def _invite(client, organisation_id, roles, email="nouveau@pre.test"):
    return client.post(
        "/users/invite",
        data={"email": email, "organisation": organisation_id, "roles": roles},
    )


def _account(db_session, email="nouveau@pre.test"):
    return db_session.scalar(select(User).where(User.email == email))


@pytest.mark.parametrize("roles", [["coordinator"], ["referent"], ["dpo"], ["eps_member"]])
def test_an_admin_cannot_give_a_case_role_in_a_programme_with_a_coordinator(
    client, signed_in, db_session, smtp_server, roles
):
    programme = ProgrammeFactory()
    UserFactory(organisation=programme.organisation, roles=["coordinator"])
    response = _invite(
        signed_in(client, UserFactory(roles=["admin"])), programme.organisation_id, roles
    )
    assert "Seul un coordonnateur du programme" in response.get_data(as_text=True)
    assert _account(db_session) is None and smtp_server.received.messages == []


def test_an_admin_invites_the_first_coordinator_audited_apart(
    client, signed_in, db_session, smtp_server
):
    programme = ProgrammeFactory()
    _invite(
        signed_in(client, UserFactory(roles=["admin"])), programme.organisation_id, ["coordinator"]
    )
    actions = db_session.scalars(select(AuditEvent.action)).all()
    assert (_account(db_session).roles, _account(db_session).programme) == (
        ["coordinator"],
        programme,
    )
    assert "account.first_coordinator_invited" in actions


def test_an_admin_cannot_add_a_referent_even_to_a_programme_without_coordinator(
    client, signed_in, db_session, smtp_server
):
    programme = ProgrammeFactory()
    _invite(
        signed_in(client, UserFactory(roles=["admin"])), programme.organisation_id, ["referent"]
    )
    assert _account(db_session) is None


def test_a_coordinator_invites_a_referent_of_its_programme(
    client, signed_in, db_session, smtp_server
):
    programme = ProgrammeFactory()
    ProgrammeFactory(organisation=programme.organisation)  # the carrier runs a second one
    coordinator = UserFactory(
        organisation=programme.organisation, programme=programme, roles=["coordinator"]
    )
    _invite(signed_in(client, coordinator), programme.organisation_id, ["referent"])
    assert (_account(db_session).roles, _account(db_session).programme) == (
        ["referent"],
        programme,
    )


def test_a_coordinator_lists_and_manages_only_its_programmes_colleagues(client, signed_in):
    programme = ProgrammeFactory()
    other = ProgrammeFactory(organisation=programme.organisation)
    coordinator = UserFactory(
        organisation=programme.organisation, programme=programme, roles=["coordinator"]
    )
    mine, theirs = (
        UserFactory(organisation=programme.organisation, programme=each, roles=["referent"])
        for each in (programme, other)
    )
    page = signed_in(client, coordinator).get("/users").get_data(as_text=True)
    refused = client.post(f"/users/{theirs.uid}/deactivate").status_code
    assert (mine.email in page, theirs.email in page, refused) == (True, False, 404)


def test_an_admin_still_invites_partners(client, signed_in, db_session, smtp_server):
    partner = UserFactory(roles=["partner"])
    _invite(signed_in(client, UserFactory(roles=["admin"])), partner.organisation_id, ["partner"])
    assert (_account(db_session).roles, _account(db_session).programme) == (["partner"], None)
