"""Accounts and the audit log: who manages whom, who reads which events."""

from __future__ import annotations

from typing import Any

from referral.permissions.roles import has_role


def can_read_audit_log(user: Any) -> bool:
    """Coordinators and the DPO read the audit log; admins read its technical events."""
    return has_role(user, "coordinator", "dpo", "admin")


def audit_categories_for(user: Any) -> list[str]:
    """Return the audit categories a user may read (admins never see case events)."""
    if has_role(user, "coordinator", "dpo"):
        return ["security", "catalogue", "case", "technical"]
    if has_role(user, "admin"):
        return ["security", "catalogue", "technical"]
    return []


CASE_ROLES = frozenset({"coordinator", "referent", "eps_member", "dpo"})


def can_manage_accounts(user: Any) -> bool:
    """Admins manage every account; partner admins and coordinators, their colleagues'."""
    return has_role(user, "admin", "partner_admin", "coordinator")


def can_manage_programmes(user: Any) -> bool:
    """Admins set programmes up (organisation, territory, settings) and invite coordinators."""
    return has_role(user, "admin")


def can_manage_account(user: Any, other: Any) -> bool:
    """An admin manages anyone; a partner admin or a coordinator, the colleagues it may invite."""
    if has_role(user, "admin"):
        return True
    own = getattr(user, "programme_id", None)
    return (
        other.organisation_id == user.organisation_id
        and (own is None or other.programme_id == own)
        and bool(other.roles)
        and set(other.roles) <= set(roles_assignable_by(user))
    )


def can_invite(
    user: Any, organisation_id: int, roles: Any, *, programme_ids: Any, has_coordinator: bool
) -> bool:
    """Tell whether a user may give roles to a new account of an organisation.

    A case role (coordinator, référent, EPS member, DPO) in an organisation that runs a
    programme needs a coordinator of that programme: an admin never reaches case content. The
    one exception is the first coordinator of a programme that has none, whom an admin invites.
    """
    wanted = set(roles)
    if not wanted or not wanted <= set(roles_assignable_by(user)):
        return False
    if not has_role(user, "admin"):
        return organisation_id == user.organisation_id
    if not (wanted & CASE_ROLES and programme_ids):
        return True
    return wanted == {"coordinator"} and not has_coordinator


def roles_assignable_by(user: Any) -> list[str]:
    """Return the roles a user may give when inviting someone."""
    if has_role(user, "admin"):
        return [
            "admin",
            "coordinator",
            "referent",
            "eps_member",
            "partner",
            "partner_admin",
            "funder",
            "dpo",
        ]
    if has_role(user, "coordinator"):
        return sorted(CASE_ROLES)
    if has_role(user, "partner_admin"):
        return ["partner", "partner_admin"]
    return []
