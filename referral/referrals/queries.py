"""Read-only queries on referrals (lists for pages and API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from catalogue.db import utcnow
from catalogue.models import Service
from referral.accounts.models import User
from referral.pathways.models import Pathway
from referral.referrals.machine import OPEN_AT_PARTNER
from referral.referrals.models import Notification, Referral, ReferralState

INBOX_STATES = {
    "new": (ReferralState.SENT,),
    "waiting": (ReferralState.ACKNOWLEDGED,),
    "waitlisted": (ReferralState.WAITLISTED,),
    "in_progress": (ReferralState.APPOINTMENT_SET,),
}
INBOX_TITLES = {
    "new": "Nouvelles",
    "waiting": "Reçues, en attente de décision",
    "waitlisted": "En liste d'attente",
    "in_progress": "Rendez-vous fixé",
}


def referrals_of(session: Session, pathway: Pathway) -> list[Referral]:
    """Return a pathway's referrals, newest first."""
    return list(
        session.scalars(
            select(Referral).where(Referral.pathway_id == pathway.id).order_by(Referral.id.desc())
        )
    )


def partner_inbox(session: Session, organisation_id: int) -> list[Referral]:
    """Return the open referrals sent to an organisation's services, oldest first."""
    return list(
        session.scalars(
            select(Referral)
            .join(Service, Service.id == Referral.service_id)
            .where(
                Service.organisation_id == organisation_id,
                Referral.state.in_([str(s) for s in OPEN_AT_PARTNER]),
            )
            .order_by(Referral.sent_at, Referral.id)
        )
    )


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
