"""Login throttling: too many attempts → 429 with a French page."""

import pytest

from tests.referral.accounts.conftest import sign_in_form


@pytest.fixture
def app_settings(mail_settings):
    return {
        **mail_settings,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        "LOGIN_RATE_LIMIT": "3 per minute",
    }


def test_too_many_sign_in_attempts_get_429(client, make_user):
    user = make_user()
    for _ in range(3):
        sign_in_form(client, user.email, "mauvais mot de passe")
    response = sign_in_form(client, user.email, "mauvais mot de passe")
    assert response.status_code == 429
    assert "Trop de tentatives" in response.get_data(as_text=True)


def test_throttling_does_not_limit_reading_pages(client):
    statuses = {client.get("/login").status_code for _ in range(6)}
    assert statuses == {200}
