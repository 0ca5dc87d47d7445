"""Referral pages: the référent's follow-up, the partner's inbox and link, the exit review."""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

blueprint = Blueprint("tracking", __name__)


@blueprint.record_once
def _setup(state: BlueprintSetupState) -> None:
    """Add the French labels filter and cancel unsent referrals when a consent is withdrawn."""
    from referral.pathways.services import on_consent_withdrawn
    from referral.tracking.hours import plain_hours
    from referral.tracking.labels import tracking_label
    from referral.tracking.services import cancel_unsent_after_withdrawal

    state.app.jinja_env.filters["tlabel"] = tracking_label
    state.app.jinja_env.filters["plain_hours"] = plain_hours
    on_consent_withdrawn(cancel_unsent_after_withdrawal)


from referral.web.tracking import exits, partner, referent  # noqa: E402, F401
