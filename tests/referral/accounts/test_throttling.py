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


def test_one_account_is_throttled_even_from_many_addresses(client, make_user):
    user = make_user()
    for n in range(3):
        client.post(
            "/login",
            data={"email": user.email, "password": "x"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        )
    response = client.post(
        "/login",
        data={"email": user.email, "password": "x"},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert response.status_code == 429


def test_other_accounts_behind_the_same_address_can_still_sign_in(client, make_user):
    blocked, colleague = make_user(), make_user()
    for _ in range(4):
        sign_in_form(client, blocked.email, "mauvais mot de passe")
    assert sign_in_form(client, colleague.email).status_code == 302


@pytest.mark.own_app
@pytest.mark.parametrize(
    "app_settings",
    [{"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": True, "PROXY_HOPS": 1,
      "LOGIN_ADDRESS_RATE_LIMIT": "2 per minute", "LOGIN_RATE_LIMIT": "50 per minute"}],
)  # fmt: skip
def test_behind_a_proxy_each_client_address_has_its_own_count(client):
    def attempt(address: str) -> int:
        data = {"email": f"x{address}@example.org", "password": "x"}
        return client.post("/login", data=data, headers={"X-Forwarded-For": address}).status_code

    assert [attempt("203.0.113.1"), attempt("203.0.113.1"), attempt("203.0.113.2")] == [200] * 3
    assert attempt("203.0.113.1") == 429
