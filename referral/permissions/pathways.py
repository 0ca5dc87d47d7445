"""The pathway space: who may see or change a child's pathway, and the EPS meetings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from referral.permissions.roles import is_signed_in, programme_id_of, roles_of, works_for


def _pathway_access_clause(user: Any, day: dt.date, roles: set[str] | None = None) -> Any:
    """Build the SQL condition on `Pathway` matching what a user may see on a day (given roles)."""
    from sqlalchemy import and_, exists, false, or_, select

    from referral.meetings.models import CharterAcceptance, Meeting, meeting_agenda, meeting_members
    from referral.pathways.models import Delegation, Pathway

    roles = roles_of(user) if roles is None else roles
    clauses: list[Any] = []
    if "referent" in roles:
        delegated = select(Delegation.from_user_id).where(
            Delegation.to_user_id == user.id,
            Delegation.starts_on <= day,
            Delegation.ends_on >= day,
        )
        clauses.append(Pathway.referent_id == user.id)
        clauses.append(Pathway.referent_id.in_(delegated))
    if "coordinator" in roles and programme_id_of(user) is not None:
        clauses.append(Pathway.programme_id == programme_id_of(user))
    if "eps_member" in roles:
        on_agenda = (
            select(meeting_agenda.c.pathway_id)
            .join(Meeting, Meeting.id == meeting_agenda.c.meeting_id)
            .join(meeting_members, meeting_members.c.meeting_id == Meeting.id)
            .where(meeting_members.c.user_id == user.id, Meeting.held_on == day)
        )
        charter = exists().where(
            CharterAcceptance.user_id == user.id,
            CharterAcceptance.programme_id == Pathway.programme_id,
        )
        own = Pathway.programme_id == programme_id_of(user)
        clauses.append(and_(own, Pathway.id.in_(on_agenda), charter))
    return or_(*clauses) if clauses else false()


def visible_pathways_query(user: Any, day: dt.date) -> Any:
    """Return a `select(Pathway)` of the pathways a user may see on a day (DESIGN §7)."""
    from sqlalchemy import select

    from referral.pathways.models import Pathway

    return select(Pathway).where(_pathway_access_clause(user, day))


def _matches(user: Any, pathway: Any, clause: Any) -> bool:
    """Evaluate an access clause for one pathway in the pathway's own session."""
    from sqlalchemy import select
    from sqlalchemy.orm import object_session

    from referral.pathways.models import Pathway

    session = object_session(pathway)
    if session is None or pathway.id is None:
        return False
    found = session.scalar(select(Pathway.id).where(Pathway.id == pathway.id, clause))
    return found is not None


def can_view_pathway(user: Any, pathway: Any, day: dt.date) -> bool:
    """Référent: own caseload and delegations; coordinator: the programme's; EPS: the meeting's."""
    if not roles_of(user):
        return False
    return _matches(user, pathway, _pathway_access_clause(user, day))


def can_edit_pathway(user: Any, pathway: Any, day: dt.date) -> bool:
    """The référent (or its delegate) and the programme's coordinators edit; EPS only reads."""
    roles = roles_of(user) & {"referent", "coordinator"}
    return bool(roles) and _matches(user, pathway, _pathway_access_clause(user, day, roles))


def can_transfer_pathway(user: Any, pathway: Any) -> bool:
    """Only a coordinator of the programme hands a pathway to another référent."""
    return "coordinator" in roles_of(user) and works_for(user, pathway.programme_id)


def is_programme_coordinator(user: Any, programme: Any) -> bool:
    """Tell whether a user coordinates a programme (meetings, transfers, caseload of all)."""
    return "coordinator" in roles_of(user) and works_for(user, programme.id)


def can_read_charter(user: Any, programme: Any) -> bool:
    """A programme's staff read and accept its charter; another programme's is none of theirs."""
    return works_for(user, programme.id)


def has_accepted_charter(user: Any, programme: Any) -> bool:
    """Tell whether a user accepted the programme's confidentiality charter."""
    from sqlalchemy import select
    from sqlalchemy.orm import object_session

    from referral.meetings.models import CharterAcceptance

    session = object_session(programme)
    if session is None or not is_signed_in(user):
        return False
    found = session.scalar(
        select(CharterAcceptance.id).where(
            CharterAcceptance.user_id == user.id, CharterAcceptance.programme_id == programme.id
        )
    )
    return found is not None


def pathway_refusal_status(user: Any, pathway: Any) -> int:
    """Say how to refuse a pathway: 403 to an EPS member who knows it from an agenda, else 404."""
    from sqlalchemy import select
    from sqlalchemy.orm import object_session

    from referral.meetings.models import meeting_agenda, meeting_members

    session = object_session(pathway)
    if "eps_member" not in roles_of(user) or session is None:
        return 404
    known = session.scalar(
        select(meeting_agenda.c.pathway_id)
        .join(meeting_members, meeting_members.c.meeting_id == meeting_agenda.c.meeting_id)
        .where(meeting_agenda.c.pathway_id == pathway.id, meeting_members.c.user_id == user.id)
        .limit(1)
    )
    return 403 if known is not None else 404


def can_view_meeting(user: Any, meeting: Any) -> bool:
    """Coordinators of the programme, and the meeting's members, see a meeting."""
    if is_programme_coordinator(user, meeting.programme):
        return True
    return (
        "eps_member" in roles_of(user)
        and works_for(user, meeting.programme_id)
        and any(member.id == user.id for member in meeting.members)
    )


def can_use_pathways(user: Any) -> bool:
    """Référents, coordinators and EPS members reach the pathway space (then object checks)."""
    return bool(roles_of(user) & {"referent", "coordinator", "eps_member"})


def can_create_pathway(user: Any) -> bool:
    """Référents and coordinators open pathways."""
    return bool(roles_of(user) & {"referent", "coordinator"})


def can_manage_meetings(user: Any) -> bool:
    """Coordinators create EPS meetings and record their decisions."""
    return "coordinator" in roles_of(user)
