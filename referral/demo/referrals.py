"""Demo referrals: a few orientations at various stages on the demo pathways (idempotent)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Service, ServiceStatus
from catalogue.models.service import service_needs
from referral.accounts.models import User
from referral.consents.models import Consent, SharedInformation
from referral.pathways.models import Need, Pathway, PathwayState
from referral.referrals.machine import ActorKind
from referral.referrals.models import Referral
from referral.referrals.services import Actor, create_referral, team_actor, transition

if TYPE_CHECKING:
    from referral.demo import DemoReport

# Each demo referral walks this far along the table, one pathway after the other.
ROUTES = (
    ("proposed", "family_agreed", "sent"),
    ("proposed", "family_agreed", "sent", "waitlisted"),
    ("proposed", "family_agreed", "sent", "relay_accepted"),
    ("proposed",),
    ("proposed", "family_agreed", "sent", "declined_by_partner"),
)
PARTNER_ANSWERS = {"relay_accepted", "waitlisted", "declined_by_partner", "acknowledged"}


def _service_for(session: Session, need: Need) -> Service | None:
    """Return a service for the need, preferring those whose partner has a demo account."""
    with_accounts = select(User.organisation_id)
    return session.scalar(
        select(Service)
        .join(service_needs, service_needs.c.service_id == Service.id)
        .where(
            service_needs.c.need_code == need.need_code,
            Service.status == ServiceStatus.ACTIVE,
            Service.referral_email.is_not(None),
        )
        .order_by(Service.organisation_id.in_(with_accounts).desc(), Service.id)
        .limit(1)
    )


def _consent_for(session: Session, pathway: Pathway, service: Service) -> None:
    consent = Consent(
        pathway_id=pathway.id,
        given_by="Parent (fictif)",
        given_on=dt.date.today(),
        information=[str(item) for item in SharedInformation],
        organisations=[service.organisation],
        recorded_by_id=pathway.referent_id,
        note="Accord de démonstration.",
    )
    session.add(consent)
    session.flush()


def _walk(session: Session, referral: Referral, route: tuple[str, ...]) -> None:
    """Move the referral along; the partner's answers are noted by the référent, by phone."""
    kinds = frozenset({ActorKind.REFERENT, ActorKind.ON_BEHALF})
    for target in route:
        channel = "phone" if target in PARTNER_ANSWERS else "web"
        transition(
            session,
            referral,
            from_state=referral.state,
            to_state=target,
            actor=Actor(referral.pathway.referent, kinds, channel),
            reason="full" if target == "declined_by_partner" else None,
            dates={"expected_on": dt.date.today() + dt.timedelta(days=45)},
            tell_people=False,
        )


def referrals_step(session: Session, report: DemoReport) -> None:
    """Add one referral on each of the first demo pathways that have none yet."""
    pathways = session.scalars(
        select(Pathway)
        .where(
            Pathway.state.in_([PathwayState.ACTIVE, PathwayState.EXIT_REVIEW]),
            Pathway.referent_id.is_not(None),
        )
        .order_by(Pathway.id)
    ).all()
    created = 0
    for pathway, route in zip(pathways, ROUTES, strict=False):
        if session.scalar(select(Referral.id).where(Referral.pathway_id == pathway.id).limit(1)):
            continue
        need = next((n for n in pathway.needs if n.is_open), None)
        service = _service_for(session, need) if need is not None else None
        if need is None or service is None:
            continue
        _consent_for(session, pathway, service)
        referral = create_referral(
            session,
            need=need,
            service=service,
            actor=team_actor(pathway.referent),
            family_message="La famille souhaite un premier rendez-vous.",
        )
        _walk(session, referral, route)
        created += 1
    report.counts["orientations"] = created
