"""Account pages (thin: parse the form, call a service, render)."""

from __future__ import annotations

import time
import uuid
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from referral import database, permissions
from referral.accounts import mailing, proconnect, services
from referral.accounts.decorators import not_found_unless, permission_required, sign_in_required
from referral.accounts.forms import (
    ForgotPasswordForm,
    NewPasswordForm,
    SignInForm,
    TokenForm,
)
from referral.accounts.links import LinkError, LinkKind, read_link_token
from referral.accounts.models import ApiToken, User
from referral.accounts.security import audit_durably, limiter, throttling_off
from referral.audit.views import audit_page


def _login_limit() -> str:
    """Attempts allowed per account (the e-mail typed)."""
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _address_limit() -> str:
    """Attempts allowed per client address (looser: colleagues may share one address)."""
    return str(current_app.config["LOGIN_ADDRESS_RATE_LIMIT"])


def _submitted_email() -> str:
    return (request.form.get("email") or "").strip().lower() or "-"


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: never redirect to another host after signing in.

    Browsers drop tabs and line breaks from a URL (`/\t/evil.example` is `//evil.example`) and
    a line break cannot go into a header: any control character or space refuses the target.
    """
    if not target or any(char.isspace() or not char.isprintable() for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return None if "\\" in target else target


#: Where each role's work is, first page that exists wins (a role missing here lands home).
LANDINGS = (
    ("dpo", ("privacy.audit_log",)),
    ("coordinator", ("pathways.caseload",)),  # the programmes page is the admin's
    ("referent", ("pathways.caseload",)),
    ("eps_member", ("meetings.index",)),
    ("partner_admin", ("referrals.partner_inbox", "partners.dashboard")),
    ("partner", ("referrals.partner_inbox", "partners.dashboard")),
    ("funder", ("indicators.index",)),
    ("admin", ("accounts.users",)),
)


def landing(user: User) -> str:
    """Return the page where this person's work is: caseload, inbox, indicators, audit…"""
    for role, endpoints in LANDINGS:
        if user.has_role(role):
            found = next((e for e in endpoints if e in current_app.view_functions), None)
            if found:
                return url_for(found)
    return url_for("catalogue.home")


@limiter.limit(_address_limit, methods=["POST"], exempt_when=throttling_off)
@limiter.limit(
    _login_limit, methods=["POST"], key_func=_submitted_email, exempt_when=throttling_off
)
def login() -> ResponseReturnValue:
    """Sign in with an e-mail and a password."""
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = _checked_user(form.email.data or "", form.password.data or "")
        if user is not None:
            return _sign_in(user, form.next.data)
        audit_durably(
            actor_id=None,
            action="sign_in.failure",
            category="security",
            details={"email": _submitted_email()},
        )
        form.password.errors = ["Adresse e-mail ou mot de passe incorrect, ou compte désactivé."]
    return render_template("accounts/login.html", form=form, demo_accounts=_demo_accounts())


def _checked_user(email: str, password: str) -> User | None:
    """Check the password on a reader (hashing holds no write lock), then record the sign-in."""
    with database.get_database().reader() as reader:
        user_id = services.check_password(reader, email, password)
    if user_id is None:
        return None
    return services.record_sign_in(database.session(), user_id, password)


def _sign_in(user: User, next_path: str | None) -> ResponseReturnValue:
    session.clear()
    login_user(user)
    session.permanent = True
    session["last_seen"] = time.time()
    audit_durably(actor_id=user.id, action="sign_in.success", category="security")
    return redirect(_safe_next(next_path) or landing(user))


def _demo_accounts() -> list[tuple[str, str, str]]:
    if not current_app.config.get("DEMO"):
        return []
    from referral.demo.accounts import DEMO_PASSWORD, demo_account_list

    accounts = demo_account_list(database.session())
    return [(email, label, DEMO_PASSWORD) for email, label in accounts]


def logout() -> ResponseReturnValue:
    """Sign out."""
    if current_user.is_authenticated:
        audit_durably(actor_id=current_user.id, action="sign_out", category="security")
    provider_logout = proconnect.end_session_url()  # ends the ProConnect session too
    logout_user()
    session.clear()
    flash("Vous êtes déconnecté.", "info")
    return redirect(provider_logout or url_for("catalogue.home"))


