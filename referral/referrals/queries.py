"""Read-only queries on referrals (lists for pages and API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from catalogue.db import utcnow
from catalogue.models import Service
from referral.accounts.models import User
from referral.french import day_start
from referral.pathways.models import Pathway
from referral.referrals.machine import OPEN_AT_PARTNER
from referral.referrals.models import Notification, Referral, ReferralState

#: The partner's inbox tabs: each state a sent referral can be in belongs to exactly one.
INBOX_TABS: dict[str, tuple[ReferralState, ...]] = {
    "answer": (ReferralState.SENT,),
    "in_progress": (
        ReferralState.ACKNOWLEDGED,
        ReferralState.WAITLISTED,
        ReferralState.APPOINTMENT_SET,
    ),
    "accepted": (ReferralState.RELAY_ACCEPTED,),
    "closed": (
        ReferralState.DECLINED_BY_PARTNER,
        ReferralState.NO_FOLLOW_UP,
        ReferralState.CANCELLED,
        ReferralState.EXPIRED,
        ReferralState.CLOSED,
    ),
}
INBOX_TITLES = {
    "answer": "À traiter",
    "in_progress": "En cours",
    "accepted": "Acceptées",
    "closed": "Closes",
}
#: States before sending: a partner never sees them.
BEFORE_SENDING = (
    ReferralState.DRAFT,
    ReferralState.PROPOSED,
    ReferralState.FAMILY_AGREED,
    ReferralState.FAMILY_DECLINED,
)


def referrals_of(session: Session, pathway: Pathway) -> list[Referral]:
    """Return a pathway's referrals, newest first."""
    return list(
        session.scalars(
            select(Referral).where(Referral.pathway_id == pathway.id).order_by(Referral.id.desc())
        )
    )


def _received(organisation_id: int) -> Any:
    return (
        select(Referral)
        .join(Service, Service.id == Referral.service_id)
        .where(Service.organisation_id == organisation_id, Referral.sent_at.is_not(None))
    )


def partner_inbox(session: Session, organisation_id: int) -> list[Referral]:
    """Return the open referrals sent to an organisation's services, oldest first."""
    query = _received(organisation_id).where(Referral.state.in_([str(s) for s in OPEN_AT_PARTNER]))
    return list(session.scalars(query.order_by(Referral.sent_at, Referral.id)))


def inbox_counts(session: Session, organisation_id: int) -> dict[str, int]:
    """Return how many referrals each tab of the partner's inbox holds."""
    query = _received(organisation_id).with_only_columns(Referral.state, func.count(Referral.id))
    per_state = {state: count for state, count in session.execute(query.group_by(Referral.state))}
    return {
        tab: sum(per_state.get(str(state), 0) for state in states)
        for tab, states in INBOX_TABS.items()
    }


def inbox_tab(session: Session, organisation_id: int, tab: str, limit: int = 200) -> list[Referral]:
    """Return the referrals of one tab: oldest first to answer, most recent change first else."""
    query = _received(organisation_id).where(Referral.state.in_([str(s) for s in INBOX_TABS[tab]]))
    order = (Referral.sent_at, Referral.id) if tab == "answer" else (
        Referral.state_changed_at.desc(), Referral.id.desc())  # fmt: skip
    return list(session.scalars(query.order_by(*order).limit(limit)))


def received_between(
    session: Session, organisation_id: int, start: dt.date | None, end: dt.date | None
) -> list[Referral]:
    """Return the referrals an organisation received in a period (dates of sending, inclusive)."""
    query = _received(organisation_id)
    if start is not None:
        query = query.where(Referral.sent_at >= day_start(start))
    if end is not None:
        query = query.where(Referral.sent_at < day_start(end + dt.timedelta(days=1)))
    return list(session.scalars(query.order_by(Referral.sent_at, Referral.id)))


def mark_read(session: Session, user: User) -> None:
    """Mark every unread notice of a user as read."""
    session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    session.flush()


def open_referrals_for(session: Session, user: Any, day: dt.date) -> list[Referral]:
    """Return the unfinished referrals of the pathways a user follows, oldest change first."""
    from referral import permissions
    from referral.referrals.machine import TERMINAL_STATES

    visible = permissions.visible_pathways_query(user, day).with_only_columns(Pathway.id)
    finished = [str(s) for s in TERMINAL_STATES] + [str(ReferralState.RELAY_ACCEPTED)]
    return list(
        session.scalars(
            select(Referral)
            .where(Referral.pathway_id.in_(visible), Referral.state.not_in(finished))
            .order_by(Referral.state_changed_at)
            .limit(200)
        )
    )


@dataclass(frozen=True)
class FollowUp:
    """Where a need stands with its referrals, as the pathway page says it."""

    kind: str  # relayed, in_progress, reopened
    text: str


def follow_ups(
    session: Session, pathway: Pathway
) -> tuple[dict[int, FollowUp], dict[tuple[int, int], str]]:
    """Return, per need, its follow-up line; and the (need, service) pairs already referred."""
    from referral.labels import label
    from referral.referrals.machine import TERMINAL_STATES

    latest: dict[int, FollowUp] = {}
    referred: dict[tuple[int, int], str] = {}
    for referral in sorted(referrals_of(session, pathway), key=lambda r: r.id):
        service = f"{referral.service.name} ({referral.service.organisation.name})"
        state = label("referral_state", referral.state)
        if referral.state == ReferralState.RELAY_ACCEPTED:
            latest[referral.need_id] = FollowUp("relayed", f"relayé — {service}")
        elif referral.state not in TERMINAL_STATES:
            latest[referral.need_id] = FollowUp("in_progress", f"{state} — {service}")
        elif referral.state != ReferralState.CLOSED:
            reason = (
                f", {label('decline_reason', referral.decline_reason)}"
                if referral.decline_reason
                else ""
            )
            latest[referral.need_id] = FollowUp(
                "reopened", f"rouvert : {state}{reason} — {service}"
            )
        if referral.state not in TERMINAL_STATES or referral.state == ReferralState.CLOSED:
            referred[(referral.need_id, referral.service_id)] = state
    return latest, referred
