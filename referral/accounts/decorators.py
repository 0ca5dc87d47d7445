"""Check permissions before any work: one decorator per kind of rule (STYLE rule 6)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, redirect, request, url_for
from flask_login import current_user

from referral.accounts.models import Role
from referral.accounts.security import audit_durably, is_api_request

F = TypeVar("F", bound=Callable[..., Any])


def _refuse_anonymous() -> Any:
    if is_api_request():
        abort(401, "Authentification requise : en-tête « Authorization: Bearer <jeton> ».")
    return redirect(url_for("accounts.login", next=safe_next_path()))


def safe_next_path() -> str:
    """Return the current path with its query, to come back here after signing in."""
    return request.full_path.rstrip("?") if request.query_string else request.path


def record_denial(reason: str) -> None:
    """Write a permission denial to the audit log (kept although the request is refused)."""
    audit_durably(
        actor_id=current_user.id if current_user.is_authenticated else None,
        action="permission.denied",
        category="security",
        target_type="endpoint",
        target_id=request.endpoint,
        details={"method": request.method, "path": request.path, "reason": reason},
    )


def permission_required(predicate: Callable[[Any], bool]) -> Callable[[F], F]:
    """Let a view run only for a signed-in user satisfying `predicate(user)`.

    Anonymous: redirect to sign-in (pages) or 401 (API). Signed in without the right: 403.
    Object-level checks ("not theirs" → 404) stay in the view, with the object in hand.
    """

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return _refuse_anonymous()
            if not predicate(current_user):
                record_denial(getattr(predicate, "__name__", "predicate"))
                abort(403)
            return view(*args, **kwargs)

        checked.signed_in_only = True  # type: ignore[attr-defined]  # 401/403 in the OpenAPI
        return checked  # type: ignore[return-value]

    return decorate


def role_required(*roles: Role | str) -> Callable[[F], F]:
    """Let a view run only for a signed-in user holding at least one of `roles`."""

    def holds_role(user: Any) -> bool:
        return bool(user.has_role(*roles))

    holds_role.__name__ = "role:" + "|".join(str(role) for role in roles)
    return permission_required(holds_role)


def sign_in_required(view: F) -> F:
    """Let a view run for any signed-in user."""
    return permission_required(lambda _user: True)(view)


def not_found_unless(allowed: bool) -> None:
    """Answer 404 for an object the user may not see, as if it did not exist (and log it)."""
    if not allowed:
        record_denial("object")
        abort(404)
