"""The audit log review page: filter by category, action, person and dates."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from referral import database, permissions
from referral.accounts.models import User
from referral.audit.scope import case_events_clause
from referral.privacy import audit_review
from referral.privacy.forms import audit_filters
from referral.web.pagination import page_number, url_for_page

PER_PAGE = 50


def audit_page() -> str:
    """Render one page of the filtered audit log."""
    db = database.session()
    categories = permissions.audit_categories_for(current_user)
    filters, _ = audit_filters(request.args)
    scope = case_events_clause(current_user)
    query = audit_review.filtered(db, filters, categories, scope)
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    page = page_number()
    events = list(db.scalars(query.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    actors = {
        user.id: user
        for user in db.scalars(select(User).where(User.id.in_({e.actor_id for e in events})))
    }
    return render_template(
        "audit/audit.html",
        events=events,
        actors=actors,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        categories=categories,
        url_for_page=url_for_page,
        args=request.args,
    )
