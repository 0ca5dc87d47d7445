"""Consent services: record the family's scoped agreement, mark it withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

from catalogue.models import Organisation, Service
from referral.consents.models import Consent, SharedInformation
from referral.pathways.audit import audit_case
from referral.pathways.models import Pathway


def record_consent(
    session: Session,
    pathway: Pathway,
    *,
    given_by: str,
    given_on: dt.date,
    information: Iterable[str],
    actor_id: int | None,
    services: Iterable[Service] = (),
    organisations: Iterable[Organisation] = (),
    purpose: str = "orientation",
    note: str = "",
) -> Consent:
    """Record the family's dated agreement for a purpose, partners and information items."""
    items = [str(SharedInformation(item)) for item in information]
    consent = Consent(
        pathway_id=pathway.id,
        purpose=purpose,
        given_by=given_by,
        given_on=given_on,
        information=items,
        note=note,
        recorded_by_id=actor_id,
        services=list(services),
        organisations=list(organisations),
    )
    session.add(consent)
    session.flush()
    audit_case(session, actor_id, "record_consent", pathway, consent=str(consent.uid))
    return consent


def mark_withdrawn(
    session: Session, consent: Consent, *, on: dt.date, actor_id: int | None
) -> Consent:
    """Mark a consent withdrawn from a day on (`privacy.rights.withdraw_consent` does the rest)."""
    if consent.withdrawn_on is None:
        consent.withdrawn_on = on
        consent.withdrawn_by_id = actor_id
        session.flush()
        audit_case(session, actor_id, "withdraw_consent", consent.pathway, consent=str(consent.uid))
    return consent
