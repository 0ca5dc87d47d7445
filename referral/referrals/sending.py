"""Send in one action when the family's consent is already on file (two steps from a proposal)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from referral.consents.models import Consent
from referral.referrals.errors import TrackingError
from referral.referrals.models import Referral, ReferralState
from referral.referrals.payload import build_payload, covering_consent
from referral.referrals.services import Actor, transition

#: The steps a referral walks to `sent` when a recorded consent stands for the family's agreement.
_TO_SENT = (ReferralState.DRAFT, ReferralState.PROPOSED, ReferralState.FAMILY_AGREED)


def consent_on_file(session: Session, referral: Referral, day: dt.date) -> Consent | None:
    """Return the recorded, unwithdrawn consent covering this service and payload, if any."""
    try:
        return covering_consent(session, referral, build_payload(referral, day), day)
    except TrackingError:
        return None


def send_with_consent(
    session: Session, referral: Referral, actor: Actor, *, message: str = ""
) -> Referral:
    """Walk a draft to `sent` in one action, the consent on file being the family's agreement.

    Every state is still recorded; the send keeps its consent guard. Without a covering
    consent nothing moves and the référent is told to record the agreement first.
    """
    day = dt.date.today()
    consent = consent_on_file(session, referral, day)
    if consent is None or referral.state not in _TO_SENT:
        covering_consent(session, referral, build_payload(referral, day), day)  # raises
        raise TrackingError("Cette orientation n'est plus à envoyer.")
    evidence = f"Accord de la famille enregistré le {consent.given_on:%d/%m/%Y}."
    steps = (ReferralState.PROPOSED, ReferralState.FAMILY_AGREED, ReferralState.SENT)
    for target in steps[_TO_SENT.index(ReferralState(referral.state)) :]:
        note = message if target == ReferralState.SENT else evidence
        transition(
            session, referral, from_state=referral.state, to_state=target, actor=actor, note=note
        )
    return referral
