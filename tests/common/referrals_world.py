"""A small world for the referral tests: a programme, its team, a child, a partner and a service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from referral.referrals.machine import ActorKind
from referral.referrals.models import Referral
from referral.referrals.services import Actor
from tests.common.factories import (
    ConsentFactory,
    NeedFactory,
    OrganisationFactory,
    PathwayFactory,
    ProgrammeFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
)

PARTNER_EMAIL = "orientations@cmp-fictif.test"


@dataclass
class World:
    """Everything one referral needs."""

    referent: Any
    coordinator: Any
    partner: Any
    other_partner: Any
    pathway: Any
    need: Any
    service: Any
    consent: Any

    def referral(self, state: str = "draft", **kwargs: Any) -> Referral:
        """Create a referral of the world's need to its service, at a state."""
        if state not in ("draft", "proposed", "family_agreed", "family_declined"):
            kwargs.setdefault("sent_at", dt.datetime.now(dt.UTC))
            kwargs.setdefault("payload", {"child_first_name": "Lina"})
        return ReferralFactory(need=self.need, service=self.service, state=state, **kwargs)

    def actor(self, kind: ActorKind) -> Actor:
        """Return an actor of a kind, with the matching user."""
        user = {
            ActorKind.REFERENT: self.referent,
            ActorKind.COORDINATOR: self.coordinator,
            ActorKind.ON_BEHALF: self.referent,
            ActorKind.PARTNER: self.partner,
        }.get(kind)
        return Actor(user, frozenset({kind}), "timer" if kind == ActorKind.SYSTEM else "web")


def make_world(programme: Any = None, **service_kwargs: Any) -> World:
    """Build the world in the factories' session (in a new programme unless one is given)."""
    programme = programme or ProgrammeFactory()
    referent = UserFactory(
        organisation=programme.organisation,
        programme=programme,
        roles=["referent"],
        full_name="Claire Référente",
        phone="05 49 11 22 33",
    )
    coordinator = UserFactory(
        organisation=programme.organisation, programme=programme, roles=["coordinator"]
    )
    partner_org = OrganisationFactory(name="CMP fictif", kind="cmp")
    partner = UserFactory(organisation=partner_org, roles=["partner"])
    other_partner = UserFactory(roles=["partner"])
    pathway = PathwayFactory(
        programme=programme,
        referent=referent,
        child__family__programme=programme,
        child__first_name="Lina",
        child__last_name="Zorglub",
        child__family__guardians=[
            {"name": "Samia Zorglub", "phone": "06 00 00 00 01", "email": "parent@exemple.test"}
        ],
    )
    need = NeedFactory(pathway=pathway)
    service = ServiceFactory(
        organisation=partner_org,
        name="Consultation CMP enfants",
        referral_email=PARTNER_EMAIL,
        **service_kwargs,
    )
    consent = ConsentFactory(pathway=pathway, organisations=[partner_org])
    return World(referent, coordinator, partner, other_partner, pathway, need, service, consent)
