"""Pathway pages: thin views over `referral.pathways.services` and the matching engine."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from catalogue.models import Service
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.accounts.models import User
from referral.matching import match_pathway
from referral.pathways import queries, services
from referral.pathways.family_forms import PathwayForm, guardians_form, read_pathway
from referral.pathways.forms import (
    INFORMATION,
    ConsentForm,
    DelegationForm,
    blank_forms,
    need_form,
)
from referral.pathways.models import NeedStatus, Pathway
from referral.referrals.queries import follow_ups

members = permission_required(permissions.can_use_pathways)
creators = permission_required(permissions.can_create_pathway)


def _today() -> dt.date:
    return dt.date.today()


def _visible(uid: uuid.UUID, *, edit: bool = False) -> Pathway:
    """Return the pathway or refuse: 404 unless an EPS member knows it (403)."""
    pathway = queries.pathway_by_uid(database.session(), uid)
    if pathway is None:
        abort(404)
    allowed = permissions.can_edit_pathway if edit else permissions.can_view_pathway
    if not allowed(current_user, pathway, _today()):
        abort(403 if edit and permissions.can_view_pathway(current_user, pathway, _today()) else
              permissions.pathway_refusal_status(current_user, pathway))  # fmt: skip
    return pathway


def _back(pathway: Pathway, anchor: str = "") -> ResponseReturnValue:
    return redirect(url_for("pathways.show", uid=pathway.uid) + (f"#{anchor}" if anchor else ""))


@members
def caseload() -> ResponseReturnValue:
    """List my children: state, next due dates, open needs, last contact; my delegations."""
    return caseload_page(DelegationForm(formdata=None, starts_on=_today()))


def caseload_page(form: DelegationForm) -> str:
    """Render my caseload, with the delegation form as posted (its messages beside each field)."""
    session = database.session()
    colleagues = _referents_of(current_user.programme_id, exclude=current_user.id)
    return render_template(
        "pathways/caseload.html",
        pathways=queries.caseload(session, current_user, _today()),
        due=services.exit_review_due_on,
        delegations=queries.delegations_of(session, current_user, _today()),
        colleagues=colleagues,
        form=form.offer(colleagues),
    )


def _referents_of(programme_id: int | None, exclude: int | None = None) -> list[User]:
    """Return the active référents of a programme (none without a programme)."""
    if programme_id is None:
        return []
    query = select(User).where(User.programme_id == programme_id, User.active.is_(True))
    users = database.session().scalars(query.order_by(User.full_name))
    return [u for u in users if u.has_role("referent") and u.id != exclude]


@creators
def new() -> ResponseReturnValue:
    """Show the form that opens a pathway."""
    return render_template("pathways/new.html", form=PathwayForm(), guardians=guardians_form())


@creators
def create() -> ResponseReturnValue:
    """Open a pathway: the child, the family, the contract dates."""
    session = database.session()
    programme = _programme_of(current_user)
    form, guardians = PathwayForm(), guardians_form()
    data = read_pathway(session, form, guardians, programme)
    if data is None or programme is None:
        return render_template("pathways/new.html", form=form, guardians=guardians), 400
    pathway = services.create_pathway(
        session, programme, child=data["child"], family=data["family"], actor_id=current_user.id,
        referent_id=current_user.id if current_user.has_role("referent") else None,
        contract_start=data["contract_start"], contract_end=data["contract_end"],
    )  # fmt: skip
    flash("Parcours ouvert. Ajoutez maintenant les besoins identifiés.", "success")
    return _back(pathway, "besoins")


def _programme_of(user: Any) -> Any:
    return next(iter(services.programmes_of(database.session(), user)), None)


@members
def show(uid: uuid.UUID) -> ResponseReturnValue:
    """Show the child's page: profile, needs, proposals, journal, consents, danger panel."""
    return show_page(_visible(uid))


def show_page(pathway: Pathway, **posted: FlaskForm) -> str:
    """Render the child's page, with the form posted, if any, as sent (its errors summarised)."""
    session = database.session()
    taxonomy = queries.taxonomy(session)  # read once: the need form and the page both use it
    forms = {"need_form": need_form(taxonomy, blank=True), **blank_forms(_today()), **posted}
    services.record_read(session, pathway, current_user.id)
    commune = queries.commune_of(session, pathway.child.family)
    result = match_pathway(session, pathway, _today())
    follow, referred = follow_ups(session, pathway)
    can_transfer = permissions.can_transfer_pathway(current_user, pathway)
    return render_template(
        "pathways/show.html",
        pathway=pathway,
        follow=follow,
        referred=referred,
        child=pathway.child,
        family=pathway.child.family,
        commune=commune,
        result=result,
        today=_today(),
        can_edit=permissions.can_edit_pathway(current_user, pathway, _today()),
        can_transfer=can_transfer,
        referents=_colleagues(pathway) if can_transfer else [],
        taxonomy=taxonomy,
        **forms,
        **_records(session, pathway, commune),
        allowed=services.allowed_transitions(pathway),
        exit_review_on=services.exit_review_due_on(pathway),
        statuses=list(NeedStatus),
        contact_kinds=services.CONTACT_KINDS,
        recipients=services.DANGER_RECIPIENTS,
        plan_service_uids=[str(result.services[item.service_id]["uid"]) for item in result.plan],
        map_points=_map_points(result, commune),
        tile_url=current_app.config.get("MAP_TILE_URL", ""),
    )


def _records(session: Any, pathway: Pathway, commune: Any) -> dict[str, Any]:
    """Return the pathway's consents, danger reports and the CRIP of its département."""
    department = commune.department_code if commune else pathway.programme.department_code
    return {
        "consents": queries.consents_of(session, pathway),
        "reports": queries.danger_reports_of(session, pathway),
        "crip": queries.crip_of(session, department),
    }


def _map_points(result: Any, commune: Any) -> list[dict[str, Any]]:
    """Return the commune (never the address) and the places of the proposed services."""
    if not current_app.config.get("MAP_TILE_URL"):
        return []
    points: list[dict[str, Any]] = []
    if commune is not None:
        points.append(
            {"lat": commune.latitude, "lon": commune.longitude, "label": commune.name, "home": True}
        )
    shown = {p.service_id for each in result.needs for p in each.proposals}
    for service_id in sorted(shown):
        service = result.services[service_id]
        for place in service["public_places"][:1]:
            if place["latitude"] is not None:
                points.append(
                    {"lat": place["latitude"], "lon": place["longitude"], "label": service["name"]}
                )
    return points if len(points) > 1 else []


def _colleagues(pathway: Pathway) -> list[User]:
    return _referents_of(pathway.programme_id)


@members
def consent_form(uid: uuid.UUID) -> ResponseReturnValue:
    """Show the printable consent form for the chosen services, then the form to record it."""
    pathway = _visible(uid, edit=True)
    form = ConsentForm(request.args, given_on=_today())  # what to prepare: services, information
    form.found = _services(form.service_uids())
    services.record_read(database.session(), pathway, current_user.id, "consent_form")
    return consent_page(pathway, form, form.items() or INFORMATION)


def consent_page(pathway: Pathway, form: ConsentForm, items: list[str]) -> str:
    """Render the printable consent form and the form that records it (as posted, if it was)."""
    return render_template(
        "pathways/consent.html", pathway=pathway, child=pathway.child, chosen=form.found,
        items=items, all_items=INFORMATION, form=form,
    )  # fmt: skip


def _services(uids: list[uuid.UUID]) -> list[Service]:
    if not uids:
        return []
    return list(
        database.session().scalars(
            select(Service).where(Service.uid.in_(uids)).order_by(Service.name)
        )
    )
