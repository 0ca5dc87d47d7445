"""Partner self-service: dashboard, services and places of one's organisation, history."""

from flask import Blueprint

blueprint = Blueprint("partner", __name__, url_prefix="/partner")

import referral.web.partner.places  # noqa: E402
import referral.web.partner.views  # noqa: E402, F401
