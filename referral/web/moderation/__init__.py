"""Coordination of the catalogue: moderation queue, stale entries, error reports."""

from flask import Blueprint

blueprint = Blueprint("moderation", __name__, url_prefix="/moderation")

import referral.web.moderation.views  # noqa: E402, F401
