"""Sign-in, sign-out, password reset, invitations, personal tokens, accounts and audit log."""

from flask import Blueprint

blueprint = Blueprint("accounts", __name__)

from referral.web.accounts import views  # noqa: E402, F401
