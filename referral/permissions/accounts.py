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


def can_manage_accounts(user: Any) -> bool:
    """Admins manage every account; partner admins invite and manage their colleagues."""
    return has_role(user, "admin", "partner_admin")


def can_manage_account(user: Any, other: Any) -> bool:
    """An admin manages anyone; a partner admin, the partner accounts of its organisation."""
    if has_role(user, "admin"):
        return True
    return (
        has_role(user, "partner_admin")
        and other.organisation_id == user.organisation_id
        and set(other.roles) <= {"partner", "partner_admin"}
    )


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
    if has_role(user, "partner_admin"):
        return ["partner", "partner_admin"]
    return []
