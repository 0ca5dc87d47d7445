"""The catalogue: who sees an entry, edits it (partner self-service), moderates or imports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalogue.models import Service
from referral.permissions.roles import has_role, is_signed_in


def can_view_service(user: Any, service: Service, day: dt.date) -> bool:
    """Active services are public; the others need a signed-in user; pending drafts, their own
    organisation or the coordination (a partner never sees another's drafts)."""
    if service.is_active_on(day):
        return True
    if service.status == "pending":
        return can_manage_service(user, service) or has_role(user, "admin")
    return is_signed_in(user)


def can_view_referral_contact(user: Any) -> bool:
    """The professional contact that receives orientations is for signed-in users only."""
    return is_signed_in(user)


def is_partner(user: Any) -> bool:
    """Partners and partner admins keep their organisation's entries."""
    return has_role(user, "partner", "partner_admin")


def can_use_partner_space(user: Any) -> bool:
    """The partner space is for partners, and for coordinators who edit any entry."""
    return has_role(user, "partner", "partner_admin", "coordinator")


def can_manage_service(user: Any, service: Service) -> bool:
    """A partner edits its own organisation's services; a coordinator edits any service."""
    if has_role(user, "coordinator"):
        return True
    return is_partner(user) and service.organisation_id == user.organisation_id


def can_manage_place(user: Any, place: Any) -> bool:
    """A partner edits its own organisation's places; a coordinator edits any place."""
    if has_role(user, "coordinator"):
        return True
    return is_partner(user) and place.organisation_id == user.organisation_id


def can_view_service_history(user: Any, service: Service) -> bool:
    """The change history: the service's own partners, coordinators, and admins (technical)."""
    return has_role(user, "admin") or can_manage_service(user, service)


def can_read_service_histories(user: Any) -> bool:
    """Who may open change histories at all (each service is then checked on its own)."""
    return has_role(user, "admin", "coordinator", "partner", "partner_admin")


def can_moderate(user: Any) -> bool:
    """Coordinators publish pending entries, follow stale entries and error reports."""
    return has_role(user, "coordinator")


def can_edit_search_vocabulary(user: Any) -> bool:
    """Coordinators keep their programme's own search vocabulary."""
    return has_role(user, "coordinator")


def can_report_error(user: Any) -> bool:
    """Any signed-in user may report an error on a catalogue entry."""
    return is_signed_in(user)


def can_close_report(user: Any, report: Any) -> bool:
    """The organisation concerned and the coordinators close an error report."""
    return can_manage_service(user, report.service)


def can_manage_imports(user: Any) -> bool:
    """Coordinators import files into the catalogue and resolve possible duplicates."""
    return is_signed_in(user) and bool(user.has_role("coordinator"))
