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
CHUNK = 900  # ids per IN (…): within the variable limit of every SQLite
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
    """Return the history of each service that received referrals from the programme.

    Only the referrals to these services are read, and only their events: a pathway page costs
    the same after years of referrals.
    """
    found: dict[int, ServiceHistory] = {}
    ordered = sorted(service_ids)
    for start in range(0, len(ordered), CHUNK):
        sent = session.execute(
            select(Referral.id, Referral.service_id, Referral.state, Referral.sent_at)
            .join(Pathway, Pathway.id == Referral.pathway_id)
            .where(
                Pathway.programme_id == programme_id,
                Referral.sent_at.is_not(None),
                Referral.service_id.in_(ordered[start : start + CHUNK]),
            )
        ).all()
        answered = _first_answers(session, [row.id for row in sent])
        for referral_id, service_id, state, sent_at in sent:
            history = found.setdefault(service_id, ServiceHistory(answer_days=[]))
            history.accepted += state in ACCEPTED
            history.refused += state in REFUSED
            days = _days(sent_at, answered.get(referral_id))
            if days is not None and history.answer_days is not None:
                history.answer_days.append(days)
    return found


def _first_answers(session: Session, referral_ids: list[int]) -> dict[int, dt.datetime]:
    """Return when each referral was first answered by its partner."""
    answered: dict[int, dt.datetime] = {}
    for start in range(0, len(referral_ids), CHUNK):
        rows = session.execute(
            select(ReferralEvent.referral_id, func.min(ReferralEvent.at))
            .where(
                ReferralEvent.referral_id.in_(referral_ids[start : start + CHUNK]),
                ReferralEvent.to_state.in_([str(s) for s in ANSWERS]),
            )
            .group_by(ReferralEvent.referral_id)
        )
        answered.update({referral_id: at for referral_id, at in rows})
    return answered
