"""Who acts on a referral: the team, the partner (signed in or through its link), the timers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from referral import permissions
from referral.referrals.machine import ActorKind
from referral.referrals.models import Referral


@dataclass(frozen=True)
class Actor:
    """Who acts, in which capacities, through which channel."""

    user: Any
    kinds: frozenset[ActorKind]
    channel: str = "web"

    @property
    def user_id(self) -> int | None:
        """Return the acting user's id (None for the partner link and the timers)."""
        return getattr(self.user, "id", None)


def actor_for(user: Any, referral: Referral, day: dt.date, channel: str = "web") -> Actor:
    """Return the capacities a signed-in user has on a referral."""
    kinds: set[ActorKind] = set()
    if permissions.can_follow_referral(user, referral, day):
        kinds.add(ActorKind.ON_BEHALF)
        if "referent" in user.roles:
            kinds.add(ActorKind.REFERENT)
        if "coordinator" in user.roles:
            kinds.add(ActorKind.COORDINATOR)
    if permissions.can_answer_referral(user, referral):
        kinds.add(ActorKind.PARTNER)
    return Actor(user, frozenset(kinds), channel)


def team_actor(user: Any, channel: str = "web") -> Actor:
    """Return a référent or coordinator acting on a pathway they may edit (checked before)."""
    kinds = {ActorKind(role) for role in ("referent", "coordinator") if role in user.roles}
    return Actor(user, frozenset(kinds), channel)


def link_actor() -> Actor:
    """Return the actor of a signed partner link (no account)."""
    return Actor(None, frozenset({ActorKind.PARTNER}), "link")


def system_actor() -> Actor:
    """Return the actor of the timers."""
    return Actor(None, frozenset({ActorKind.SYSTEM}), "timer")
