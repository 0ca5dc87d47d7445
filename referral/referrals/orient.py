"""« Orienter »: from any service to one of my children's open needs, preview, then send.

Reached from search results, service pages, proposals and the EPS screen. With a recorded,
unwithdrawn consent covering the service, one confirmed submission creates and sends
(`send_with_consent`); without it, the draft is created and the référent records the
family's agreement (or prints the consent form) first.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from wtforms.fields.choices import SelectChoice

from catalogue.models import Service
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.pathways.models import Need, Pathway, PathwayState
from referral.pathways.queries import caseload
from referral.referrals.errors import TrackingError
from referral.referrals.forms import OrientForm, ServiceLookupForm
from referral.referrals.models import Referral, ReferralContext
from referral.referrals.notify import MAIL_FAILED, mail_failed
from referral.referrals.payload import consent_for, preview_payload
from referral.referrals.sending import send_with_consent
from referral.referrals.services import create_referral, team_actor

team = permission_required(permissions.can_follow_referrals)
MAX_FOUND = 10


def my_pathways(session: Session, user: Any, day: dt.date) -> list[Pathway]:
    """Return the open pathways this person may orient from (their caseload)."""
    return [
        pathway
        for pathway in caseload(session, user, day)
        if pathway.state != PathwayState.EXITED and permissions.can_edit_pathway(user, pathway, day)
    ]


def _service(session: Session, uid: uuid.UUID | None) -> Service | None:
    if uid is None:
        return None
    return session.scalar(select(Service).where(Service.uid == uid))


def _chosen(form: OrientForm, pathways: list[Pathway], service: Service | None) -> tuple:
    """Fill the choices; return the pathway and need chosen (or the only / the fitting one)."""
    form.pathway.choices = [SelectChoice("", "— choisir un enfant —")] + [
        SelectChoice(str(p.uid), f"{p.child.first_name} {p.child.last_name}") for p in pathways
    ]
    pathway = next((p for p in pathways if str(p.uid) == form.pathway.data), None)
    if pathway is None and len(pathways) == 1:
        pathway = pathways[0]
    needs = [need for need in pathway.needs if need.is_open] if pathway else []
    form.need.choices = [SelectChoice(str(n.uid), n.term.label) for n in needs]
    need = next((n for n in needs if str(n.uid) == form.need.data), None)
    if need is None and needs:
        covered = {term.code for term in service.needs} if service else set()
        need = next((n for n in needs if n.need_code in covered), needs[0])
    form.pathway.data = str(pathway.uid) if pathway else ""
    form.need.data = str(need.uid) if need else ""
    return pathway, need


def _found_by_name(session: Session, name: str) -> list[Service]:
    """Return the active services whose name or description match (the catalogue search)."""
    from referral.search import services as searching
    from referral.search.schemas import SearchArgs

    try:
        args = SearchArgs(known_codes=searching.known_codes(session)).load({"q": name})
        outcome = searching.run_search(
            session, searching.app_backend(session), args, dt.date.today()
        )
    except ValidationError:
        return []
    return [found.service for found in outcome.items[:MAX_FOUND]]


def _render(form: OrientForm, service: Service | None, status: int = 200) -> ResponseReturnValue:
    session, today = database.session(), dt.date.today()
    pathway, need = _chosen(form, my_pathways(session, current_user, today), service)
    lookup = ServiceLookupForm(request.args)
    found = []
    if service is None and lookup.validate():
        found = _found_by_name(session, lookup.service_name.data)
    preview = consent = None
    if service is not None and pathway is not None and need is not None:
        preview = preview_payload(pathway, need, form.message.data or "", today)
        consent = consent_for(session, pathway.id, service, preview, today)
    page = render_template(
        "referrals/orient.html",
        form=form,
        lookup=lookup,
        found=found,
        service=service,
        pathway=pathway,
        need=need,
        preview=preview,
        consent=consent,
    )
    return page, status


@team
def orient() -> ResponseReturnValue:
    """Show the choice of child and need, the preview of what the partner receives."""
    session = database.session()
    form = OrientForm(formdata=request.args, meta={"csrf": False})
    service = _service(session, form.uid("service"))
    lookup = ServiceLookupForm(request.args)
    if service is None and lookup.validate():
        named = lookup.service_name.data.strip().lower()
        exact = [s for s in _found_by_name(session, named) if s.name.lower() == named]
        service = exact[0] if len(exact) == 1 else None
        form.service.data = str(service.uid) if service else ""
    return _render(form, service)


@team
def service_suggestions() -> ResponseReturnValue:
    """Return the services whose name matches what is typed (for the autocomplete list)."""
    lookup = ServiceLookupForm(request.args, meta={"csrf": False})
    if not lookup.validate() or len(lookup.service_name.data.strip()) < 2:
        return jsonify([])
    found = _found_by_name(database.session(), lookup.service_name.data)
    return jsonify(
        [{"name": s.name, "organisation": s.organisation.name, "uid": str(s.uid)} for s in found]
    )


@team
def orient_submit() -> ResponseReturnValue:
    """Create the referral, and send it at once when a consent on file covers it."""
    session, today = database.session(), dt.date.today()
    form = OrientForm()
    service = _service(session, form.uid("service"))
    pathway, need = _chosen(form, my_pathways(session, current_user, today), service)
    if not form.validate() or service is None or pathway is None or need is None:
        return _render(form, service, 422)
    try:
        referral = _create_and_send(session, form, need, service)
    except TrackingError as error:
        form.form_errors.append(str(error))
        return _render(form, service, 422)
    return redirect(url_for("referrals.referral", uid=referral.uid))


def _previous(session: Session, form: OrientForm, need: Need) -> Referral | None:
    """Return the finished referral this one re-orients (same need), if any."""
    uid = form.uid("previous")
    if uid is None:
        return None
    return session.scalar(select(Referral).where(Referral.uid == uid, Referral.need_id == need.id))


def _create_and_send(session: Session, form: OrientForm, need: Need, service: Service) -> Any:
    actor = team_actor(current_user)
    message = (form.message.data or "").strip()
    previous = _previous(session, form, need)
    referral = create_referral(
        session,
        need=need,
        service=service,
        actor=actor,
        family_message=message,
        previous=previous,
        context=previous.context if previous else ReferralContext.CONSTRUCTION,
    )
    if form.send.data:
        send_with_consent(session, referral, actor, message=message)
        flash(f"Orientation envoyée à « {service.name} ».", "success")
        if mail_failed():
            flash(MAIL_FAILED, "error")
    else:
        flash("Orientation créée : recueillez l'accord de la famille avant l'envoi.", "success")
    return referral
