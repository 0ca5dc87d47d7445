"""Who may reach the EPS meeting pages: coordinators, and members on the day after the charter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.referral.access import ROLES, sample


@sample("meeting")
def _meeting(world: Any) -> Any:
    from referral.meetings.models import CharterAcceptance, Meeting

    pathway = world.get("pathway")
    member = world.users["eps_member"]
    meeting = Meeting(
        programme=pathway.programme, held_on=dt.date.today(), members=[member], agenda=[pathway]
    )
    world.session.add(meeting)
    world.session.add(CharterAcceptance(user_id=member.id, programme_id=pathway.programme_id))
    return meeting


def table(**outcomes: int) -> dict[str, int]:
    """Everyone signed in gets 403 unless named; anonymous is sent to sign in."""
    return dict.fromkeys(ROLES, 403) | {"anonymous": 302} | outcomes


def _uid(world: Any) -> Any:
    return world.get("meeting").uid


ROUTES = {
    "meetings.index": table(coordinator=200, referent=200, eps_member=200),
    "meetings.new": table(coordinator=200),
    "meetings.create": table(coordinator=302),
    "meetings.show": table(coordinator=200, eps_member=200, referent=404),
    "meetings.decide": table(coordinator=302),
    "meetings.minutes": table(coordinator=200, eps_member=200, referent=404),
    "meetings.charter": table(coordinator=200, referent=200, eps_member=200),
    "meetings.accept_charter": table(coordinator=302, referent=302, eps_member=302),
}

PARAMS = {
    "meetings.show": {"uid": _uid},
    "meetings.decide": {"uid": _uid, "pathway_uid": lambda world: world.get("pathway").uid},
    "meetings.minutes": {"uid": _uid},
    "meetings.charter": {"uid": lambda world: world.get("pathway").programme.uid},
    "meetings.accept_charter": {"uid": lambda world: world.get("pathway").programme.uid},
}

DATA = {
    "meetings.create": {"held_on": "2026-12-10"},
    "meetings.accept_charter": {"accept": "y"},
}
