"""Indicators and data protection: who sees which figures and uses the rights tools."""

from __future__ import annotations

import datetime as dt
from typing import Any

from referral.permissions.pathways import can_edit_pathway, is_programme_coordinator
from referral.permissions.roles import has_role, works_for


def can_open_indicators(user: Any) -> bool:
    """Coordinators and funders reach the indicators (each programme is checked apart)."""
    return has_role(user, "coordinator", "funder")


def can_view_indicators(user: Any, programme: Any) -> bool:
    """A programme's coordinators see its figures; its funders, the aggregates (issue 17)."""
    funds = has_role(user, "funder") and works_for(user, programme.id)
    return is_programme_coordinator(user, programme) or funds


def sees_aggregates_only(user: Any, programme: Any) -> bool:
    """Everyone but the programme's coordinators gets suppressed figures (no cell under 5)."""
    return not is_programme_coordinator(user, programme)


def can_use_rights_tools(user: Any, pathway: Any, day: dt.date) -> bool:
    """Export, rectify, withdraw consent: the référent, the coordinators, the programme's DPO."""
    is_dpo = has_role(user, "dpo") and works_for(user, pathway.programme_id)
    return is_dpo or can_edit_pathway(user, pathway, day)


def can_review_privacy_log(user: Any) -> bool:
    """Coordinators and the DPO review the audit log by child and see bulk-export alerts."""
    return has_role(user, "coordinator", "dpo")


def can_reach_rights_tools(user: Any) -> bool:
    """Référents, coordinators and the DPO reach the rights pages (each pathway checked apart)."""
    return has_role(user, "referent", "coordinator", "dpo")
