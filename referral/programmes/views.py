"""« Programmes » pages (thin: parse the form, call a service, render)."""

from __future__ import annotations

import uuid

from flask import current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlalchemy import select

from catalogue.models import Organisation
from referral import database, permissions
from referral.accounts import services as accounts
from referral.accounts.decorators import not_found_unless, permission_required
from referral.accounts.models import Role, User
from referral.accounts.security import audit_durably
from referral.privacy.settings import retention_days
from referral.programmes import services
from referral.programmes.forms import CoordinatorForm, ProgrammeForm, organisation_choices
from referral.programmes.models import Programme

admin_only = permission_required(permissions.can_manage_programmes)


@admin_only
def index() -> ResponseReturnValue:
    """List the programmes and create one."""
    session = database.session()
    form = ProgrammeForm()
    form.organisation.choices = organisation_choices(session)
    if form.validate_on_submit():
        try:
            programme = _create(form)
        except services.ProgrammeError as error:
            form.epci_name.errors = [str(error)]
        else:
            flash(f"Programme « {programme.name} » créé : invitez son coordonnateur.", "success")
            return redirect(url_for("programmes.show", uid=programme.uid))
    status = 400 if form.errors else 200
    return render_template(
        "programmes/index.html",
        form=form,
        programmes=services.list_programmes(session),
        default_retention=retention_days(current_app.config),
    ), status


def _create(form: ProgrammeForm) -> Programme:
    session = database.session()
    organisation = session.get(Organisation, form.organisation.data)
    if organisation is None:
        raise services.ProgrammeError("Structure inconnue.")
    territory = services.territory_from_names(
        session, form.epci_name.data or "", form.commune_names.data or ""
    )
    programme = services.create_programme(
        session,
        name=form.name.data or "",
        organisation=organisation,
        territory=territory,
        charter_text=form.charter_text.data or "",
        moderation_required=bool(form.moderation_required.data),
        retention_days=form.retention_days.data,
    )
    _audit("programme.created", programme)
    return programme


def _audit(action: str, programme: Programme) -> None:
    audit_durably(
        actor_id=current_user.id,
        action=action,
        category="technical",
        target_type="programme",
        target_id=programme.uid,
    )


def _programme(uid: uuid.UUID) -> Programme:
    found = database.session().scalar(select(Programme).where(Programme.uid == uid))
    not_found_unless(found is not None)
    assert found is not None
    return found


@admin_only
def show(uid: uuid.UUID) -> ResponseReturnValue:
    """Show a programme's settings and invite its coordinator."""
    return _show_page(_programme(uid), CoordinatorForm())


def _show_page(
    programme: Programme, form: CoordinatorForm, status: int = 200
) -> ResponseReturnValue:
    coordinators = database.session().scalars(
        select(User).where(User.programme_id == programme.id).order_by(User.email)
    )
    return render_template(
        "programmes/show.html",
        programme=programme,
        form=form,
        coordinators=[user for user in coordinators if user.has_role(Role.COORDINATOR)],
        default_retention=retention_days(current_app.config),
    ), status


@admin_only
def invite_coordinator(uid: uuid.UUID) -> ResponseReturnValue:
    """Create the coordinator's account in the carrying organisation and e-mail the link."""
    from referral.accounts.mailing import send_invitation

    programme = _programme(uid)
    form = CoordinatorForm()
    if not form.validate_on_submit():
        return _show_page(programme, form, 400)
    try:
        user = accounts.create_user(
            database.session(),
            email=form.email.data or "",
            organisation=programme.organisation,
            roles=[Role.COORDINATOR],
            programme=programme,
            full_name=form.full_name.data or "",
        )
    except accounts.AccountError as error:
        form.email.errors = [str(error)]
        return _show_page(programme, form, 400)
    audit_durably(
        actor_id=current_user.id,
        action="account.invited",
        category="security",
        target_type="user",
        target_id=user.uid,
        details={"roles": user.roles, "programme": str(programme.uid)},
    )
    send_invitation(user, current_user)
    flash(f"Invitation envoyée à {user.email} (lien valable 7 jours).", "success")
    return redirect(url_for("programmes.show", uid=programme.uid))
