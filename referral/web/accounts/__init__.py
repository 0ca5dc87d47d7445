"""Sign-in, sign-out, password reset, invitations, personal tokens, accounts and audit log."""

from flask import Blueprint

blueprint = Blueprint("accounts", __name__)

import referral.web.accounts.views  # noqa: E402, F401
