"""Pathway pages: thin views over `referral.pathways.services` and the matching engine."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from catalogue.models import Service
from referral import database, permissions
from referral.accounts.decorators import permission_required
from referral.accounts.models import User
from referral.consents.models import SharedInformation
from referral.matching import match_pathway
from referral.pathways import queries, services
from referral.pathways.models import ContactEntry, Need, NeedStatus, Pathway
from referral.web.pathways import blueprint

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


@blueprint.get("")
@members
def caseload() -> ResponseReturnValue:
    """List my children: state, next due dates, open needs, last contact; my delegations."""
    session = database.session()
    return render_template(
        "pathways/caseload.html",
        pathways=queries.caseload(session, current_user, _today()),
        due=services.exit_review_due_on,
        delegations=queries.delegations_of(session, current_user, _today()),
        colleagues=_referents_of(current_user.organisation_id, exclude=current_user.id),
        today=_today(),
    )


def _referents_of(organisation_id: int, exclude: int | None = None) -> list[User]:
    query = select(User).where(User.organisation_id == organisation_id, User.active.is_(True))
    users = database.session().scalars(query.order_by(User.full_name))
    return [u for u in users if u.has_role("referent") and u.id != exclude]


@blueprint.post("/delegation")
@members
def delegate() -> ResponseReturnValue:
    """Lend my caseload to a colleague for a period (both days included)."""
    if not current_user.has_role("referent"):
        abort(403)
    form = request.form
    colleague = next(
        (u for u in _referents_of(current_user.organisation_id) if str(u.uid) == form.get("to")),
        None,
    )
    try:
        starts_on = dt.date.fromisoformat(form.get("starts_on", ""))
        ends_on = dt.date.fromisoformat(form.get("ends_on", ""))
        if colleague is None or colleague.id == current_user.id:
            raise ValueError
        services.delegate_caseload(
            database.session(), from_user_id=current_user.id, to_user_id=colleague.id,
            starts_on=starts_on, ends_on=ends_on,
        )  # fmt: skip
    except (ValueError, services.PathwayError):
        flash("Choisissez un collègue référent et une période valide.", "error")
        return redirect(url_for("pathways.caseload"))
    flash("Délégation enregistrée.", "success")
    return redirect(url_for("pathways.caseload"))


@blueprint.get("/nouveau")
@creators
def new() -> ResponseReturnValue:
    """Show the form that opens a pathway."""
    return render_template("pathways/new.html", form={}, errors={})


@blueprint.post("/nouveau")
@creators
def create() -> ResponseReturnValue:
    """Open a pathway: the child, the family, the contract dates."""
    from referral.web.pathways.forms import parse_new_pathway

    session = database.session()
    data, errors = parse_new_pathway(request.form)
    programme = _programme_of(current_user)
    if programme is None:
        errors["_"] = ["Votre compte n'est rattaché à aucun programme."]
    if errors:
        return render_template("pathways/new.html", form=request.form, errors=errors), 400
    pathway = services.create_pathway(
        session, programme, child=data["child"], family=data["family"], actor_id=current_user.id,
        referent_id=current_user.id if current_user.has_role("referent") else None,
        contract_start=data["contract_start"], contract_end=data["contract_end"],
    )  # fmt: skip
    flash("Parcours ouvert. Ajoutez maintenant les besoins identifiés.", "success")
    return _back(pathway, "besoins")


def _programme_of(user: Any) -> Any:
    from referral.pathways.models import Programme

    query = (
        select(Programme)
        .where(Programme.organisation_id == user.organisation_id)
        .order_by(Programme.id)
    )
    return database.session().scalars(query).first()


@blueprint.get("/<uuid:uid>")
@members
def show(uid: uuid.UUID) -> ResponseReturnValue:
    """Show the child's page: profile, needs, proposals, journal, consents, danger panel."""
    pathway = _visible(uid)
    session = database.session()
    services.record_read(session, pathway, current_user.id)
    commune = queries.commune_of(session, pathway.child.family)
    result = match_pathway(session, pathway, _today())
    return render_template(
        "pathways/show.html",
        pathway=pathway,
        child=pathway.child,
        family=pathway.child.family,
        commune=commune,
        result=result,
        today=_today(),
        can_edit=permissions.can_edit_pathway(current_user, pathway, _today()),
        can_transfer=permissions.can_transfer_pathway(current_user, pathway),
        referents=_colleagues(pathway)
        if permissions.can_transfer_pathway(current_user, pathway)
        else [],
        taxonomy=queries.taxonomy(session),
        consents=queries.consents_of(session, pathway),
        reports=queries.danger_reports_of(session, pathway),
        crip=queries.crip_of(
            session, commune.department_code if commune else pathway.programme.department_code
        ),
        allowed=services.allowed_transitions(pathway),
        exit_review_on=services.exit_review_due_on(pathway),
        statuses=list(NeedStatus),
        contact_kinds=services.CONTACT_KINDS,
        recipients=services.DANGER_RECIPIENTS,
        plan_service_uids=[str(result.services[item.service_id]["uid"]) for item in result.plan],
        map_points=_map_points(result, commune),
        tile_url=current_app.config.get("MAP_TILE_URL", ""),
    )


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
    return _referents_of(pathway.programme.organisation_id)


