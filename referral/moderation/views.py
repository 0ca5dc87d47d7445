"""Moderation pages (thin) and « Signaler une erreur »."""

from __future__ import annotations

import datetime as dt
import uuid

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from referral import database, permissions
from referral.accounts.decorators import not_found_unless, permission_required
from referral.mail import mail_body, send_mail
from referral.moderation.forms import CloseReportForm, ModerationSettingForm, ReportForm
from referral.partners import services
from referral.partners.models import ErrorReport
from referral.pathways.services import programmes_of

coordinator_only = permission_required(permissions.can_moderate)
STALE_SHOWN = 500  # the oldest first; the reminder command covers them all


@coordinator_only
def queue() -> ResponseReturnValue:
    """List the entries awaiting moderation."""
    session = database.session()
    return render_template(
        "moderation/queue.html",
        services=services.moderation_queue(session),
        programmes=programmes_of(session, current_user),
    )


@coordinator_only
def set_moderation(uid: uuid.UUID) -> ResponseReturnValue:
    """Turn the moderation of partners' new services on or off for one's programme."""
    session = database.session()
    programme = next((p for p in programmes_of(session, current_user) if p.uid == uid), None)
    not_found_unless(programme is not None)
    assert programme is not None
    required = bool(ModerationSettingForm().required.data)
    services.set_moderation(session, current_user, programme, required)
    flash(
        "Les nouveaux services des partenaires attendront votre validation."
        if required
        else "Les nouveaux services des partenaires seront visibles dès leur création.",
        "success",
    )
    return redirect(url_for("moderation.queue"))


@coordinator_only
def publish(uid: uuid.UUID) -> ResponseReturnValue:
    """Publish a pending entry."""
    service = services.service_by_uid(database.session(), uid)
    not_found_unless(service is not None)
    assert service is not None
    try:
        services.publish(database.session(), current_user, service)
    except services.PartnerError as error:
        flash(str(error), "error")
    else:
        flash(f"« {service.name} » est publié.", "success")
    return redirect(url_for("moderation.queue"))


@coordinator_only
def stale() -> ResponseReturnValue:
    """List the entries not checked for longer than their update frequency."""
    today = dt.date.today()
    return render_template(
        "moderation/stale.html",
        services=services.stale_services(database.session(), today, limit=STALE_SHOWN),
        today=today,
        shown=STALE_SHOWN,
    )


@coordinator_only
def reports() -> ResponseReturnValue:
    """List the open error reports."""
    return render_template(
        "moderation/reports.html", reports=services.open_reports(database.session())
    )


@permission_required(permissions.can_report_error)
def report_error(uid: uuid.UUID) -> ResponseReturnValue:
    """« Signaler une erreur » on a service: reaches the organisation and the coordinators."""
    db = database.session()
    service = services.service_by_uid(db, uid)
    not_found_unless(
        service is not None and permissions.can_view_service(current_user, service, dt.date.today())
    )
    assert service is not None
    form = ReportForm()
    if form.is_submitted():
        try:
            if not form.validate():
                raise services.PartnerError(" ".join(form.message.errors))
            report = services.report_error(db, current_user, service, form.message.data or "")
        except services.PartnerError as error:
            return render_template(
                "moderation/report_form.html",
                service=service,
                error=str(error),
                message=form.message.data or "",
            ), 400
        _notify(report)
        flash(
            "Merci : votre signalement a été transmis à la structure et à la coordination.",
            "success",
        )
        return redirect(url_for("catalogue.service", uid=service.uid))
    return render_template("moderation/report_form.html", service=service, error=None, message="")


def _notify(report: ErrorReport) -> None:
    db = database.session()
    recipients = sorted(
        set(services.partner_addresses(db, report.service.organisation))
        | set(services.coordinator_addresses(db))
    )
    if recipients:
        link = url_for("moderation.report", uid=report.uid, _external=True)
        send_mail(
            recipients,
            f"Relais : erreur signalée sur « {report.service.name} »",
            mail_body(
                "error_report",
                service_name=report.service.name,
                message=report.message,
                reported_on=report.created_at,
                link=link,
            ),
        )


@permission_required(permissions.can_use_partner_space)
def report(uid: uuid.UUID) -> ResponseReturnValue:
    """Show an error report; the organisation or a coordinator closes it."""
    db = database.session()
    found = services.report_by_uid(db, uid)
    not_found_unless(found is not None and permissions.can_close_report(current_user, found))
    assert found is not None
    form = CloseReportForm()
    if form.is_submitted():
        try:
            services.close_report(db, current_user, found, form.resolution.data or "")
        except services.PartnerError as error:
            flash(str(error), "error")
        else:
            flash("Signalement clos.", "success")
        return redirect(url_for("moderation.report", uid=uid))
    return render_template("moderation/report.html", report=found)
