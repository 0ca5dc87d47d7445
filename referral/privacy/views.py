"""Data-protection pages (thin: load, check, call a privacy service, render)."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts.decorators import not_found_unless, permission_required
from referral.audit.scope import case_events_clause
from referral.consents.models import Consent
from referral.french import plural
from referral.pathways.family_forms import GuardiansForm, guardians_form
from referral.pathways.models import Pathway
from referral.pathways.services import record_read
from referral.privacy import audit_review, export, rights
from referral.privacy.forms import RectificationForm, audit_filters, rectification_form
from referral.privacy.notices import deployment_text
from referral.privacy.settings import bulk_export_threshold

AUDIT_PAGE_SIZE = 100


def notice() -> ResponseReturnValue:
    """Show the privacy notice (the deployment's own file, else the shipped default)."""
    text = deployment_text(current_app.config["DATA_DIR"], "privacy")
    return render_template("privacy/notice.html", text=text)


def accessibility() -> ResponseReturnValue:
    """Show the accessibility statement (the deployment's own file, else the shipped default)."""
    text = deployment_text(current_app.config["DATA_DIR"], "accessibility")
    return render_template("privacy/accessibility.html", text=text)


def _pathway(uid: uuid.UUID) -> Pathway:
    found = database.session().scalars(select(Pathway).where(Pathway.uid == uid)).first()
    allowed = found is not None and permissions.can_use_rights_tools(
        current_user, found, dt.date.today()
    )
    not_found_unless(allowed)
    assert found is not None
    return found


@permission_required(permissions.can_reach_rights_tools)
def rights_page(uid: uuid.UUID) -> ResponseReturnValue:
    """List what the family may ask: its data, corrections, withdrawing a consent."""
    pathway = _pathway(uid)
    record_read(database.session(), pathway, current_user.id, what="privacy_rights")
    consents = database.session().scalars(
        select(Consent).where(Consent.pathway_id == pathway.id).order_by(Consent.id)
    )
    return render_template("privacy/rights.html", pathway=pathway, consents=list(consents))


def _export(uid: uuid.UUID, fmt: str) -> tuple[Pathway, dict[str, object]]:
    pathway = _pathway(uid)
    session = database.session()
    if export.log_export(
        session, pathway, current_user.id, fmt, bulk_export_threshold(current_app.config)
    ):
        current_app.logger.warning(
            "Alerte : exports en nombre par l'utilisateur %s", current_user.id
        )
    return pathway, export.family_data(session, pathway, dt.date.today())


@permission_required(permissions.can_reach_rights_tools)
def export_html(uid: uuid.UUID) -> ResponseReturnValue:
    """Show the family's data as a printable page (logged)."""
    pathway, data = _export(uid, "html")
    return render_template("privacy/export.html", pathway=pathway, data=data)


@permission_required(permissions.can_reach_rights_tools)
def export_json(uid: uuid.UUID) -> ResponseReturnValue:
    """Download the family's data as JSON (logged)."""
    _, data = _export(uid, "json")
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    headers = {"Content-Disposition": 'attachment; filename="donnees-famille.json"'}
    return Response(body, mimetype="application/json", headers=headers)


@permission_required(permissions.can_reach_rights_tools)
def rectify(uid: uuid.UUID) -> ResponseReturnValue:
    """Correct the child's and the family's record."""
    pathway = _pathway(uid)
    guardians = guardians_form(pathway.child.family)
    if request.method == "GET":
        record_read(database.session(), pathway, current_user.id, what="privacy_rectify")
        return _rectify_page(pathway, rectification_form(pathway.child), guardians)
    form = RectificationForm()
    guardians_ok = not guardians.sent() or guardians.validate()  # the page always sends them
    if not (form.validate() and guardians_ok):
        return _rectify_page(pathway, form, guardians), 400
    values = form.values() | ({"guardians": guardians.entered()} if guardians.sent() else {})
    changed = rights.rectify(database.session(), pathway, values, actor_id=current_user.id)
    changes = plural(len(changed), "champ modifié", "champs modifiés")
    flash(f"Fiche rectifiée ({changes}).", "success")
    return redirect(url_for("privacy.rights_page", uid=pathway.uid))


def _rectify_page(pathway: Pathway, form: RectificationForm, guardians: GuardiansForm) -> str:
    count = len(form.errors) + len(guardians.messages())
    return render_template(
        "privacy/rectify.html", pathway=pathway, form=form, guardians=guardians, count=count
    )


@permission_required(permissions.can_reach_rights_tools)
def withdraw_consent(uid: uuid.UUID) -> ResponseReturnValue:
    """Withdraw a family's consent: referrals relying on it are cancelled, partners told."""
    session = database.session()
    consent = session.scalars(select(Consent).where(Consent.uid == uid)).first()
    pathway = session.get(Pathway, consent.pathway_id) if consent else None
    not_found_unless(
        pathway is not None
        and permissions.can_use_rights_tools(current_user, pathway, dt.date.today())
    )
    assert consent is not None and pathway is not None
    result = rights.withdraw_consent(
        session, consent, actor_id=current_user.id, day=dt.date.today()
    )
    flash(
        f"Accord retiré. Orientations annulées : {len(result.cancelled)} ; partenaires prévenus : "
        f"{len(result.told)}.",
        "success",
    )
    return redirect(url_for("privacy.rights_page", uid=pathway.uid))


@permission_required(permissions.can_review_privacy_log)
def audit_log() -> ResponseReturnValue:
    """Review the audit log by person, child, action and period; see bulk-export alerts."""
    session = database.session()
    filters, errors = audit_filters(request.args)
    query = audit_review.filtered(
        session,
        filters,
        permissions.audit_categories_for(current_user),
        case_events_clause(current_user),
    )
    events = list(session.scalars(query.limit(AUDIT_PAGE_SIZE)))
    return render_template(
        "privacy/audit.html",
        events=events,
        actors=audit_review.actors_of(session, events),
        alerts=audit_review.alerts(session, filters),
        args=request.args,
        errors=errors,
        page_size=AUDIT_PAGE_SIZE,
    )


@permission_required(permissions.can_review_privacy_log)
def audit_csv() -> ResponseReturnValue:
    """Download the filtered audit log as CSV."""
    session = database.session()
    filters, _ = audit_filters(request.args)
    query = audit_review.filtered(
        session,
        filters,
        permissions.audit_categories_for(current_user),
        case_events_clause(current_user),
    )
    body = audit_review.to_csv(session, list(session.scalars(query)))
    headers = {"Content-Disposition": 'attachment; filename="journal.csv"'}
    return Response(body, mimetype="text/csv", headers=headers)