@blueprint.post("/<uuid:uid>/besoins")
@members
def add_need(uid: uuid.UUID) -> ResponseReturnValue:
    """Add a need from the taxonomy (code or label typed with autocomplete)."""
    pathway = _visible(uid, edit=True)
    code = _need_code(request.form.get("need", ""))
    try:
        services.add_need(
            database.session(), pathway, need_code=code, actor_id=current_user.id,
            concerns=request.form.get("concerns", "child"),
            origin=request.form.get("origin", "referent"),
            priority=int(request.form.get("priority", "2") or 2),
        )  # fmt: skip
    except (services.PathwayError, ValueError):
        flash("Besoin inconnu : choisissez-le dans la liste proposée.", "error")
        return _back(pathway, "besoins")
    flash("Besoin ajouté.", "success")
    return _back(pathway, "besoins")


def _need_code(typed: str) -> str:
    """Accept a taxonomy code or its exact label (what the datalist fills in)."""
    typed = typed.strip()
    for term in queries.taxonomy(database.session()):
        if typed in (term.code, term.label):
            return term.code
    return typed


@blueprint.post("/<uuid:uid>/besoins/<uuid:need_uid>")
@members
def set_need_status(uid: uuid.UUID, need_uid: uuid.UUID) -> ResponseReturnValue:
    """Mark where a need stands, with an optional written justification."""
    pathway = _visible(uid, edit=True)
    need = next((n for n in pathway.needs if n.uid == need_uid), None)
    status = request.form.get("status", "")
    if need is None or status not in {str(s) for s in NeedStatus}:
        abort(404 if need is None else 400)
    justification = request.form.get("justification")
    services.set_need_status(
        database.session(), need, status, actor_id=current_user.id, justification=justification
    )
    flash("Besoin mis à jour.", "success")
    return _back(pathway, "besoins")


@blueprint.post("/<uuid:uid>/etape")
@members
def transition(uid: uuid.UUID) -> ResponseReturnValue:
    """Move the pathway along its lifecycle."""
    pathway = _visible(uid, edit=True)
    form = request.form
    try:
        services.transition(
            database.session(), pathway,
            from_state=form.get("from", ""), to_state=form.get("to", ""),
            actor_id=current_user.id, note=form.get("note", ""),
            exit_reason=form.get("exit_reason") or None,
        )  # fmt: skip
    except services.ExitBlocked as error:
        labels = ", ".join(need.term.label for need in error.needs)
        flash(f"{error} Besoins à traiter : {labels}.", "error")
        return _back(pathway, "etape")
    except services.PathwayError as error:
        flash(str(error), "error")
        return _back(pathway, "etape")
    flash("Étape du parcours enregistrée.", "success")
    return _back(pathway, "etape")


