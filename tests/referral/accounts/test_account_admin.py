"""Deactivation and reactivation: refused at once, nothing deleted; who may do it."""

from tests.common.factories import UserFactory
from tests.referral.accounts.conftest import sign_in_form


def test_admin_deactivates_an_account(client, signed_in, make_user):
    target = make_user()
    signed_in(client, UserFactory(roles=["admin"])).post(f"/users/{target.uid}/deactivate")
    assert (target.active, target.deactivated_at is not None) == (False, True)


def test_deactivated_account_is_refused_then_reactivated(client, signed_in, make_user, app):
    target = make_user()
    admin_client = signed_in(app.test_client(), UserFactory(roles=["admin"]))
    admin_client.post(f"/users/{target.uid}/deactivate")
    assert sign_in_form(client, target.email).status_code == 200
    admin_client.post(f"/users/{target.uid}/reactivate")
    assert sign_in_form(client, target.email).status_code == 302


def test_partner_admin_deactivates_a_colleague(client, signed_in, make_user):
    boss = UserFactory(roles=["partner_admin"])
    colleague = make_user(organisation=boss.organisation, roles=["partner"])
    signed_in(client, boss).post(f"/users/{colleague.uid}/deactivate")
    assert colleague.active is False


def test_partner_admin_cannot_touch_another_organisation(client, signed_in, make_user):
    boss = UserFactory(roles=["partner_admin"])
    stranger = make_user(roles=["partner"])
    response = signed_in(client, boss).post(f"/users/{stranger.uid}/deactivate")
    assert response.status_code == 404
    assert stranger.active is True


def test_referent_cannot_manage_accounts(client, signed_in, make_user):
    target = make_user()
    response = signed_in(client, make_user(roles=["referent"])).post(
        f"/users/{target.uid}/deactivate"
    )
    assert response.status_code == 403


def test_partner_admin_lists_only_its_colleagues(client, signed_in, make_user):
    boss = UserFactory(roles=["partner_admin"])
    colleague = make_user(organisation=boss.organisation, roles=["partner"])
    stranger = make_user()
    page = signed_in(client, boss).get("/users").get_data(as_text=True)
    assert colleague.email in page and stranger.email not in page
