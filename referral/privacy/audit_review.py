"""Reviewing the audit log for data protection: filters by person, child, action and period."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from catalogue.csvsafe import SafeWriter
from referral.accounts.models import User
from referral.audit.models import AuditEvent
from referral.french import day_start
from referral.labels import label
from referral.pathways.models import Child, Pathway
from referral.privacy.export import ALERT_ACTION
from referral.web.audit_words import audit_action, audit_details, audit_target

CSV_HEADER = ["date", "personne", "catégorie", "action", "objet", "identifiant", "détails"]


@dataclass(frozen=True)
class AuditFilters:
    """What the reviewer asked for; every filter is optional."""

    user: str = ""
    child_id: int | None = None
    action: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    category: str = ""


def _child_targets(session: Session, child_id: int) -> list[str]:
    """Return the ids under which a child's records appear in the log (its pathways' uids)."""
    uids = session.scalars(select(Pathway.uid).where(Pathway.child_id == child_id))
    child = session.get(Child, child_id)
    return [str(u) for u in uids] + ([str(child.uid), str(child_id)] if child else [str(child_id)])


def _user_clause(text: str) -> object:
    if text.isdigit():
        return AuditEvent.actor_id == int(text)
    actors = select(User.id).where(func.lower(User.email).contains(text.lower()))
    return AuditEvent.actor_id.in_(actors)


def filtered(
    session: Session, filters: AuditFilters, categories: list[str], scope: object = None
) -> Select[AuditEvent]:
    """Return the events matching the filters, within the reader's scope, newest first."""
    query = select(AuditEvent).where(AuditEvent.category.in_(categories))
    if scope is not None:
        query = query.where(scope)  # type: ignore[arg-type]
    if filters.category in categories:
        query = query.where(AuditEvent.category == filters.category)
    if filters.user:
        query = query.where(_user_clause(filters.user))  # type: ignore[arg-type]
    if filters.child_id is not None:
        targets = _child_targets(session, filters.child_id)
        child_detail = cast(AuditEvent.details["child_id"], String) == str(filters.child_id)
        query = query.where(or_(AuditEvent.target_id.in_(targets), child_detail))
    if filters.action:
        query = query.where(AuditEvent.action.startswith(filters.action))
    if filters.start:
        query = query.where(AuditEvent.at >= day_start(filters.start))
    if filters.end:
        query = query.where(AuditEvent.at < day_start(filters.end + dt.timedelta(days=1)))
    return query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def alerts(session: Session, filters: AuditFilters) -> list[AuditEvent]:
    """Return the bulk-export alerts of the period (whatever the other filters)."""
    period = AuditFilters(start=filters.start, end=filters.end, action=ALERT_ACTION)
    return list(session.scalars(filtered(session, period, ["security"]).limit(50)))


def actors_of(session: Session, events: list[AuditEvent]) -> dict[int, User]:
    """Return the users who appear in the events, by id."""
    ids = {e.actor_id for e in events if e.actor_id is not None}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}


def to_csv(session: Session, events: list[AuditEvent]) -> str:
    """Return the events as semicolon-separated CSV."""
    actors = actors_of(session, events)
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for e in events:
        who = actors[e.actor_id].email if e.actor_id in actors else "système"
        writer.writerow(
            [
                e.at.isoformat(),
                who,
                label("audit_category", e.category),
                audit_action(e.action),
                audit_target(e.target_type, None),
                e.target_id or "",
                " ; ".join(f"{key} : {value}" for key, value in audit_details(e.details)),
            ]
        )
    return out.getvalue()
