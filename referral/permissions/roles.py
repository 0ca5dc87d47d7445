"""Who is signed in and with which roles: the base of every predicate."""

from __future__ import annotations

from typing import Any


def is_signed_in(user: Any) -> bool:
    """Tell whether someone is signed in."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def roles_of(user: Any) -> set[str]:
    """Return the roles of a signed-in user (none for anonymous visitors)."""
    return set(getattr(user, "roles", None) or []) if is_signed_in(user) else set()


def has_role(user: Any, *roles: str) -> bool:
    """Tell whether a signed-in user holds at least one of the roles."""
    return is_signed_in(user) and any(
        role in (getattr(user, "roles", None) or []) for role in roles
    )


def programme_id_of(user: Any) -> int | None:
    """Return the programme a signed-in staff member works for (None: admin, partner, visitor)."""
    return getattr(user, "programme_id", None) if is_signed_in(user) else None


def works_for(user: Any, programme_id: int | None) -> bool:
    """Tell whether a signed-in user belongs to a programme (never true without one)."""
    own = programme_id_of(user)
    return own is not None and own == programme_id
