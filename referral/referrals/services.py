"""Referral state changes: create, transition, re-orient. They flush, never commit.

Every transition goes through `transition`, which reads the one table of `machine.py`; the
update is conditional (`WHERE state = :from AND version = :seen`) so that of two people acting
at the same moment exactly one wins and the other gets a `ConflictError`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from catalogue.db import utcnow
from catalogue.models import Service
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.consents.models import Consent
from referral.labels import label
from referral.pathways.models import Need, NeedStatus
from referral.referrals import machine, notify
from referral.referrals.actors import (  # noqa: F401  (re-exported: callers import them here)
    Actor,
    actor_for,
    team_actor,
)
from referral.referrals.errors import ConflictError, ForbiddenTransition, TrackingError
from referral.referrals.machine import ActorKind, DeclineReason, Guard
from referral.referrals.models import Referral, ReferralContext, ReferralEvent, ReferralState
from referral.referrals.payload import build_payload, covering_consent


def create_referral(
    session: Session,
    *,
    need: Need,
    service: Service,
    actor: Actor,
    context: str = ReferralContext.CONSTRUCTION,
    family_message: str = "",
    previous: Referral | None = None,
) -> Referral:
    """Create a draft referral of one need to one service (e.g. from a matching proposal)."""
    if not actor.kinds & machine.TEAM:
        raise TrackingError("Seuls le référent et le coordonnateur créent une orientation.")
    if not service.is_active_on(dt.date.today()):
        raise TrackingError("Ce service n'est pas actif.", {"service_id": ["Service inactif."]})
    if previous is not None and not machine.is_terminal(previous.state):
        raise TrackingError("On ne réoriente qu'une orientation terminée.")
    if _open_duplicate(session, need, service) is not None:
        raise TrackingError(
            "Une orientation est déjà en cours vers ce service pour ce besoin.",
            {"service_id": ["Orientation déjà en cours."]},
        )
    referral = Referral(
        pathway_id=need.pathway_id,
        need_id=need.id,
        service_id=service.id,
        context=str(ReferralContext(context)),
        family_message=family_message.strip(),
        created_by_id=actor.user_id,
        previous_id=previous.id if previous is not None else None,
    )
    session.add(referral)
    session.flush()
    _add_event(session, referral, actor, None, ReferralState.DRAFT, note="", reason=None, dates={})
    return referral


def reorient(session: Session, referral: Referral, service: Service, actor: Actor) -> Referral:
    """Re-orient a finished referral: a new draft linked to the old one (which stays closed)."""
    if not machine.is_terminal(referral.state):
        raise TrackingError("On ne réoriente qu'une orientation terminée.")
    return create_referral(
        session,
        need=referral.need,
        service=service,
        actor=actor,
        context=referral.context,
        family_message=referral.family_message,
        previous=referral,
    )


#: Endings that give the need back to the référent (the reason shows on the pathway).
REOPENING = frozenset(
    {
        ReferralState.DECLINED_BY_PARTNER,
        ReferralState.EXPIRED,
        ReferralState.CANCELLED,
        ReferralState.NO_FOLLOW_UP,
    }
)


def _open_duplicate(session: Session, need: Need, service: Service | None) -> Referral | None:
    """Return a referral under way for this need (to this service, or to any when None)."""
    finished = [str(s) for s in machine.TERMINAL_STATES]
    query = select(Referral).where(Referral.need_id == need.id, Referral.state.not_in(finished))
    if service is not None:
        query = query.where(Referral.service_id == service.id)
    return session.scalars(query.limit(1)).first()


def allowed_targets(referral: Referral, actor: Actor) -> list[str]:
    """Return the states this actor may move the referral to now."""
    return [str(t.target) for t in machine.allowed_from(referral.state, actor.kinds)]


def transition(
    session: Session,
    referral: Referral,
    *,
    from_state: str,
    to_state: str,
    actor: Actor,
    reason: str | None = None,
    note: str = "",
    dates: dict[str, Any] | None = None,
    today: dt.date | None = None,
    tell_people: bool = True,
) -> ReferralEvent:
    """Move a referral along the table; stale `from_state` → conflict, forbidden → error.

    `tell_people=False` (the demo loader) records everything but sends no e-mail or notice.
    """
    if referral.state != from_state:
        raise ConflictError(referral.state)
    rule = machine.find(from_state, to_state)
    if rule is None or not rule.actors & actor.kinds:
        raise ForbiddenTransition(from_state, to_state, allowed_targets(referral, actor))
    day = today or dt.date.today()
    changes, event_dates = _guarded_changes(session, referral, rule, reason, note, dates or {}, day)
    _apply(session, referral, from_state, {"state": str(rule.target), **changes})
    on_behalf = rule.actors & actor.kinds == {ActorKind.ON_BEHALF}  # only as the partner's scribe
    event = _add_event(
        session,
        referral,
        actor,
        from_state,
        rule.target,
        note=note,
        reason=reason,
        dates=event_dates,
        on_behalf=on_behalf,
    )
    _after(session, referral, rule, event, actor, tell_people)
    return event


def _guarded_changes(
    session: Session,
    referral: Referral,
    rule: machine.Transition,
    reason: str | None,
    note: str,
    dates: dict[str, Any],
    day: dt.date,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Check the rule's guards; return the columns to set and the dates the event carries."""
    changes: dict[str, Any] = {}
    event_dates: dict[str, str] = {}
    if Guard.REASON in rule.guards:
        changes["decline_reason"] = _decline_reason(reason, note)
    for guard, key in (
        (Guard.EXPECTED_DATE, "expected_on"),
        (Guard.APPOINTMENT_DATE, "appointment_on"),
    ):
        if guard in rule.guards:
            changes[key] = _required_date(dates, key)
            event_dates[key] = changes[key].isoformat()
    if Guard.CONSENT in rule.guards:
        if note.strip():  # the message written for the partner, approved by the family
            referral.family_message = note.strip()
        payload = build_payload(referral, day)
        consent = covering_consent(session, referral, payload, day)
        changes.update(payload=payload, consent_id=consent.id, sent_at=utcnow(), reminders_sent=0)
    return changes, event_dates


