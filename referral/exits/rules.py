"""The exit rule of DESIGN §6: what still blocks a pathway from reaching `exit_prepared`.

The referrals helper owns the referral states; it may refine `RELAYED_STATES` or
`blocking_needs` — the pathway transitions only call `blocking_needs(pathway)`.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import object_session

from referral.pathways.models import Need, Pathway
from referral.referrals.models import Referral, ReferralState

RELAYED_STATES = frozenset(
    {
        ReferralState.SENT,
        ReferralState.ACKNOWLEDGED,
        ReferralState.WAITLISTED,
        ReferralState.APPOINTMENT_SET,
        ReferralState.RELAY_ACCEPTED,
    }
)


def relayed_need_ids(pathway: Pathway) -> set[int]:
    """Return the ids of the pathway's needs with a referral at or past `sent`, not ended badly."""
    session = object_session(pathway)
    if session is None:
        return set()
    query = select(Referral.need_id).where(
        Referral.pathway_id == pathway.id, Referral.state.in_([str(s) for s in RELAYED_STATES])
    )
    return set(session.scalars(query))


def blocking_needs(pathway: Pathway) -> list[Need]:
    """Return the open needs neither covered, nor relayed, nor carrying a written justification."""
    relayed = relayed_need_ids(pathway)
    return [
        need
        for need in pathway.needs
        if need.is_open and need.id not in relayed and not need.justification.strip()
    ]
