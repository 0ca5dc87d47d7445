"""Invitations (7 days) and password resets (1 hour) by e-mail, with signed expiring links."""

import datetime as dt
import re

from referral.accounts.services import authenticate
from tests.common.factories import OrganisationFactory, UserFactory
from tests.referral.accounts.conftest import sign_in_form

NEW_PASSWORD = "un nouveau mot de passe solide"


def _link(message):
    return re.search(r"http://localhost(/\S+)", message.get_content()).group(1)


def test_reset_mail_reaches_the_smtp_server(client, make_user, smtp_server):
    user = make_user()
    client.post("/password/forgot", data={"email": user.email})
    [message] = smtp_server.received.to(user.email)
    assert "/password/reset/" in message.get_content()


def test_reset_link_sets_a_new_password(client, make_user, smtp_server, db_session):
    user = make_user()
    client.post("/password/forgot", data={"email": user.email})
    link = _link(smtp_server.received.messages[0])
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert authenticate(db_session, user.email, NEW_PASSWORD) == user


def test_reset_link_serves_once(client, make_user, smtp_server):
    user = make_user()
    client.post("/password/forgot", data={"email": user.email})
    link = _link(smtp_server.received.messages[0])
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.get(link).status_code == 400


def test_expired_reset_link_is_refused_with_a_clear_page(
    client, make_user, smtp_server, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    user = make_user()
    client.post("/password/forgot", data={"email": user.email})
    link = _link(smtp_server.received.messages[0])
    time_machine.move_to(dt.datetime(2026, 3, 2, 10, 1, tzinfo=dt.UTC), tick=False)
    response = client.get(link)
    assert response.status_code == 400
    assert "a expiré" in response.get_data(as_text=True)


def test_tampered_link_is_refused_with_a_clear_page(client, make_user, smtp_server):
    user = make_user()
    client.post("/password/forgot", data={"email": user.email})
    link = _link(smtp_server.received.messages[0])
    response = client.get(link[:-3] + "abc")
    assert response.status_code == 400
    assert "pas valide" in response.get_data(as_text=True)


def test_unknown_address_gets_the_same_answer_and_no_mail(client, smtp_server):
    response = client.post("/password/forgot", data={"email": "personne@nulle-part.test"})
    assert response.status_code == 302
    assert smtp_server.received.messages == []


def test_partner_admin_invites_a_colleague_by_mail(client, signed_in, smtp_server):
    admin = UserFactory(roles=["partner_admin"])
    signed_in(client, admin).post(
        "/users/invite",
        data={
            "email": "collegue@cmp.test",
            "organisation": admin.organisation_id,
            "roles": ["partner"],
        },
    )
    [message] = smtp_server.received.to("collegue@cmp.test")
    assert "/invitation/" in message.get_content()


def test_invitation_link_lets_the_colleague_sign_in(client, signed_in, smtp_server, app):
    admin = UserFactory(roles=["partner_admin"])
    signed_in(client, admin).post(
        "/users/invite",
        data={
            "email": "collegue@cmp.test",
            "organisation": admin.organisation_id,
            "roles": ["partner"],
        },
    )
    link = _link(smtp_server.received.messages[0])
    fresh = app.test_client()
    fresh.post(
        link, data={"full_name": "Camille", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert sign_in_form(fresh, "collegue@cmp.test", NEW_PASSWORD).status_code == 302


def test_expired_invitation_is_refused(client, signed_in, smtp_server, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    admin = UserFactory(roles=["partner_admin"])
    signed_in(client, admin).post(
        "/users/invite",
        data={
            "email": "collegue@cmp.test",
            "organisation": admin.organisation_id,
            "roles": ["partner"],
        },
    )
    link = _link(smtp_server.received.messages[0])
    time_machine.move_to(dt.datetime(2026, 3, 9, 9, 1, tzinfo=dt.UTC), tick=False)
    assert client.get(link).status_code == 400


def test_partner_admin_cannot_give_a_coordinator_role(client, signed_in, smtp_server):
    admin = UserFactory(roles=["partner_admin"])
    response = signed_in(client, admin).post(
        "/users/invite",
        data={
            "email": "x@cmp.test",
            "organisation": admin.organisation_id,
            "roles": ["coordinator"],
        },
    )
    assert response.status_code == 200
    assert smtp_server.received.messages == []


def test_partner_admin_cannot_invite_into_another_organisation(client, signed_in, smtp_server):
    admin = UserFactory(roles=["partner_admin"])
    other = OrganisationFactory()
    signed_in(client, admin).post(
        "/users/invite",
        data={"email": "x@cmp.test", "organisation": other.id, "roles": ["partner"]},
    )
    assert smtp_server.received.messages == []


def test_admin_invites_into_an_organisation_named_by_its_uid(client, signed_in, smtp_server):
    admin = UserFactory(roles=["admin"])
    club = OrganisationFactory(name="Club sans compte")
    signed_in(client, admin)
    form = client.get(f"/users/invite?organisation={club.uid}").get_data(as_text=True)
    assert "Club sans compte" in form
    client.post(
        f"/users/invite?organisation={club.uid}",
        data={"email": "club@exemple.test", "organisation": club.id, "roles": ["partner_admin"]},
    )
    assert smtp_server.received.to("club@exemple.test")
