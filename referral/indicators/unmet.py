"""Unmet needs: needs for which no eligible service exists within the family's maximum distance.

The matching engine decides (`referral.matching.engine.match_needs`): a need is unmet when it is
among the result's `uncovered`, so the indicators and the proposals never disagree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from referral.matching.engine import match_needs
from referral.matching.profile import profile_of
from referral.pathways.models import Child, Need, Pathway
from referral.programmes.models import Programme


def unmet_flags(
    session: Session, needs: list[Need], programme: Programme, day: dt.date
) -> dict[int, bool]:
    """Return, for each need (by id), whether no eligible service exists for it on a day."""
    grouped: dict[int, list[Need]] = {}
    for need in needs:
        grouped.setdefault(need.pathway_id, []).append(need)
    flags: dict[int, bool] = {}
    for group in grouped.values():
        profile = profile_of(session, group[0].pathway, day)
        result = match_needs(session, group, profile, day, programme)
        uncovered = {need.id for need in result.uncovered}
        flags.update({need.id: need.id in uncovered for need in group})
    return flags


def programme_needs(session: Session, pathway_ids: list[int]) -> list[Need]:
    """Return the needs of the given pathways with their child and family loaded."""
    if not pathway_ids:
        return []
    query = (
        select(Need)
        .where(Need.pathway_id.in_(pathway_ids), Need.status != "dropped")
        .options(selectinload(Need.pathway).selectinload(Pathway.child).selectinload(Child.family))
        .order_by(Need.id)
    )
    return list(session.scalars(query))
