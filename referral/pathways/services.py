"""Pathway services: create, needs, consents, lifecycle, contacts, transfer, danger reports.

Each function flushes; the request or the CLI command commits. Every change of a child's
record and every read of it (`record_read`) writes an audit event with ids only (DESIGN §7).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session

from catalogue.models import Commune, NeedTerm
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.consents.services import record_consent  # noqa: F401  (re-exported)
from referral.exits import rules as exit_rules
from referral.pathways.audit import audit_case, record_read  # noqa: F401  (re-exported)
from referral.pathways.models import (
    Child,
    ContactEntry,
    DangerReport,
    Delegation,
    Family,
    Need,
    NeedStatus,
    Pathway,
    PathwayEvent,
    PathwayState,
)
from referral.programmes.models import Programme

S = PathwayState

#: The pathway lifecycle of DESIGN §6: the moves allowed from each state. Any open pathway
#: may also end early (`exited`: the family moved, refused, the child is oriented elsewhere).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.IDENTIFIED: (S.FAMILY_INFORMED, S.EXITED),
    S.FAMILY_INFORMED: (S.FAMILY_AGREED, S.EXITED),
    S.FAMILY_AGREED: (S.DIAGNOSED, S.EXITED),
    S.DIAGNOSED: (S.CONTRACTED, S.EXITED),
    S.CONTRACTED: (S.ACTIVE, S.EXITED),
    S.ACTIVE: (S.EXIT_REVIEW, S.EXITED),
    S.EXIT_REVIEW: (S.EXIT_PREPARED, S.ACTIVE, S.EXITED),
    S.EXIT_PREPARED: (S.EXITED, S.EXIT_REVIEW),
    S.EXITED: (),
}

CONTACT_KINDS = ("visit", "call", "meeting", "message")
NEED_CONCERNS = ("child", "family", "sibling")
NEED_ORIGINS = ("family", "school", "eps_member", "referent", "partner", "other")
EXIT_REVIEW_MONTHS_BEFORE_END = 3


class PathwayError(Exception):
    """A change to a pathway that cannot be made; the message is for people (French)."""


class TransitionRefused(PathwayError):
    """A refused move: the field at fault, the messages, the state and the moves open from it."""

    status = 422
    field = "to"

    def __init__(
        self, message: str, state: str, allowed: list[str], details: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.state = state
        self.allowed = allowed
        self.messages = [message, *details]


class StaleTransition(TransitionRefused):
    """The pathway is no longer in the state the caller saw (HTTP 409)."""

    status = 409
    field = "from"

    def __init__(self, current: str) -> None:
        message = f"Le parcours est déjà à l'étape « {current} »."
        super().__init__(message, current, list(TRANSITIONS.get(current, ())))
        self.current = current


class ForbiddenTransition(TransitionRefused):
    """The move is not part of the lifecycle (HTTP 422), with the allowed ones."""

    def __init__(self, current: str, target: str) -> None:
        message = f"Passage de « {current} » à « {target} » impossible."
        super().__init__(message, current, list(TRANSITIONS.get(current, ())))


class ExitBlocked(TransitionRefused):
    """`exit_prepared` asked while needs are neither covered, relayed nor justified (HTTP 422)."""

    def __init__(self, needs: list[Need], state: str) -> None:
        self.needs = needs
        details = tuple(f"{n.term.label} : ni couvert, ni relayé, ni justifié." for n in needs)
        super().__init__(
            "Sortie impossible : chaque besoin ouvert doit être couvert, relayé ou justifié.",
            state,
            [],
            details,
        )


def create_pathway(
    session: Session,
    programme: Programme,
    *,
    child: dict[str, Any],
    family: dict[str, Any],
    actor_id: int | None,
    referent_id: int | None = None,
    contract_start: dt.date | None = None,
    contract_end: dt.date | None = None,
) -> Pathway:
    """Create a family, its child and the child's pathway at `identified`.

    Raises `ValidationError` when the family's commune is not in the gazetteer.
    """
    code = family.get("commune_insee")
    if code and session.get(Commune, code) is None:
        raise ValidationError({"family": {"commune": [f"Commune inconnue : {code}."]}})
    household = Family(programme_id=programme.id, **family)
    person = Child(family=household, **child)
    pathway = Pathway(
        programme=programme,
        child=person,
        referent_id=referent_id,
        state=S.IDENTIFIED,
        contract_start=contract_start,
        contract_end=contract_end,
    )
    session.add_all([household, person, pathway])
    session.flush()
    session.add(PathwayEvent(pathway_id=pathway.id, actor_id=actor_id, to_state=S.IDENTIFIED))
    audit_case(session, actor_id, "create_pathway", pathway)
    return pathway


def add_need(
    session: Session,
    pathway: Pathway,
    *,
    need_code: str,
    actor_id: int | None,
    concerns: str = "child",
    origin: str = "referent",
    priority: int = 2,
    justification: str = "",
) -> Need:
    """Add a taxonomy need to a pathway (unknown codes raise `PathwayError`)."""
    if session.get(NeedTerm, need_code) is None:
        raise PathwayError(f"Besoin inconnu : {need_code}")
    need = Need(
        pathway=pathway,
        need_code=need_code,
        concerns=concerns,
        origin=origin,
        priority=priority,
        justification=justification,
        created_by_id=actor_id,
    )
    session.add(need)
    session.flush()
    audit_case(session, actor_id, "add_need", pathway, need=str(need.uid))
    return need


def set_need_status(
    session: Session,
    need: Need,
    status: str,
    *,
    actor_id: int | None,
    justification: str | None = None,
) -> Need:
    """Mark where a need stands; an optional written justification (exit rule)."""
    need.status = NeedStatus(status)
    if justification is not None:
        need.justification = justification
    session.flush()
    audit_case(
        session, actor_id, "set_need_status", need.pathway, need=str(need.uid), status=str(status)
    )
    return need


def allowed_transitions(pathway: Pathway) -> list[str]:
    """Return the states a pathway may move to now."""
    return list(TRANSITIONS.get(pathway.state, ()))


def transition(
    session: Session,
    pathway: Pathway,
    *,
    from_state: str,
    to_state: str,
    actor_id: int | None,
    note: str = "",
    on: dt.date | None = None,
    exit_reason: str | None = None,
) -> PathwayEvent:
    """Move a pathway along its lifecycle; a stale `from_state` or a forbidden move raises."""
    if pathway.state != from_state:
        raise StaleTransition(pathway.state)
    if to_state not in TRANSITIONS.get(pathway.state, ()):
        raise ForbiddenTransition(pathway.state, to_state)
    if to_state == S.EXIT_PREPARED and (blocked := exit_rules.blocking_needs(pathway)):
        raise ExitBlocked(blocked, pathway.state)
    day = on or dt.date.today()
    _apply_dates(pathway, to_state, day, exit_reason)
    pathway.state = to_state
    event = PathwayEvent(
        pathway_id=pathway.id,
        actor_id=actor_id,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )
    session.add(event)
    session.flush()
    audit_case(session, actor_id, "transition", pathway, from_state=from_state, to_state=to_state)
    return event


def _apply_dates(pathway: Pathway, to_state: str, day: dt.date, exit_reason: str | None) -> None:
    """Set the dates a move carries (agreement, contract start, exit)."""
    if to_state == S.FAMILY_AGREED:
        pathway.family_agreed_on = day
    elif to_state == S.CONTRACTED and pathway.contract_start is None:
        pathway.contract_start = day
    elif to_state == S.EXITED:
        pathway.exited_on = day
        pathway.exit_reason = exit_reason or pathway.exit_reason or "completed"


def exit_review_due_on(pathway: Pathway) -> dt.date | None:
    """Return when the instance d'orientation is due: three months before the contract end."""
    end = pathway.contract_end
    if end is None:
        return None
    month = end.month - EXIT_REVIEW_MONTHS_BEFORE_END
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for day in (end.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None  # pragma: no cover


def add_contact(
    session: Session, pathway: Pathway, *, on: dt.date, kind: str, note: str, actor_id: int | None
) -> ContactEntry:
    """Append a dated entry (visit, call, meeting, message) to the contact journal."""
    if kind not in CONTACT_KINDS:
        raise PathwayError(f"Type de contact inconnu : {kind}")
    entry = ContactEntry(pathway=pathway, on=on, kind=kind, note=note, author_id=actor_id)
    session.add(entry)
    session.flush()
    audit_case(session, actor_id, "add_contact", pathway, kind=kind)
    return entry


def transfer_pathway(
    session: Session, pathway: Pathway, *, to_referent_id: int, actor_id: int | None
) -> None:
    """Hand a pathway to another référent (a coordinator's act)."""
    previous = pathway.referent_id
    pathway.referent_id = to_referent_id
    session.flush()
    audit_case(
        session, actor_id, "transfer_pathway", pathway, from_user=previous, to_user=to_referent_id
    )


def delegate_caseload(
    session: Session, *, from_user_id: int, to_user_id: int, starts_on: dt.date, ends_on: dt.date
) -> Delegation:
    """Lend a référent's caseload to a colleague for a period (both days included)."""
    if ends_on < starts_on:
        raise PathwayError("La fin de la délégation précède son début.")
    delegation = Delegation(
        from_user_id=from_user_id, to_user_id=to_user_id, starts_on=starts_on, ends_on=ends_on
    )
    session.add(delegation)
    session.flush()
    record(
        session,
        actor_id=from_user_id,
        action="delegate_caseload",
        category=AuditCategory.CASE,
        target_type="user",
        target_id=to_user_id,
        details={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
    )
    return delegation


DANGER_RECIPIENTS = ("crip", "119", "procureur")  # French names: `label("recipient", code)`


def record_danger_report(
    session: Session,
    pathway: Pathway,
    *,
    transmitted_on: dt.date,
    recipient: str,
    actor_id: int | None,
) -> DangerReport:
    """Record only that an information préoccupante was transmitted: to whom, when, by whom."""
    if recipient not in DANGER_RECIPIENTS:
        raise PathwayError(f"Destinataire inconnu : {recipient}")
    report = DangerReport(
        pathway_id=pathway.id,
        transmitted_on=transmitted_on,
        recipient=recipient,
        recorded_by_id=actor_id,
    )
    session.add(report)
    session.flush()
    audit_case(session, actor_id, "record_danger_report", pathway, recipient=recipient)
    return report


def programmes_of(session: Session, user: Any) -> list[Programme]:
    """Return the programme a staff member works for, as a list (empty for admins, partners)."""
    programme_id = getattr(user, "programme_id", None)
    found = session.get(Programme, programme_id) if programme_id is not None else None
    return [found] if found is not None else []
