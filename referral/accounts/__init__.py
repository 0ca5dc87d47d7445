"""Accounts, roles, sign-in and API tokens."""

from __future__ import annotations

from flask import Flask, Request

from referral.accounts.extensions import csrf, login_manager


@login_manager.user_loader
def _load_user(user_id: str) -> object | None:
    from referral import database
    from referral.accounts.models import User

    user = database.session().get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


@login_manager.request_loader
def _load_user_from_request(incoming: Request) -> object | None:
    from referral.accounts.security import load_user_from_token

    return load_user_from_token(incoming)


def init_app(app: Flask) -> None:
    """Protect every form against CSRF, set up sign-in, tokens, throttling and auditing."""
    from referral.accounts import proconnect, security

    csrf.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    proconnect.init_app(app)
