"""`relais referrals tick`: reminders, expiry, exit reviews and post-exit checks (idempotent).

A tick first updates its row of `tick_locks`: two ticks started at once run one after the other
(PostgreSQL row lock, SQLite write lock), and the second finds nothing left to do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from referral.accounts.models import User
from referral.french import local_moment
from referral.pathways import services as pathway_services
from referral.pathways.models import Pathway, PathwayState
from referral.referrals import notify
from referral.referrals.actors import system_actor
from referral.referrals.models import Referral, ReferralState, TickLock
from referral.referrals.services import ConflictError, transition

LOCK_NAME = "referrals"


@dataclass(frozen=True)
class TimerSettings:
    """The delays of DESIGN §6, configurable (`REFERRAL_*` app settings)."""

    reminder_days: tuple[int, ...] = (10, 20)
    expiry_days: int = 30
    exit_review_months: int = 3
    post_exit_months: int = 3

    @classmethod
    def from_config(cls, config: Any) -> TimerSettings:
        """Read the delays from the app's configuration, with the defaults above."""
        return cls(
            reminder_days=tuple(config.get("REFERRAL_REMINDER_DAYS") or (10, 20)),
            expiry_days=int(config.get("REFERRAL_EXPIRY_DAYS") or 30),
            exit_review_months=int(config.get("EXIT_REVIEW_MONTHS") or 3),
            post_exit_months=int(config.get("POST_EXIT_CHECK_MONTHS") or 3),
        )


@dataclass
class TickReport:
    """What one tick did."""

    counts: dict[str, int] = field(
        default_factory=lambda: {"reminders": 0, "expired": 0, "exit_reviews": 0, "post_exit": 0}
    )

    def summary(self) -> str:
        """Return a French one-line summary."""
        c = self.counts
        return (
            f"Relances : {c['reminders']} ; expirées : {c['expired']} ; parcours en instance "
            f"d'orientation : {c['exit_reviews']} ; vérifications après sortie : {c['post_exit']}."
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def tick(session: Session, now: dt.datetime, settings: TimerSettings) -> TickReport:
    """Run every timer once, at `now`; a second run at the same time changes nothing."""
    _take_lock(session, now)
    report = TickReport()
    report.counts["expired"] = _expire(session, now, settings)
    report.counts["reminders"] = _remind(session, now, settings)
    today = local_moment(now).date()  # the day in France, not in UTC
    report.counts["exit_reviews"] = _open_exit_reviews(session, today, settings)
    report.counts["post_exit"] = _post_exit_checks(session, today, settings)
    session.flush()
    return report


def _take_lock(session: Session, now: dt.datetime) -> None:
    locked = update(TickLock).where(TickLock.name == LOCK_NAME).values(ran_at=now)
    if session.execute(locked).rowcount == 0:  # type: ignore[attr-defined]
        session.add(TickLock(name=LOCK_NAME, ran_at=now))
        session.flush()


def _sent_before(limit: dt.datetime) -> Any:
    return (
        select(Referral)
        .where(Referral.state == ReferralState.SENT, Referral.sent_at <= limit)
        .order_by(Referral.id)
    )


def _expire(session: Session, now: dt.datetime, settings: TimerSettings) -> int:
    done = 0
    for referral in list(session.scalars(_sent_before(now - dt.timedelta(settings.expiry_days)))):
        try:
            transition(
                session,
                referral,
                from_state=ReferralState.SENT,
                to_state=ReferralState.EXPIRED,
                actor=system_actor(),
                note=f"Sans réponse après {settings.expiry_days} jours.",
                today=local_moment(now).date(),
            )
        except ConflictError:
            continue
        done += 1
    return done


def _remind(session: Session, now: dt.datetime, settings: TimerSettings) -> int:
    if not settings.reminder_days:
        return 0
    done = 0
    first = now - dt.timedelta(min(settings.reminder_days))
    for referral in list(session.scalars(_sent_before(first))):
        assert referral.sent_at is not None
        sent_at = referral.sent_at.replace(tzinfo=referral.sent_at.tzinfo or dt.UTC)
        due = sum(1 for days in settings.reminder_days if sent_at <= now - dt.timedelta(days))
        if due <= referral.reminders_sent:
            continue
        marked = session.execute(
            update(Referral)
            .where(Referral.id == referral.id, Referral.reminders_sent == referral.reminders_sent)
            .values(reminders_sent=due)
            .execution_options(synchronize_session=False)
        )
        if marked.rowcount == 1:  # type: ignore[attr-defined]
            session.refresh(referral)
            notify.mail_partner(referral, reminder=due)
            done += 1
    return done


def _team_of(session: Session, pathway: Pathway) -> list[User]:
    """Return the référent and the programme's coordinators."""
    users = session.scalars(
        select(User).where(User.programme_id == pathway.programme_id, User.active)
    )
    team = [user for user in users if user.has_role("coordinator")]
    if pathway.referent is not None and pathway.referent not in team:
        team.insert(0, pathway.referent)
    return team


def _tell_team(session: Session, pathway: Pathway, kind: str, message: str, endpoint: str) -> int:
    """Notify the team once per (kind, pathway, person); return how many notices were new."""
    link = notify.external_url(endpoint)
    added = 0
    for user in _team_of(session, pathway):
        notice = notify.notify_user(
            session,
            user,
            kind,
            message,
            pathway_id=pathway.id,
            dedup_key=f"{kind}:{pathway.id}:{user.id}",
        )
        if notice is not None:
            added += 1
            notify.deliver(user.email, message, f"{message}\n\nVoir : {link}\n")
    return added


def _open_exit_reviews(session: Session, today: dt.date, settings: TimerSettings) -> int:
    horizon = add_months(today, settings.exit_review_months)
    due = session.scalars(
        select(Pathway)
        .where(
            Pathway.state == PathwayState.ACTIVE,
            Pathway.contract_end.is_not(None),
            Pathway.contract_end <= horizon,
        )
        .order_by(Pathway.id)
    )
    done = 0
    for pathway in list(due):
        pathway_services.transition(
            session,
            pathway,
            from_state=PathwayState.ACTIVE,
            to_state=PathwayState.EXIT_REVIEW,
            actor_id=None,
            note="Fin de contrat dans moins de "
            f"{settings.exit_review_months} mois : instance d'orientation.",
            on=today,
        )
        _tell_team(
            session,
            pathway,
            "exit_review",
            f"Un parcours arrive à l'instance d'orientation (fin de contrat le "
            f"{pathway.contract_end:%d/%m/%Y}) : préparez les relais.",
            "exits.exit_review",
        )
        done += 1
    return done


def _post_exit_checks(session: Session, today: dt.date, settings: TimerSettings) -> int:
    limit = add_months(today, -settings.post_exit_months)
    exited = session.scalars(
        select(Pathway)
        .where(
            Pathway.state == PathwayState.EXITED,
            Pathway.exited_on.is_not(None),
            Pathway.exited_on <= limit,
            Pathway.post_exit_checked_on.is_(None),
        )
        .order_by(Pathway.id)
    )
    done = 0
    for pathway in list(exited):
        added = _tell_team(
            session,
            pathway,
            "post_exit_check",
            f"Parcours sorti le {pathway.exited_on:%d/%m/%Y} : "
            "vérifiez si le relais a été effectif.",
            "exits.exit_review",
        )
        done += added > 0
    return done