@limiter.limit(_address_limit, methods=["POST"], exempt_when=throttling_off)
@limiter.limit(
    _login_limit, methods=["POST"], key_func=_submitted_email, exempt_when=throttling_off
)
def forgot_password() -> ResponseReturnValue:
    """Send a password reset link (valid one hour) to an active account's address."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.user_by_email(database.session(), form.email.data or "")
        if user is not None and user.active and user.password_hash:
            mailing.send_password_reset(user)
        flash(
            "Si un compte actif correspond à cette adresse, un lien vient d'y être envoyé "
            "(valable une heure).",
            "info",
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form)


def reset_password(token: str) -> ResponseReturnValue:
    """Choose a new password from a reset link."""
    return _password_from_link(LinkKind.PASSWORD_RESET, token)


def accept_invitation(token: str) -> ResponseReturnValue:
    """Accept an invitation: choose a password (the link is valid seven days)."""
    return _password_from_link(LinkKind.INVITATION, token)


def _password_from_link(kind: LinkKind, token: str) -> ResponseReturnValue:
    db = database.session()
    try:
        user = read_link_token(db, kind, token)
    except LinkError as error:
        audit_durably(actor_id=None, action=f"link.refused.{kind}", category="security")
        return render_template("accounts/link_invalid.html", message=str(error), kind=kind), 400
    form = NewPasswordForm(full_name=user.full_name)
    if form.validate_on_submit():
        try:
            services.set_password(db, user, form.password.data or "")
        except services.AccountError as error:
            form.password.errors = [str(error)]
        else:
            if kind == LinkKind.INVITATION and form.full_name.data:
                user.full_name = form.full_name.data
            audit_durably(actor_id=user.id, action=f"link.used.{kind}", category="security")
            flash("Mot de passe enregistré : vous pouvez vous connecter.", "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/set_password.html", form=form, kind=kind, user=user)


@sign_in_required
def account() -> ResponseReturnValue:
    """Show the signed-in user's account and personal API tokens."""
    tokens = services.tokens_of(database.session(), current_user)
    return render_template("accounts/account.html", tokens=tokens, form=TokenForm(), new_token=None)


@sign_in_required
def create_token() -> ResponseReturnValue:
    """Create a personal API token and show it once."""
    form = TokenForm()
    db = database.session()
    if not form.validate_on_submit():
        return render_template(
            "accounts/account.html",
            tokens=services.tokens_of(db, current_user),
            form=form,
            new_token=None,
        ), 400
    token, clear = services.issue_token(db, current_user, form.name.data or "")
    audit_durably(
        actor_id=current_user.id,
        action="token.created",
        category="security",
        target_type="api_token",
        target_id=token.uid,
    )
    return render_template(
        "accounts/account.html",
        tokens=services.tokens_of(db, current_user),
        form=TokenForm(formdata=None),
        new_token=clear,
    )


@sign_in_required
def revoke_token(uid: uuid.UUID) -> ResponseReturnValue:
    """Revoke one of the user's own tokens."""
    db = database.session()
    token = db.scalar(select(ApiToken).where(ApiToken.uid == uid))
    not_found_unless(token is not None and token.user_id == current_user.id)
    assert token is not None
    services.revoke_token(db, token)
    audit_durably(
        actor_id=current_user.id,
        action="token.revoked",
        category="security",
        target_type="api_token",
        target_id=token.uid,
    )
    flash("Jeton révoqué.", "success")
    return redirect(url_for("accounts.account"))


@permission_required(permissions.can_manage_accounts)
def users() -> ResponseReturnValue:
    """List the accounts one may manage: all (admin), else one's colleagues (of one's programme)."""
    db = database.session()
    if current_user.has_role("admin"):
        found = services.list_users(db)
    else:
        found = services.list_users(db, current_user.organisation, current_user.programme_id)
    return render_template("accounts/users.html", users=found)


@permission_required(permissions.can_manage_accounts)
def invite() -> ResponseReturnValue:
    """Create an account and e-mail its invitation link (valid seven days)."""
    db = database.session()
    form = mailing.invite_form(db, current_user)
    if form.validate_on_submit():
        try:
            user = mailing.invite(db, current_user, form)
        except services.AccountError as error:
            form.email.errors = [str(error)]
        else:
            flash(f"Invitation envoyée à {user.email} (lien valable 7 jours).", "success")
            return redirect(url_for("accounts.users"))
    return render_template("accounts/invite.html", form=form)


@permission_required(permissions.can_manage_accounts)
def deactivate(uid: uuid.UUID) -> ResponseReturnValue:
    """Deactivate an account: its sessions and tokens are refused at once."""
    return _set_active(uid, active=False)


@permission_required(permissions.can_manage_accounts)
def reactivate(uid: uuid.UUID) -> ResponseReturnValue:
    """Reactivate an account."""
    return _set_active(uid, active=True)


def _set_active(uid: uuid.UUID, *, active: bool) -> ResponseReturnValue:
    db = database.session()
    user = db.scalar(select(User).where(User.uid == uid))
    not_found_unless(user is not None and permissions.can_manage_account(current_user, user))
    assert user is not None
    if user.id == current_user.id:
        abort(400, "Vous ne pouvez pas désactiver votre propre compte.")
    (services.reactivate if active else services.deactivate)(db, user)
    audit_durably(
        actor_id=current_user.id,
        action="account.reactivated" if active else "account.deactivated",
        category="security",
        target_type="user",
        target_id=user.uid,
    )
    flash(f"Compte {user.email} {'réactivé' if active else 'désactivé'}.", "success")
    return redirect(url_for("accounts.users"))


@permission_required(permissions.can_read_audit_log)
def audit_log() -> ResponseReturnValue:
    """Review the audit log, filtered; nobody can change it."""
    return audit_page()
