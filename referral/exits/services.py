"""Exits (sortie de parcours): the review list, the exit rule, the exit and the post-exit check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from referral import permissions
from referral.exits import rules as exit_rules
from referral.labels import ExitReason, label
from referral.pathways import services as pathway_services
from referral.pathways.models import Need, NeedStatus, Pathway, PathwayState
from referral.referrals.models import Referral
from referral.referrals.timers import add_months

REVIEWED_STATES = (PathwayState.ACTIVE, PathwayState.EXIT_REVIEW, PathwayState.EXIT_PREPARED)


@dataclass(frozen=True)
class NeedRelay:
    """Where one need of a pathway stands for the exit: a status code and a sentence."""

    need: Need
    status: str  # covered | relayed | justified | blocking | closed
    text: str
    referral: Referral | None


@dataclass(frozen=True)
class ExitRow:
    """One pathway on the exit review page."""

    pathway: Pathway
    needs: list[NeedRelay]

    @property
    def blocking(self) -> list[NeedRelay]:
        """Return the needs that still block `exit_prepared`."""
        return [row for row in self.needs if row.status == "blocking"]


def _latest_referral(session: Session, need: Need) -> Referral | None:
    return session.scalar(
        select(Referral).where(Referral.need_id == need.id).order_by(Referral.id.desc()).limit(1)
    )


def need_relay(session: Session, need: Need) -> NeedRelay:
    """Say whether a need is covered, relayed, justified, or blocks the exit (and why)."""
    latest = _latest_referral(session, need)
    relayed = session.scalar(
        select(Referral)
        .where(
            Referral.need_id == need.id,
            Referral.state.in_([str(s) for s in exit_rules.RELAYED_STATES]),
        )
        .order_by(Referral.id.desc())
        .limit(1)
    )
    if not need.is_open:
        status = "covered" if need.status == NeedStatus.COVERED else "closed"
        return NeedRelay(need, status, "couvert" if status == "covered" else "clos", latest)
    if relayed is not None:
        text = f"relayé : {relayed.service.name} ({label('referral_state', relayed.state)})"
        return NeedRelay(need, "relayed", text, relayed)
    if need.justification.strip():
        return NeedRelay(need, "justified", f"justifié : {need.justification.strip()}", latest)
    text = "aucun relais"
    if latest is not None:
        text += f" (dernière orientation : {label('referral_state', latest.state)})"
    return NeedRelay(need, "blocking", text, latest)


def exit_review_rows(session: Session, user: Any, today: dt.date, months: int = 3) -> list[ExitRow]:
    """Return the pathways the user sees whose contract ends within `months`, with their needs."""
    horizon = add_months(today, months)
    query = (
        permissions.visible_pathways_query(user, today)
        .where(
            Pathway.state.in_([str(s) for s in REVIEWED_STATES]),
            Pathway.contract_end.is_not(None),
            Pathway.contract_end <= horizon,
        )
        .order_by(Pathway.contract_end, Pathway.id)
    )
    return [
        ExitRow(pathway, [need_relay(session, need) for need in pathway.needs])
        for pathway in session.scalars(query)
    ]


def exited_to_check(session: Session, user: Any, today: dt.date, months: int = 3) -> list[Pathway]:
    """Return the exited pathways whose post-exit check is due and not yet recorded."""
    query = (
        permissions.visible_pathways_query(user, today)
        .where(
            Pathway.state == PathwayState.EXITED,
            Pathway.exited_on <= add_months(today, -months),
            Pathway.post_exit_checked_on.is_(None),
        )
        .order_by(Pathway.exited_on)
    )
    return list(session.scalars(query))


def justify_need(session: Session, need: Need, text: str, actor_id: int | None) -> Need:
    """Write why an open need leaves without a relay (it then no longer blocks the exit)."""
    if not text.strip():
        raise pathway_services.PathwayError("Écrivez la justification.")
    return pathway_services.set_need_status(
        session, need, need.status, actor_id=actor_id, justification=text.strip()
    )


def prepare_exit(session: Session, pathway: Pathway, from_state: str, actor_id: int | None) -> None:
    """Move a pathway to `exit_prepared`; refused (`ExitBlocked`) while a need blocks."""
    if pathway.state == PathwayState.ACTIVE and from_state == PathwayState.ACTIVE:
        pathway_services.transition(
            session,
            pathway,
            from_state=PathwayState.ACTIVE,
            to_state=PathwayState.EXIT_REVIEW,
            actor_id=actor_id,
        )
        from_state = PathwayState.EXIT_REVIEW
    pathway_services.transition(
        session,
        pathway,
        from_state=from_state,
        to_state=PathwayState.EXIT_PREPARED,
        actor_id=actor_id,
    )


def exit_pathway(
    session: Session,
    pathway: Pathway,
    from_state: str,
    reason: str,
    actor_id: int | None,
    day: dt.date,
) -> None:
    """End a prepared pathway with a coded reason."""
    try:
        code = ExitReason(reason)
    except ValueError:
        raise pathway_services.PathwayError("Choisissez le motif de sortie.") from None
    pathway_services.transition(
        session,
        pathway,
        from_state=from_state,
        to_state=PathwayState.EXITED,
        actor_id=actor_id,
        on=day,
        exit_reason=str(code),
        note=label("exit_reason", code),
    )


def record_post_exit_check(
    session: Session, pathway: Pathway, *, effective: bool, day: dt.date
) -> None:
    """Record, three months after the exit, whether the relay was effective."""
    if pathway.state != PathwayState.EXITED:
        raise pathway_services.PathwayError("Ce parcours n'est pas sorti.")
    pathway.post_exit_checked_on = day
    pathway.post_exit_relay_effective = effective
    session.flush()
