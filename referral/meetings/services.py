"""EPS meetings: create one, record a decision per child, accept the programme's charter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.accounts.models import User
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.meetings.models import CharterAcceptance, Meeting, MeetingDecision
from referral.pathways.models import Pathway
from referral.programmes.models import Programme


def create_meeting(
    session: Session,
    programme: Programme,
    *,
    held_on: dt.date,
    title: str,
    members: list[User],
    agenda: list[Pathway],
    actor_id: int | None,
) -> Meeting:
    """Create an EPS meeting with its members and its agenda of pathways."""
    meeting = Meeting(
        programme=programme,
        held_on=held_on,
        title=title or "Réunion d'EPS",
        members=members,
        agenda=[p for p in agenda if p.programme_id == programme.id],
        created_by_id=actor_id,
    )
    session.add(meeting)
    session.flush()
    record(
        session,
        actor_id=actor_id,
        action="create_meeting",
        category=AuditCategory.CASE,
        target_type="meeting",
        target_id=meeting.uid,
        details={"pathways": [str(p.uid) for p in meeting.agenda]},
    )
    return meeting


def record_decision(
    session: Session,
    meeting: Meeting,
    pathway: Pathway,
    *,
    orientations: list[dict[str, Any]],
    notes: str,
    next_review_on: dt.date | None,
    actor_id: int | None,
) -> MeetingDecision:
    """Record (or replace) what the EPS decided for one child of the agenda."""
    if pathway not in meeting.agenda:
        raise ValueError("Cet enfant n'est pas à l'ordre du jour de la réunion.")
    decision = session.scalar(
        select(MeetingDecision).where(
            MeetingDecision.meeting_id == meeting.id, MeetingDecision.pathway_id == pathway.id
        )
    )
    if decision is None:
        decision = MeetingDecision(meeting=meeting, pathway_id=pathway.id)
        session.add(decision)
    decision.orientations = orientations
    decision.notes = notes
    decision.next_review_on = next_review_on
    decision.recorded_by_id = actor_id
    session.flush()
    record(
        session,
        actor_id=actor_id,
        action="record_decision",
        category=AuditCategory.CASE,
        target_type="pathway",
        target_id=pathway.uid,
        details={"meeting": str(meeting.uid)},
    )
    return decision


def accept_charter(session: Session, user: User, programme: Programme) -> CharterAcceptance:
    """Record that a user accepted the programme's confidentiality charter (and its text)."""
    acceptance = CharterAcceptance(
        user_id=user.id, programme_id=programme.id, charter_text=programme.charter_text
    )
    session.add(acceptance)
    session.flush()
    record(
        session,
        actor_id=user.id,
        action="accept_charter",
        category=AuditCategory.SECURITY,
        target_type="programme",
        target_id=programme.uid,
    )
    return acceptance


def meetings_for(session: Session, user: User) -> list[Meeting]:
    """Return the meetings a user sees: the programme's for a coordinator, theirs for a member."""
    from referral.meetings.models import meeting_members

    query = select(Meeting).join(Programme, Programme.id == Meeting.programme_id)
    clauses = []
    if user.has_role("coordinator"):
        clauses.append(Programme.id == user.programme_id)
    if user.has_role("eps_member"):
        mine = select(meeting_members.c.meeting_id).where(meeting_members.c.user_id == user.id)
        clauses.append(Meeting.id.in_(mine) & (Programme.id == user.programme_id))
    if not clauses:
        return []
    from sqlalchemy import or_

    return list(session.scalars(query.where(or_(*clauses)).order_by(Meeting.held_on.desc())))
