"""Sign-in and sign-out: argon2 passwords, audit of successes and failures, safe redirects."""

import datetime as dt

import pytest
from sqlalchemy import select

from referral.audit.models import AuditEvent
from tests.referral.accounts.conftest import sign_in_form


def _actions(db_session):
    return [
        event.action for event in db_session.scalars(select(AuditEvent).order_by(AuditEvent.id))
    ]


def test_sign_in_with_the_right_password_opens_a_session(client, make_user):
    user = make_user(roles=["referent"])
    response = sign_in_form(client, user.email)
    assert response.status_code == 302
    assert client.get("/account").status_code == 200


def test_sign_in_with_a_wrong_password_is_refused_and_audited(client, make_user, db_session):
    user = make_user()
    response = sign_in_form(client, user.email, "not the password")
    assert "incorrect" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    assert "sign_in.failure" in _actions(db_session)


def test_sign_in_success_is_audited(client, make_user, db_session):
    user = make_user()
    sign_in_form(client, user.email)
    assert "sign_in.success" in _actions(db_session)


def test_deactivated_account_cannot_sign_in(client, make_user):
    user = make_user(active=False)
    response = sign_in_form(client, user.email)
    assert response.status_code == 200
    assert client.get("/account").status_code == 302


def test_deactivation_ends_an_open_session_at_once(client, make_user, db_session):
    user = make_user()
    sign_in_form(client, user.email)
    user.active = False
    db_session.flush()
    assert client.get("/account").status_code == 302


def test_sign_in_goes_back_to_the_page_asked_for(client, make_user):
    user = make_user()
    response = sign_in_form(client, user.email, next="/account")
    assert response.headers["Location"] == "/account"


def test_sign_in_never_redirects_to_another_site(client, make_user):
    user = make_user(roles=["referent"])
    response = sign_in_form(client, user.email, next="//evil.example/")
    assert response.headers["Location"] == "/pathways"


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("referent", "/pathways"),
        ("partner", "/partner/referrals"),
        ("partner_admin", "/partner/referrals"),
        ("coordinator", "/pathways"),
        ("funder", "/indicators/"),
        ("dpo", "/data-protection/audit"),
        ("eps_member", "/meetings"),
        ("admin", "/users"),
    ],
)
def test_each_role_lands_where_its_work_is(client, make_user, role, page):
    user = make_user(roles=[role])
    response = sign_in_form(client, user.email)
    assert response.headers["Location"] == page


def test_sign_out_closes_the_session(client, make_user):
    user = make_user()
    sign_in_form(client, user.email)
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_session_expires_after_the_idle_time(client, make_user, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    user = make_user()
    sign_in_form(client, user.email)
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 31, tzinfo=dt.UTC), tick=False)
    assert client.get("/account").status_code == 302


def test_session_stays_open_while_used(client, make_user, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    user = make_user()
    sign_in_form(client, user.email)
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 25, tzinfo=dt.UTC), tick=False)
    client.get("/account")
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 50, tzinfo=dt.UTC), tick=False)
    assert client.get("/account").status_code == 200


def test_session_cookie_is_httponly_and_samesite_lax(client, make_user):
    user = make_user()
    response = sign_in_form(client, user.email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_cookies_are_secure_unless_the_demo_is_served_on_plain_http(app):
    from referral import create_app

    settings = {k: v for k, v in app.config.items() if k != "SESSION_COOKIE_SECURE"}
    production = create_app({**settings, "TESTING": False, "DEMO": False})
    demo = create_app({**settings, "TESTING": False, "DEMO": True})
    assert production.config["SESSION_COOKIE_SECURE"] is True
    assert demo.config["SESSION_COOKIE_SECURE"] is False


def test_the_password_is_checked_before_the_request_opens_its_transaction(
    client, make_user, monkeypatch
):
    # On SQLite the request's transaction begins IMMEDIATE (it takes the write lock): hashing a
    # password inside it (tens of ms) would queue every other writer behind each sign-in.
    from referral import database
    from referral.accounts import services

    user, seen = make_user(), []

    class Watched:
        def __getattr__(self, name: str) -> object:
            return getattr(hasher, name)

        def verify(self, stored: str, password: str) -> bool:
            seen.append(database.session().in_transaction())
            return hasher.verify(stored, password)

    hasher = services._hasher
    monkeypatch.setattr(services, "_hasher", Watched())
    assert sign_in_form(client, user.email).status_code == 302
    assert seen == [False]
