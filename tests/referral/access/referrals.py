"""Who may reach the referral pages and API (référent follow-up, partner inbox and link, exits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.referral.access import everyone, only, sample

TEAM = ("referent", "coordinator")
PARTNERS = ("partner", "partner_admin")


@sample("tracking_pathway")
def _pathway(world: Any) -> Any:
    from tests.common.factories import NeedFactory, PathwayFactory

    programme = world.get("programme")
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
    from tests.common.factories import ReferralFactory

    pathway = world.get("tracking_pathway")
    return ReferralFactory(
        need=pathway.needs[0],
        service=world.get("service"),
        state="sent",
        sent_at=dt.datetime.now(dt.UTC),
        payload={"child_first_name": "Lina"},
    )


def _token(world: Any) -> str:
    from referral.referrals.links import make_token

    with world.app.test_request_context():
        return make_token(world.get("tracking_referral"))


def _referral_uid(world: Any) -> Any:
    return world.get("tracking_referral").uid


def _pathway_uid(world: Any) -> Any:
    return world.get("tracking_pathway").uid


ANSWER = {"from": "sent", "to": "acknowledged"}

ROUTES = {
    "referrals.pathway_referrals": only(*TEAM),
    "referrals.create": only(*TEAM, ok=422),
    "referrals.referral": only(*TEAM),
    "referrals.transition": only(*TEAM, ok=302),
    "referrals.resend_link": only(*TEAM, ok=302),
    "referrals.send_now": only(*TEAM, ok=422),
    "referrals.orient": only(*TEAM),
    "referrals.orient_submit": only(*TEAM, ok=422),
    "referrals.service_suggestions": only(*TEAM),
    "referrals.family_sheet": only(*TEAM),
    "referrals.notifications": only(*TEAM),
    "referrals.notifications_read": only(*TEAM, ok=302),
    "referrals.partner_inbox": only(*PARTNERS),
    "referrals.partner_export": only(*PARTNERS),
    "referrals.partner_referral": only(*PARTNERS),
    "referrals.partner_answer": only(*PARTNERS, ok=302),
    "referrals.partner_link": everyone(200),
    "referrals.renew_link": everyone(200),
    "exits.exit_review": only("coordinator"),
    "exits.prepare_exit": only("coordinator", ok=302),
    "exits.justify_need": only("coordinator", ok=302),
    "exits.exit_pathway": only("coordinator", ok=302),
    "exits.post_exit_check": only("coordinator", ok=422),
    "api.referrals.create_referral_view": only(*TEAM, ok=400, anonymous=401),
    "api.referrals.reorient_referral": only(*TEAM, ok=400, denied=403, anonymous=401),
    "api.referrals.get_referral": only(*TEAM, *PARTNERS, denied=404, anonymous=401),
    "api.referrals.post_transition": only(*TEAM, *PARTNERS, ok=400, denied=404, anonymous=401),
    "api.referrals.partner_referrals": only(*PARTNERS, anonymous=401),
}

PARAMS = {
    "referrals.pathway_referrals": {"uid": _pathway_uid},
    "referrals.create": {"uid": _pathway_uid},
    "referrals.referral": {"uid": _referral_uid},
    "referrals.transition": {"uid": _referral_uid},
    "referrals.resend_link": {"uid": _referral_uid},
    "referrals.send_now": {"uid": _referral_uid},
    "referrals.family_sheet": {"uid": _referral_uid},
    "referrals.partner_referral": {"uid": _referral_uid},
    "referrals.partner_answer": {"uid": _referral_uid},
    "referrals.partner_link": {"uid": _referral_uid, "token": _token},
    "referrals.renew_link": {"uid": _referral_uid, "token": _token},
    "exits.prepare_exit": {"uid": lambda world: world.get("tracking_referral").pathway.uid},
    "exits.justify_need": {"uid": lambda world: world.get("tracking_pathway").needs[0].uid},
    "exits.exit_pathway": {"uid": _pathway_uid},
    "exits.post_exit_check": {"uid": _pathway_uid},
    "api.referrals.get_referral": {"referral_id": _referral_uid},
    "api.referrals.reorient_referral": {"referral_id": _referral_uid},
    "api.referrals.post_transition": {"referral_id": _referral_uid},
}

METHODS = {
    "referrals.partner_answer": "POST",
    "referrals.transition": "POST",
    "referrals.orient_submit": "POST",
}

DATA = {
    "referrals.transition": ANSWER,
    "referrals.partner_answer": ANSWER,
    "exits.prepare_exit": {"from": "active"},
    "exits.justify_need": {"justification": "La famille a déménagé."},
    "exits.exit_pathway": {"from": "active", "reason": "moved"},
}
