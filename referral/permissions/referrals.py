"""Referrals and exits: who follows, answers and prepares them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from referral.permissions.catalogue import is_partner
from referral.permissions.pathways import can_edit_pathway
from referral.permissions.roles import has_role


def can_follow_referral(user: Any, referral: Any, day: dt.date) -> bool:
    """The pathway's référent (or delegate) and the programme's coordinators follow a referral."""
    return can_edit_pathway(user, referral.pathway, day)


def can_answer_referral(user: Any, referral: Any) -> bool:
    """A partner answers the referrals sent to its own organisation, and only those."""
    return (
        is_partner(user)
        and referral.sent_at is not None
        and referral.service.organisation_id == user.organisation_id
    )


def can_review_exits(user: Any) -> bool:
    """Coordinators prepare the exits (instance d'orientation)."""
    return has_role(user, "coordinator")


def can_follow_referrals(user: Any) -> bool:
    """Référents and coordinators orient children and follow their referrals."""
    return has_role(user, "referent", "coordinator")
