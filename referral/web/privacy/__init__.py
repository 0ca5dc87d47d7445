"""Data-protection pages: notices, a family's rights (export, rectify, withdraw), audit review."""

from flask import Blueprint
from flask.blueprints import BlueprintSetupState

blueprint = Blueprint("privacy", __name__)


@blueprint.record_once
def _setup(state: BlueprintSetupState) -> None:
    """Cancel the referrals at a partner when a consent they relied on is withdrawn, anywhere."""
    from referral.pathways.services import on_consent_withdrawn
    from referral.privacy.rights import cancel_at_partner_after_withdrawal

    on_consent_withdrawn(cancel_at_partner_after_withdrawal)


from referral.web.privacy import views  # noqa: E402, F401
