"""Who may reach the referral pages and API (référent follow-up, partner inbox and link, exits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.referral.access import everyone, only, sample

TEAM = ("referent", "coordinator")
PARTNERS = ("partner", "partner_admin")


@sample("tracking_pathway")
def _pathway(world: Any) -> Any:
    from tests.factories import NeedFactory, PathwayFactory, ProgrammeFactory

    programme = ProgrammeFactory(organisation=world.users["coordinator"].organisation)
    pathway = PathwayFactory(
        programme=programme,
        child__family__programme=programme,
        referent=world.users["referent"],
        contract_end=dt.date.today() + dt.timedelta(days=40),
    )
    NeedFactory(pathway=pathway)
    return pathway


@sample("tracking_referral")
def _referral(world: Any) -> Any:
    from tests.factories import ReferralFactory

    pathway = world.get("tracking_pathway")
    return ReferralFactory(
        need=pathway.needs[0],
        service=world.get("service"),
        state="sent",
        sent_at=dt.datetime.now(dt.UTC),
        payload={"child_first_name": "Lina"},
    )


def _token(world: Any) -> str:
    from referral.tracking.links import make_token

    with world.app.test_request_context():
        return make_token(world.get("tracking_referral"))


def _referral_uid(world: Any) -> Any:
    return world.get("tracking_referral").uid


def _pathway_uid(world: Any) -> Any:
    return world.get("tracking_pathway").uid


ANSWER = {"from": "sent", "to": "acknowledged"}

ROUTES = {
    "tracking.pathway_referrals": only(*TEAM),
    "tracking.create": only(*TEAM, ok=422),
    "tracking.referral": only(*TEAM),
    "tracking.transition": only(*TEAM, ok=302),
    "tracking.resend_link": only(*TEAM, ok=302),
    "tracking.family_sheet": only(*TEAM),
    "tracking.notifications": only(*TEAM),
    "tracking.notifications_read": only(*TEAM, ok=302),
    "tracking.partner_inbox": only(*PARTNERS),
    "tracking.partner_referral": only(*PARTNERS),
    "tracking.partner_answer": only(*PARTNERS, ok=302),
    "tracking.partner_link": everyone(200),
    "tracking.renew_link": everyone(200),
    "tracking.exit_review": only("coordinator"),
    "tracking.prepare_exit": only("coordinator", ok=302),
    "tracking.justify_need": only("coordinator", ok=302),
    "tracking.exit_pathway": only("coordinator", ok=302),
    "tracking.post_exit_check": only("coordinator", ok=422),
    "api.referrals.create_referral_view": only(*TEAM, ok=400, anonymous=401),
    "api.referrals.get_referral": only(*TEAM, *PARTNERS, denied=404, anonymous=401),
    "api.referrals.post_transition": only(*TEAM, *PARTNERS, ok=400, denied=404, anonymous=401),
    "api.referrals.partner_referrals": only(*PARTNERS, anonymous=401),
}

PARAMS = {
    "tracking.pathway_referrals": {"uid": _pathway_uid},
    "tracking.create": {"uid": _pathway_uid},
    "tracking.referral": {"uid": _referral_uid},
    "tracking.transition": {"uid": _referral_uid},
    "tracking.resend_link": {"uid": _referral_uid},
    "tracking.family_sheet": {"uid": _referral_uid},
    "tracking.partner_referral": {"uid": _referral_uid},
    "tracking.partner_answer": {"uid": _referral_uid},
    "tracking.partner_link": {"uid": _referral_uid, "token": _token},
    "tracking.renew_link": {"uid": _referral_uid, "token": _token},
    "tracking.prepare_exit": {"uid": lambda world: world.get("tracking_referral").pathway.uid},
    "tracking.justify_need": {"uid": lambda world: world.get("tracking_pathway").needs[0].uid},
    "tracking.exit_pathway": {"uid": _pathway_uid},
    "tracking.post_exit_check": {"uid": _pathway_uid},
    "api.referrals.get_referral": {"referral_id": _referral_uid},
    "api.referrals.post_transition": {"referral_id": _referral_uid},
}

METHODS = {"tracking.partner_answer": "POST", "tracking.transition": "POST"}

DATA = {
    "tracking.transition": ANSWER,
    "tracking.partner_answer": ANSWER,
    "tracking.prepare_exit": {"from": "active"},
    "tracking.justify_need": {"justification": "La famille a déménagé."},
    "tracking.exit_pathway": {"from": "active", "reason": "moved"},
}
