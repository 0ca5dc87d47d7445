"""Request-level security: bearer tokens, idle timeout, cookies, throttling, durable audit."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from flask import Flask, Request, Response, abort, current_app, flash, g, request, session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from referral import database

limiter = Limiter(key_func=get_remote_address)


def throttling_off() -> bool:
    """The limiter is shared by every app of the process: each app's own setting decides."""
    return not current_app.config.get("RATELIMIT_ENABLED", True)


def link_limit() -> str:
    """Requests allowed per client address on the signed partner links (no account there)."""
    return str(current_app.config["LINK_RATE_LIMIT"])


API_PREFIX = "/api/"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def is_api_request() -> bool:
    """Tell whether the current request is for the JSON API (answers in JSON, never redirects)."""
    return request.path.startswith(API_PREFIX)


def audit_durably(**event: Any) -> None:
    """Queue an audit event that is kept even when the request is refused and rolled back."""
    g.setdefault("durable_audit", []).append(event)


def _audit_with_the_request(response: Response) -> Response:
    """Add the queued events to a successful request's own commit (one write, not two)."""
    if response.status_code < 400 and g.get("durable_audit"):
        from referral.audit.services import record

        current = database.session()
        for event in g.pop("durable_audit"):
            record(current, **event)
    return response


def _write_durable_audit(_error: BaseException | None) -> None:
    events = g.pop("durable_audit", None)
    if not events:
        return
    from referral.audit.services import record

    current = database.session()
    try:
        if _error is not None:
            current.rollback()
        for event in events:
            record(current, **event)
        current.commit()
    except SQLAlchemyError:
        # The response is already decided; losing the trace must not turn it into an error.
        current.rollback()
        current_app.logger.exception("Audit events could not be written: %s", events)


def load_user_from_token(incoming: Request) -> Any:
    """Authenticate an API request by `Authorization: Bearer <token>` (Flask-Login hook)."""
    header = incoming.headers.get("Authorization", "")
    if not header.lower().startswith("bearer ") or not is_api_request():
        return None
    from referral.accounts.services import token_for

    token = token_for(database.session(), header[7:].strip())
    if token is None:
        audit_durably(actor_id=None, action="token.refused", category="security")
        return None
    g.token_user_id = token.user_id
    audit_durably(
        actor_id=token.user_id,
        action="token.used",
        category="security",
        target_type="api_token",
        target_id=token.uid,
        details={"method": incoming.method, "endpoint": incoming.endpoint or ""},
    )
    return token.user


READ_ONLY_POSTS = {"api.catalogue.search_services"}


def _guard_api_request() -> None:
    """Refuse a bad token at once, and demand CSRF for a cookie-authenticated API write."""
    if not is_api_request():
        return
    if request.headers.get("Authorization") and not current_user.is_authenticated:
        abort(401, "Jeton d'accès invalide, révoqué, ou compte désactivé.")
    # CSRF protects what a browser's session cookie authorises: anonymous calls carry no
    # authority to abuse, and a search posted only to keep an address out of URLs changes nothing.
    cookie_write = (
        request.method not in SAFE_METHODS
        and "token_user_id" not in g
        and current_user.is_authenticated
        and request.endpoint not in READ_ONLY_POSTS
    )
    if cookie_write and current_app.config.get("WTF_CSRF_ENABLED", True):
        from referral.accounts.extensions import csrf

        csrf.protect()


def _expire_idle_session() -> None:
    """Sign out a browser session left idle longer than `SESSION_IDLE_MINUTES`."""
    if is_api_request() or "_user_id" not in session:
        return
    now = time.time()
    last_seen = session.get("last_seen")
    if last_seen is not None and now - float(last_seen) > _idle_seconds(current_app):
        logout_user()
        session.pop("last_seen", None)
        flash("Votre session a expiré après une période d'inactivité : reconnectez-vous.", "info")
        return
    session["last_seen"] = now


def _idle_seconds(app: Flask) -> float:
    return float(app.config["SESSION_IDLE_MINUTES"]) * 60


def configure_cookies(app: Flask) -> None:
    """HttpOnly, SameSite=Lax cookies, secure as configured (`SESSION_COOKIE_SECURE`)."""
    app.config.setdefault("SESSION_IDLE_MINUTES", 30)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    app.config["REMEMBER_COOKIE_HTTPONLY"] = True
    app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax"
    app.permanent_session_lifetime = dt.timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])


def init_app(app: Flask) -> None:
    """Wire cookies, throttling, idle timeout, API guard and the durable audit writer."""
    configure_cookies(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("MODERATION_REQUIRED", True)
    app.config.setdefault("LOGIN_RATE_LIMIT", "5 per minute")  # per account
    app.config.setdefault("LOGIN_ADDRESS_RATE_LIMIT", "30 per minute")  # per client address
    app.config.setdefault("LINK_RATE_LIMIT", "60 per minute")  # partner links, per address
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    app.before_request(_expire_idle_session)
    app.before_request(_guard_api_request)
    app.after_request(_audit_with_the_request)  # runs before the commit at the boundary
    app.teardown_request(_write_durable_audit)
