"""The audit log review page: filter by category, action, person and dates."""

from __future__ import annotations

import datetime as dt

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import Select, func, select

from referral import database, permissions
from referral.accounts.models import User
from referral.audit.models import AuditEvent
from referral.web.pagination import page_number, url_for_page

PER_PAGE = 50


def _day(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def filtered_events(categories: list[str]) -> Select[AuditEvent]:
    """Return the query of the events matching the page's filters, newest first."""
    query = select(AuditEvent).where(AuditEvent.category.in_(categories))
    if (category := request.args.get("category")) in categories:
        query = query.where(AuditEvent.category == category)
    if action := request.args.get("action", "").strip():
        query = query.where(AuditEvent.action.startswith(action))
    if actor := request.args.get("actor", "").strip().lower():
        query = query.join(User, User.id == AuditEvent.actor_id).where(
            func.lower(User.email).contains(actor)
        )
    if start := _day("start"):
        query = query.where(AuditEvent.at >= dt.datetime.combine(start, dt.time(), dt.UTC))
    if end := _day("end"):
        query = query.where(
            AuditEvent.at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
        )
    return query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def audit_page() -> str:
    """Render one page of the filtered audit log."""
    db = database.session()
    categories = permissions.audit_categories_for(current_user)
    query = filtered_events(categories)
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    page = page_number()
    events = list(db.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    actors = {
        user.id: user
        for user in db.scalars(select(User).where(User.id.in_({e.actor_id for e in events})))
    }
    return render_template(
        "accounts/audit.html",
        events=events,
        actors=actors,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        categories=categories,
        url_for_page=url_for_page,
        args=request.args,
    )