@blueprint.post("/<uuid:uid>/contacts")
@members
def add_contact(uid: uuid.UUID) -> ResponseReturnValue:
    """Add an entry to the contact journal."""
    pathway = _visible(uid, edit=True)
    try:
        on = dt.date.fromisoformat(request.form.get("on", ""))
        services.add_contact(
            database.session(), pathway, on=on, kind=request.form.get("kind", ""),
            note=request.form.get("note", "").strip()[:2000], actor_id=current_user.id,
        )  # fmt: skip
    except (ValueError, services.PathwayError):
        flash("Indiquez une date et un type de contact valides.", "error")
        return _back(pathway, "journal")
    flash("Contact ajouté au journal.", "success")
    return _back(pathway, "journal")


@blueprint.get("/<uuid:uid>/accord")
@members
def consent_form(uid: uuid.UUID) -> ResponseReturnValue:
    """Show the printable consent form for the chosen services, then the form to record it."""
    pathway = _visible(uid, edit=True)
    session = database.session()
    chosen = _services(request.args.getlist("service"))
    items = request.args.getlist("information") or [str(item) for item in SharedInformation]
    services.record_read(session, pathway, current_user.id, "consent_form")
    return render_template(
        "pathways/consent.html", pathway=pathway, child=pathway.child, chosen=chosen,
        items=[i for i in items if i in {str(s) for s in SharedInformation}],
        all_items=[str(item) for item in SharedInformation], today=_today(),
    )  # fmt: skip


def _services(uids: list[str]) -> list[Service]:
    wanted = []
    for value in uids:
        try:
            wanted.append(uuid.UUID(value))
        except ValueError:
            continue
    if not wanted:
        return []
    return list(
        database.session().scalars(
            select(Service).where(Service.uid.in_(wanted)).order_by(Service.name)
        )
    )


@blueprint.post("/<uuid:uid>/accord")
@members
def record_consent(uid: uuid.UUID) -> ResponseReturnValue:
    """Record the signed consent: who, when, which services and information."""
    pathway = _visible(uid, edit=True)
    form = request.form
    chosen = _services(form.getlist("service"))
    items = [i for i in form.getlist("information") if i in {str(s) for s in SharedInformation}]
    try:
        given_on = dt.date.fromisoformat(form.get("given_on", ""))
    except ValueError:
        given_on = None
    if not chosen or not items or not form.get("given_by", "").strip() or given_on is None:
        flash("Indiquez qui a signé, la date, au moins un service et une information.", "error")
        return redirect(url_for("pathways.consent_form", uid=pathway.uid))
    services.record_consent(
        database.session(), pathway, given_by=form["given_by"].strip()[:200], given_on=given_on,
        information=items, actor_id=current_user.id, services=chosen,
    )  # fmt: skip
    flash("Accord de la famille enregistré.", "success")
    return _back(pathway, "accords")


@blueprint.post("/<uuid:uid>/danger")
@members
def danger_report(uid: uuid.UUID) -> ResponseReturnValue:
    """Record only that an information préoccupante was transmitted (never its content)."""
    pathway = _visible(uid, edit=True)
    try:
        on = dt.date.fromisoformat(request.form.get("transmitted_on", ""))
        services.record_danger_report(
            database.session(), pathway, transmitted_on=on,
            recipient=request.form.get("recipient", ""),
            actor_id=current_user.id,
        )  # fmt: skip
    except (ValueError, services.PathwayError):
        flash("Indiquez la date et le destinataire de la transmission.", "error")
        return _back(pathway, "danger")
    flash("Transmission enregistrée (son contenu n'est pas conservé dans Relais).", "success")
    return _back(pathway, "danger")


@blueprint.post("/<uuid:uid>/transfert")
@members
def transfer(uid: uuid.UUID) -> ResponseReturnValue:
    """Hand the pathway to another référent (coordinators only)."""
    pathway = _visible(uid)
    if not permissions.can_transfer_pathway(current_user, pathway):
        abort(403)
    target = next(
        (u for u in _colleagues(pathway) if str(u.uid) == request.form.get("referent")), None
    )
    if target is None:
        flash("Choisissez un référent du programme.", "error")
        return _back(pathway)
    services.transfer_pathway(
        database.session(), pathway, to_referent_id=target.id, actor_id=current_user.id
    )
    flash("Parcours confié à un autre référent.", "success")
    return _back(pathway)


__all__ = ["ContactEntry", "Need"]