def _decline_reason(reason: str | None, note: str) -> str:
    codes = [str(code) for code in DeclineReason]
    if reason not in codes:
        raise TrackingError(
            "Indiquez le motif du refus.",
            {"reason": [f"Motif attendu parmi : {', '.join(codes)}."]},
        )
    if reason == DeclineReason.OTHER and not note.strip():
        raise TrackingError(
            "Précisez le motif « autre » dans le message.",
            {"note": ["Message obligatoire pour le motif « autre »."]},
        )
    return reason


def _required_date(dates: dict[str, Any], key: str) -> dt.date:
    value = dates.get(key)
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        word = "la date prévue" if key == "expected_on" else "la date du rendez-vous"
        raise TrackingError(f"Indiquez {word}.", {key: ["Date attendue (AAAA-MM-JJ)."]}) from None


def _apply(session: Session, referral: Referral, from_state: str, values: dict[str, Any]) -> None:
    """Write the change only if nobody changed the referral since it was read."""
    session.flush()
    statement = (
        update(Referral)
        .where(
            Referral.id == referral.id,
            Referral.state == from_state,
            Referral.version == referral.version,
        )
        .values(**values, state_changed_at=utcnow(), version=Referral.version + 1)
        .execution_options(synchronize_session=False)
    )
    try:
        won = session.execute(statement).rowcount == 1  # type: ignore[attr-defined]
    except OperationalError as error:  # SQLite: another writer committed first (busy snapshot)
        raise ConflictError(from_state) from error
    if not won:
        session.expire(referral)
        raise ConflictError(referral.state)
    session.refresh(referral)


def _add_event(
    session: Session,
    referral: Referral,
    actor: Actor,
    from_state: str | None,
    to_state: str,
    *,
    note: str,
    reason: str | None,
    dates: dict[str, str],
    on_behalf: bool = False,
) -> ReferralEvent:
    event = ReferralEvent(
        referral_id=referral.id,
        actor_id=actor.user_id,
        channel=actor.channel,
        on_behalf_of_partner=on_behalf,
        from_state=from_state,
        to_state=str(to_state),
        reason=reason,
        note=note.strip(),
        dates=dates,
    )
    session.add(event)
    session.flush()
    record(
        session,
        actor_id=actor.user_id,
        action="referral_transition",
        category=AuditCategory.CASE,
        target_type="referral",
        target_id=referral.uid,
        details={"from": from_state, "to": str(to_state), "channel": actor.channel},
    )
    return event


def _after(
    session: Session,
    referral: Referral,
    rule: machine.Transition,
    event: ReferralEvent,
    actor: Actor,
    tell_people: bool,
) -> None:
    """Move the need along and tell the people concerned."""
    need = referral.need
    if rule.target == ReferralState.SENT and need.status == NeedStatus.IDENTIFIED:
        need.status = NeedStatus.IN_PROGRESS
    elif (
        rule.target in REOPENING
        and need.status == NeedStatus.IN_PROGRESS
        and _open_duplicate(session, need, None) is None  # nothing else under way for it
    ):
        need.status = NeedStatus.IDENTIFIED
    session.flush()
    if not tell_people:
        return
    if rule.target == ReferralState.SENT:
        notify.referral_sent(referral)
    elif rule.by_partner or rule.target == ReferralState.EXPIRED:
        notify.partner_acted(session, referral, event, actor.user_id)


def waiting_on(referral: Referral) -> str:
    """Say, in French, on whom the referral waits now (empty when it is finished)."""
    return label("waiting_on", referral.state) if referral.state in _WAITING else ""


_WAITING = {
    "draft",
    "proposed",
    "family_agreed",
    "sent",
    "acknowledged",
    "waitlisted",
    "appointment_set",
}


def cancel_unsent_after_withdrawal(
    session: Session, consent: Consent, actor_id: int | None
) -> None:
    """A consent was withdrawn: cancel the agreed referrals that no other consent covers."""
    pending = session.scalars(
        select(Referral).where(
            Referral.pathway_id == consent.pathway_id,
            Referral.state == ReferralState.FAMILY_AGREED,
        )
    )
    day = dt.date.today()
    for referral in list(pending):
        try:
            covering_consent(session, referral, build_payload(referral, day), day)
        except TrackingError:
            actor = Actor(None, frozenset({ActorKind.REFERENT}), "web")
            transition(
                session,
                referral,
                from_state=referral.state,
                to_state=ReferralState.CANCELLED,
                actor=actor,
                note="Accord de la famille retiré.",
            )


def record_read(session: Session, referral: Referral, actor_id: int | None, channel: str) -> None:
    """Write that someone read a referral and its payload (ids only, DESIGN §7)."""
    record(
        session,
        actor_id=actor_id,
        action="read_referral",
        category=AuditCategory.CASE,
        target_type="referral",
        target_id=referral.uid,
        details={"channel": channel},
    )
