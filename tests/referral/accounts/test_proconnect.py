"""ProConnect sign-in end to end against a real OIDC provider run on the loopback."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from referral.accounts.models import User
from tests.common.apps import make_test_app
from tests.common.factories import UserFactory
from tests.referral.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider


@pytest.fixture
def provider(monkeypatch):
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the loopback provider speaks http
    with running_provider() as running:
        yield running


@pytest.fixture
def app_settings(provider) -> dict[str, Any]:
    return {
        "WTF_CSRF_ENABLED": False,
        "PROCONNECT_CLIENT_ID": CLIENT_ID,
        "PROCONNECT_CLIENT_SECRET": CLIENT_SECRET,
        "PROCONNECT_ISSUER": provider.issuer,
    }


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def proconnect(client, provider, email: str, **claims: Any) -> Any:
    """Sign in through the provider as `email`; return Relais's answer to the callback."""
    provider.identity = {"sub": f"pc-{email}", "email": email, "given_name": "Camille", **claims}
    start = client.get("/login/proconnect")
    assert start.status_code == 302 and start.location.startswith(provider.issuer)
    at_provider = requests.get(start.location, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    return client.get(_local(at_provider.headers["Location"]))


def _signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def test_the_sign_in_page_offers_proconnect_when_configured(client):
    assert "S'identifier avec ProConnect" in client.get("/login").text


def test_without_configuration_there_is_no_button_and_no_route(database_url, tmp_path):
    plain = make_test_app(database_url, tmp_path).test_client()
    assert "ProConnect" not in plain.get("/login").text
    assert plain.get("/login/proconnect").status_code == 404


def test_an_active_account_signs_in_with_pkce_and_is_linked(
    client, provider, make_user, db_session
):
    user = make_user(email="referente@pre.test", roles=["referent"])
    answer = proconnect(client, provider, "Referente@PRE.test")
    assert answer.status_code == 302 and _signed_in(client)
    assert provider.pkce_challenges == ["S256"]
    db_session.refresh(user)
    assert user.proconnect_sub == "pc-Referente@PRE.test"


def test_an_invited_account_is_activated_by_its_first_proconnect_sign_in(
    client, provider, make_user, db_session
):
    invited = UserFactory(email="invitee@pre.test", roles=["coordinator"], password_hash=None)
    assert proconnect(client, provider, "invitee@pre.test").status_code == 302
    assert _signed_in(client)
    db_session.refresh(invited)
    assert invited.proconnect_sub is not None


def test_a_deactivated_account_is_refused(client, provider, make_user):
    make_user(email="parti@pre.test", roles=["referent"], active=False)
    answer = proconnect(client, provider, "parti@pre.test")
    assert answer.location.endswith("/login")
    assert "désactivé" in client.get("/login").text
    assert not _signed_in(client)


def test_an_unknown_address_gets_no_account(client, provider, db_session):
    answer = proconnect(client, provider, "inconnu@ailleurs.test")
    assert answer.location.endswith("/login")
    assert (
        "Aucun compte Relais n&#39;existe pour inconnu@ailleurs.test" in client.get("/login").text
    )
    assert db_session.scalar(select(User).where(User.email == "inconnu@ailleurs.test")) is None


def test_an_unverified_address_is_refused(client, provider, make_user):
    make_user(email="douteux@pre.test", roles=["referent"])
    proconnect(client, provider, "douteux@pre.test", email_verified=False)
    assert "pas vérifiée" in client.get("/login").text
    assert not _signed_in(client)


def test_logout_ends_the_provider_session_too(client, provider, make_user):
    make_user(email="referente@pre.test", roles=["referent"])
    proconnect(client, provider, "referente@pre.test")
    leaving = client.post("/logout")
    assert leaving.location.startswith(f"{provider.issuer}/session/end?")
    hint = parse_qs(urlsplit(leaving.location).query)["id_token_hint"][0]
    back = requests.get(leaving.location, allow_redirects=False, timeout=10)
    assert provider.ended == [hint]
    assert back.headers["Location"].startswith("http://localhost/")
    assert not _signed_in(client)


def test_a_password_sign_out_stays_local(client, make_user, signed_in):
    user = make_user(email="partenaire@club.test", roles=["partner"])
    signed_in(client, user)
    assert client.post("/logout").location == "/"
