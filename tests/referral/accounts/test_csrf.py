"""Every form checks its CSRF token: missing or wrong → 400 (CSRF is on here, as in production)."""

import re

import pytest

from tests.common.factories import ServiceFactory
from tests.referral.accounts.conftest import PASSWORD


@pytest.fixture
def app_settings(mail_settings):
    return {**mail_settings, "WTF_CSRF_ENABLED": True}


def form_token(client, path):
    """Return the CSRF token of the form on a page."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_sign_in_without_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_sign_in_with_a_wrong_token_is_refused(client, make_user):
    user = make_user()
    client.get("/login")
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": "faux"}
    )
    assert response.status_code == 400


def test_sign_in_with_the_form_token_works(client, make_user):
    user = make_user()
    token = form_token(client, "/login")
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_partner_capacity_change_without_token_is_refused(client, signed_in, make_user):
    user = make_user(roles=["partner"])
    service = ServiceFactory(organisation=user.organisation)
    response = signed_in(client, user).post(
        f"/partner/services/{service.uid}/capacity", data={"capacity": "full"}
    )
    assert response.status_code == 400
    assert service.capacity == "open"


def test_cookie_authenticated_api_write_needs_the_token(client, signed_in, make_user):
    user = make_user(roles=["partner"])
    service = ServiceFactory(organisation=user.organisation)
    response = signed_in(client, user).patch(
        f"/api/v1/services/{service.uid}", json={"version": service.version, "name": "X"}
    )
    assert response.status_code == 400


def test_anonymous_search_by_post_needs_no_token(client):
    response = client.post("/api/v1/services/search", json={"q": "judo"})
    assert response.status_code == 200


def test_signed_in_search_by_post_needs_no_token(client, signed_in, make_user):
    signed_in(client, make_user(roles=["referent"]))
    assert client.post("/api/v1/services/search", json={"q": "judo"}).status_code == 200


def test_a_token_authenticated_api_write_needs_no_csrf_token(client, db_session, make_user):
    from referral.accounts.services import issue_token

    user = make_user(roles=["partner"])
    service = ServiceFactory(organisation=user.organisation)
    _token, clear = issue_token(db_session, user)
    response = client.patch(
        f"/api/v1/services/{service.uid}",
        json={"version": service.version, "name": "Nouveau nom"},
        headers={"Authorization": f"Bearer {clear}"},
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["name"] == "Nouveau nom"
