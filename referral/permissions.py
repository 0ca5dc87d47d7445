"""Every permission of Relais, as named predicates (DESIGN §7). Views check these, nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from catalogue.models import Service


def is_signed_in(user: Any) -> bool:
    """Tell whether someone is signed in."""
    return bool(user is not None and getattr(user, "is_authenticated", False))


def can_view_service(user: Any, service: Service, day: dt.date) -> bool:
    """Active services are public; the others need a signed-in user; pending drafts, their own
    organisation or the coordination (a partner never sees another's drafts)."""
    if service.is_active_on(day):
        return True
    if service.status == "pending":
        return can_manage_service(user, service) or _has(user, "admin")
    return is_signed_in(user)


def can_view_referral_contact(user: Any) -> bool:
    """The professional contact that receives orientations is for signed-in users only."""
    return is_signed_in(user)


# --- Pathway space (issue 5): who may see or change a child's pathway -----------------------


def _roles(user: Any) -> set[str]:
    """Return the roles of a signed-in user (none for anonymous visitors)."""
    return set(getattr(user, "roles", None) or []) if is_signed_in(user) else set()


def _pathway_access_clause(user: Any, day: dt.date, roles: set[str] | None = None) -> Any:
    """Build the SQL condition on `Pathway` matching what a user may see on a day (given roles)."""
    from sqlalchemy import and_, exists, false, or_, select

    from referral.meetings.models import CharterAcceptance, Meeting, meeting_agenda, meeting_members
    from referral.pathways.models import Delegation, Pathway
    from referral.programmes.models import Programme

    roles = _roles(user) if roles is None else roles
    clauses: list[Any] = []
    if "referent" in roles:
        delegated = select(Delegation.from_user_id).where(
            Delegation.to_user_id == user.id,
            Delegation.starts_on <= day,
            Delegation.ends_on >= day,
        )
        clauses.append(Pathway.referent_id == user.id)
        clauses.append(Pathway.referent_id.in_(delegated))
    if "coordinator" in roles:
        programmes = select(Programme.id).where(Programme.organisation_id == user.organisation_id)
        clauses.append(Pathway.programme_id.in_(programmes))
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
        clauses.append(and_(Pathway.id.in_(on_agenda), charter))
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
    if not _roles(user):
        return False
    return _matches(user, pathway, _pathway_access_clause(user, day))


def can_edit_pathway(user: Any, pathway: Any, day: dt.date) -> bool:
    """The référent (or its delegate) and the programme's coordinators edit; EPS only reads."""
    roles = _roles(user) & {"referent", "coordinator"}
    return bool(roles) and _matches(user, pathway, _pathway_access_clause(user, day, roles))


def can_transfer_pathway(user: Any, pathway: Any) -> bool:
    """Only a coordinator of the programme hands a pathway to another référent."""
    return (
        "coordinator" in _roles(user) and user.organisation_id == pathway.programme.organisation_id
    )


def is_programme_coordinator(user: Any, programme: Any) -> bool:
    """Tell whether a user coordinates a programme (meetings, transfers, caseload of all)."""
    return "coordinator" in _roles(user) and user.organisation_id == programme.organisation_id


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
    if "eps_member" not in _roles(user) or session is None:
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
    return "eps_member" in _roles(user) and any(member.id == user.id for member in meeting.members)


# --- Accounts, partner self-service, moderation, audit log (issue 4) ---


def _has(user: Any, *roles: str) -> bool:
    return is_signed_in(user) and any(
        role in (getattr(user, "roles", None) or []) for role in roles
    )


def is_partner(user: Any) -> bool:
    """Partners and partner admins keep their organisation's entries."""
    return _has(user, "partner", "partner_admin")


def can_use_partner_space(user: Any) -> bool:
    """The partner space is for partners, and for coordinators who edit any entry."""
    return _has(user, "partner", "partner_admin", "coordinator")


def can_manage_service(user: Any, service: Service) -> bool:
    """A partner edits its own organisation's services; a coordinator edits any service."""
    if _has(user, "coordinator"):
        return True
    return is_partner(user) and service.organisation_id == user.organisation_id


def can_manage_place(user: Any, place: Any) -> bool:
    """A partner edits its own organisation's places; a coordinator edits any place."""
    if _has(user, "coordinator"):
        return True
    return is_partner(user) and place.organisation_id == user.organisation_id


def can_view_service_history(user: Any, service: Service) -> bool:
    """The change history: the service's own partners, coordinators, and admins (technical)."""
    return _has(user, "admin") or can_manage_service(user, service)


def can_moderate(user: Any) -> bool:
    """Coordinators publish pending entries, follow stale entries and error reports."""
    return _has(user, "coordinator")


def can_edit_search_vocabulary(user: Any) -> bool:
    """Coordinators keep their programme's own search vocabulary."""
    return _has(user, "coordinator")


def can_report_error(user: Any) -> bool:
    """Any signed-in user may report an error on a catalogue entry."""
    return is_signed_in(user)


def can_close_report(user: Any, report: Any) -> bool:
    """The organisation concerned and the coordinators close an error report."""
    return can_manage_service(user, report.service)


def can_read_audit_log(user: Any) -> bool:
    """Coordinators and the DPO read the audit log; admins read its technical events."""
    return _has(user, "coordinator", "dpo", "admin")


def audit_categories_for(user: Any) -> list[str]:
    """Return the audit categories a user may read (admins never see case events)."""
    if _has(user, "coordinator", "dpo"):
        return ["security", "catalogue", "case", "technical"]
    if _has(user, "admin"):
        return ["security", "catalogue", "technical"]
    return []


CASE_ROLES = frozenset({"coordinator", "referent", "eps_member", "dpo"})


def can_manage_accounts(user: Any) -> bool:
    """Admins manage every account; partner admins and coordinators, their colleagues'."""
    return _has(user, "admin", "partner_admin", "coordinator")


def can_manage_programmes(user: Any) -> bool:
    """Admins set programmes up (organisation, territory, settings) and invite coordinators."""
    return _has(user, "admin")


def can_manage_account(user: Any, other: Any) -> bool:
    """An admin manages anyone; a partner admin or a coordinator, the colleagues it may invite."""
    if _has(user, "admin"):
        return True
    return (
        other.organisation_id == user.organisation_id
        and bool(other.roles)
        and set(other.roles) <= set(roles_assignable_by(user))
    )


def can_invite(
    user: Any, organisation_id: int, roles: Any, *, programme_ids: Any, has_coordinator: bool
) -> bool:
    """Tell whether a user may give roles to a new account of an organisation.

    A case role (coordinator, référent, EPS member, DPO) in an organisation that runs a
    programme needs a coordinator of that programme: an admin never reaches case content. The
    one exception is the first coordinator of a programme that has none, whom an admin invites.
    """
    wanted = set(roles)
    if not wanted or not wanted <= set(roles_assignable_by(user)):
        return False
    if not _has(user, "admin"):
        return organisation_id == user.organisation_id
    if not (wanted & CASE_ROLES and programme_ids):
        return True
    return wanted == {"coordinator"} and not has_coordinator


def roles_assignable_by(user: Any) -> list[str]:
    """Return the roles a user may give when inviting someone."""
    if _has(user, "admin"):
        return [
            "admin",
            "coordinator",
            "referent",
            "eps_member",
            "partner",
            "partner_admin",
            "funder",
            "dpo",
        ]
    if _has(user, "coordinator"):
        return sorted(CASE_ROLES)
    if _has(user, "partner_admin"):
        return ["partner", "partner_admin"]
    return []


# --- Referrals and exits (issue 6) -----------------------------------------------------------


def can_follow_referral(user: Any, referral: Any, day: dt.date) -> bool:
    """The pathway's référent (or delegate) and the programme's coordinators follow a referral."""
    return can_edit_pathway(user, referral.pathway, day)


def can_answer_referral(user: Any, referral: Any) -> bool:
    """A partner answers the referrals sent to its own organisation, and only those."""
    return (
        is_partner(user)
        and referral.sent_at is not None
        and referral.service.organisation_id == user.organisation_id
    )


def can_review_exits(user: Any) -> bool:
    """Coordinators prepare the exits (instance d'orientation)."""
    return _has(user, "coordinator")


def can_follow_referrals(user: Any) -> bool:
    """Référents and coordinators orient children and follow their referrals."""
    return _has(user, "referent", "coordinator")


def can_read_service_histories(user: Any) -> bool:
    """Who may open change histories at all (each service is then checked on its own)."""
    return _has(user, "admin", "coordinator", "partner", "partner_admin")


def can_manage_imports(user: Any) -> bool:
    """Coordinators import files into the catalogue and resolve possible duplicates."""
    return is_signed_in(user) and bool(user.has_role("coordinator"))


# --- Indicators and data protection (issue 8) ---


def can_open_indicators(user: Any) -> bool:
    """Coordinators and funders reach the indicators (each programme is checked apart)."""
    return _has(user, "coordinator", "funder")


def can_view_indicators(user: Any, programme: Any) -> bool:
    """A programme's coordinators see its figures; its funders, the aggregates (issue 17)."""
    funds = _has(user, "funder") and user.organisation_id == programme.organisation_id
    return is_programme_coordinator(user, programme) or funds


def sees_aggregates_only(user: Any, programme: Any) -> bool:
    """Everyone but the programme's coordinators gets suppressed figures (no cell under 5)."""
    return not is_programme_coordinator(user, programme)


def can_use_rights_tools(user: Any, pathway: Any, day: dt.date) -> bool:
    """Export, rectify, withdraw consent: the référent, the coordinators, the programme's DPO."""
    is_dpo = _has(user, "dpo") and user.organisation_id == pathway.programme.organisation_id
    return is_dpo or can_edit_pathway(user, pathway, day)


def can_review_privacy_log(user: Any) -> bool:
    """Coordinators and the DPO review the audit log by child and see bulk-export alerts."""
    return _has(user, "coordinator", "dpo")


def can_reach_rights_tools(user: Any) -> bool:
    """Référents, coordinators and the DPO reach the rights pages (each pathway checked apart)."""
    return _has(user, "referent", "coordinator", "dpo")


# --- Pathway pages and EPS meetings (issue 5) ------------------------------------------------


def can_use_pathways(user: Any) -> bool:
    """Référents, coordinators and EPS members reach the pathway space (then object checks)."""
    return bool(_roles(user) & {"referent", "coordinator", "eps_member"})


def can_create_pathway(user: Any) -> bool:
    """Référents and coordinators open pathways."""
    return bool(_roles(user) & {"referent", "coordinator"})


def can_manage_meetings(user: Any) -> bool:
    """Coordinators create EPS meetings and record their decisions."""
    return "coordinator" in _roles(user)
