"""Invitations and password-reset e-mails with their signed links."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Organisation, OrganisationKind
from referral import french, permissions
from referral.accounts import services
from referral.accounts.forms import InviteForm
from referral.accounts.links import MAX_AGE_SECONDS, LinkKind, make_link_token
from referral.accounts.models import User
from referral.accounts.security import audit_durably
from referral.labels import label
from referral.mail import mail_body, send_mail
from referral.programmes.models import Programme


def send_password_reset(user: User) -> None:
    """E-mail a password reset link valid one hour."""
    link = url_for(
        "accounts.reset_password",
        token=make_link_token(LinkKind.PASSWORD_RESET, user),
        _external=True,
    )
    send_mail(
        user.email,
        "Relais : réinitialisation de votre mot de passe",
        mail_body("password_reset", link=link),
    )


def send_invitation(user: User, inviter: User) -> None:
    """E-mail an invitation link valid seven days."""
    link = url_for(
        "accounts.accept_invitation",
        token=make_link_token(LinkKind.INVITATION, user),
        _external=True,
    )
    days = MAX_AGE_SECONDS[LinkKind.INVITATION] // 86400
    body = mail_body(
        "invitation",
        inviter=inviter.full_name or inviter.email,
        organisation=user.organisation.name,
        roles=user.roles,
        days=days,
        until=french.today() + dt.timedelta(days=days),
        link=link,
    )
    send_mail(user.email, "Relais : invitation à créer votre compte", body)


def invite_form(db: Session, inviter: Any) -> InviteForm:
    """Return the invitation form with the organisations and roles the inviter may give."""
    form = InviteForm()
    organisations = _admin_choices(db) if inviter.has_role("admin") else [inviter.organisation]
    form.organisation.choices = [(each.id, each.name) for each in organisations]
    form.roles.choices = [
        (role, label("role", role)) for role in permissions.roles_assignable_by(inviter)
    ]
    return form


def _admin_choices(db: Session) -> list[Organisation]:
    """Organisations with accounts or running a programme, and the one named in `?organisation=`.

    A national catalogue holds far too many organisations for one list: an admin reaches any
    other one through its uid (shown by `relais orgs list` and in the organisation's URL).
    """
    with_accounts = select(User.organisation_id)
    query = select(Organisation).where(
        Organisation.id.in_(with_accounts) | (Organisation.kind == OrganisationKind.PRE)
    )
    chosen = list(db.scalars(query.order_by(Organisation.name)))
    named = _named_organisation(db)
    return [named, *[each for each in chosen if each.id != named.id]] if named else chosen


def _named_organisation(db: Session) -> Organisation | None:
    try:
        wanted = uuid.UUID(request.args.get("organisation", ""))
    except ValueError:
        return None
    return db.scalar(select(Organisation).where(Organisation.uid == wanted))


def invite(db: Session, inviter: Any, form: InviteForm) -> User:
    """Create the invited account (no password yet) and send its link."""
    organisation = db.get(Organisation, form.organisation.data)
    if organisation is None:
        raise services.AccountError("Structure inconnue.")
    roles = form.roles.data or []
    first_coordinator = _check_invitation(db, inviter, organisation, roles)
    user = services.create_user(
        db,
        email=form.email.data or "",
        organisation=organisation,
        roles=roles,
        full_name=form.full_name.data or "",
        programme=_programme_of_invitee(db, inviter, organisation, roles),
    )
    audit_durably(
        actor_id=inviter.id,
        # Shown apart to the DPO: the one case role an admin may give.
        action="account.first_coordinator_invited" if first_coordinator else "account.invited",
        category="security",
        target_type="user",
        target_id=user.uid,
        details={"roles": user.roles},
    )
    send_invitation(user, inviter)
    return user


def _programme_of_invitee(
    db: Session, inviter: Any, organisation: Organisation, roles: list[str]
) -> Programme | None:
    """A coordinator's colleagues join the coordinator's programme; else the one carried."""
    if inviter.programme is not None and services.STAFF_ROLES & set(roles):
        return inviter.programme
    return services.default_programme(db, organisation, roles)


def _check_invitation(
    db: Session, inviter: Any, organisation: Organisation, roles: list[str]
) -> bool:
    """Refuse roles the inviter may not give there; tell whether it is a first coordinator."""
    programme_ids = list(
        db.scalars(select(Programme.id).where(Programme.organisation_id == organisation.id))
    )
    coordinators = db.scalars(select(User.roles).where(User.organisation_id == organisation.id))
    has_coordinator = any("coordinator" in (each or []) for each in coordinators)
    if not permissions.can_invite(
        inviter,
        organisation.id,
        roles,
        programme_ids=programme_ids,
        has_coordinator=has_coordinator,
    ):
        raise services.AccountError(
            "Seul un coordonnateur du programme peut donner un rôle d'accès aux parcours dans "
            "cette structure (un administrateur n'invite que le premier coordonnateur)."
        )
    return bool(programme_ids) and inviter.has_role("admin") and "coordinator" in roles
