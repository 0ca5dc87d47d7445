"""Account tests: forms are posted without CSRF here, except in test_csrf.py."""

from __future__ import annotations

from typing import Any

import pytest

from referral.accounts.services import hash_password

PASSWORD = "correct horse battery staple"
PASSWORD_HASH = hash_password(PASSWORD)


@pytest.fixture
def app_settings(mail_settings: dict[str, Any]) -> dict[str, Any]:
    return {**mail_settings, "WTF_CSRF_ENABLED": False}


@pytest.fixture
def make_user():
    """Return a function creating a user who can sign in with `PASSWORD`."""
    from tests.common.factories import UserFactory

    def make(**kwargs: Any) -> Any:
        return UserFactory(password_hash=PASSWORD_HASH, **kwargs)

    return make


def sign_in_form(http: Any, email: str, password: str = PASSWORD, **extra: str) -> Any:
    """Post the sign-in form."""
    return http.post("/login", data={"email": email, "password": password, **extra})


from tests.common.synced import client  # noqa: E402, F401
