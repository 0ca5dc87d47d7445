"""Catalogue pages (thin: parse, query, render)."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import abort, render_template, request
from flask_login import current_user

from catalogue import queries, taxonomy
from referral import database, permissions
from referral.web.pagination import page_number, url_for_page

PER_PAGE = 20


@database.reads_only
def home() -> str:
    """Show the home page: what Relais is, a search box and the need domains."""
    session = database.session()
    return render_template(
        "catalogue/home.html",
        domains=taxonomy.list_domains(session),
        counts=queries.count_active_by_need(session, dt.date.today()),
    )


@database.reads_only
def needs() -> str:
    """List every need by domain, with the number of active services for each."""
    session = database.session()
    return render_template(
        "catalogue/needs.html",
        domains=taxonomy.list_domains(session),
        counts=queries.count_active_by_need(session, dt.date.today()),
    )


@database.reads_only
def services() -> str:
    """Browse active services by domain or need, page by page."""
    session = database.session()
    domain = request.args.get("domain") or None
    codes = request.args.getlist("need") or (
        queries.need_codes_of_domain(session, domain) if domain else []
    )
    page = queries.browse_services(
        session, day=dt.date.today(), need_codes=codes, page=page_number(), per_page=PER_PAGE
    )
    terms = {term.code: term for term in taxonomy.list_needs(session)}
    return render_template(
        "catalogue/services.html",
        page=page,
        url_for_page=url_for_page,
        selected=[terms[code] for code in codes if code in terms],
        domain=next((d for d in taxonomy.list_domains(session) if d.code == domain), None),
    )


@database.reads_only
def service(uid: uuid.UUID) -> str:
    """Show everything a référent needs to orient a family to a service."""
    found = queries.service_by_uid(database.session(), uid)
    if found is None or not permissions.can_view_service(current_user, found, dt.date.today()):
        abort(404)
    return render_template(
        "catalogue/service.html",
        service=found,
        today=dt.date.today(),
        show_referral_contact=permissions.can_view_referral_contact(current_user),
    )


@database.reads_only
def organisation(uid: uuid.UUID) -> str:
    """Show an organisation and its active services."""
    found = queries.organisation_by_uid(database.session(), uid)
    if found is None:
        abort(404)
    today = dt.date.today()
    active = [item for item in found.services if item.is_active_on(today)]
    return render_template("catalogue/organisation.html", organisation=found, services=active)
