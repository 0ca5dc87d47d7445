"""A service's record with one programme: share of relays accepted, typical answer delay."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from referral.pathways.models import Pathway
from referral.referrals.models import Referral, ReferralEvent, ReferralState

ACCEPTED = {ReferralState.RELAY_ACCEPTED}
REFUSED = {ReferralState.DECLINED_BY_PARTNER, ReferralState.EXPIRED}
ANSWERS = (
    ReferralState.ACKNOWLEDGED,
    ReferralState.WAITLISTED,
    ReferralState.APPOINTMENT_SET,
    ReferralState.RELAY_ACCEPTED,
    ReferralState.DECLINED_BY_PARTNER,
)


@dataclass
class ServiceHistory:
    """How a service answered this programme's referrals."""

    accepted: int = 0
    refused: int = 0
    answer_days: list[float] | None = None

    @property
    def concluded(self) -> int:
        """Referrals that ended in an acceptance or a refusal (or expiry)."""
        return self.accepted + self.refused

    @property
    def median_answer_days(self) -> float | None:
        """Median days between sending and the partner's first answer."""
        return statistics.median(self.answer_days) if self.answer_days else None


def _days(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.UTC)
    if end.tzinfo is None:
        end = end.replace(tzinfo=dt.UTC)
    return max((end - start).total_seconds() / 86400, 0.0)


def histories(
    session: Session, programme_id: int, service_ids: set[int]
) -> dict[int, ServiceHistory]:
    """Return the history of each service that received referrals from the programme."""
    if not service_ids:
        return {}
    first_answer = (
        select(ReferralEvent.referral_id, func.min(ReferralEvent.at).label("answered_at"))
        .where(ReferralEvent.to_state.in_([str(s) for s in ANSWERS]))
        .group_by(ReferralEvent.referral_id)
        .subquery()
    )
    query = (
        select(Referral.service_id, Referral.state, Referral.sent_at, first_answer.c.answered_at)
        .join(Pathway, Pathway.id == Referral.pathway_id)
        .outerjoin(first_answer, first_answer.c.referral_id == Referral.id)
        .where(Pathway.programme_id == programme_id, Referral.sent_at.is_not(None))
    )
    found: dict[int, ServiceHistory] = {}
    for service_id, state, sent_at, answered_at in session.execute(query):
        if service_id not in service_ids:
            continue
        history = found.setdefault(service_id, ServiceHistory(answer_days=[]))
        history.accepted += state in ACCEPTED
        history.refused += state in REFUSED
        if (days := _days(sent_at, answered_at)) is not None and history.answer_days is not None:
            history.answer_days.append(days)
    return found
