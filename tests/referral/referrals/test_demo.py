"""Demo referrals: created on the demo pathways at various stages, once."""

from __future__ import annotations

from sqlalchemy import select

from catalogue.models import NeedTerm
from referral.demo import DemoReport
from referral.demo.referrals import referrals_step
from referral.referrals.models import Referral
from tests.common.referrals_world import make_world


def test_demo_referrals_walk_along_and_a_second_run_adds_nothing(app, db_session):
    with app.test_request_context():
        term = db_session.get(NeedTerm, "scolarite--soutien-scolaire")
        world = make_world(need_terms=[term])
        first, second = DemoReport(), DemoReport()
        referrals_step(db_session, first)
        referrals_step(db_session, second)
    states = db_session.scalars(
        select(Referral.state).where(Referral.pathway_id == world.pathway.id)
    ).all()
    assert (first.counts["orientations"], second.counts["orientations"]) == (1, 0)
    assert states == ["sent"]


def test_demo_referrals_need_no_app_and_send_nothing(db_session):
    term = db_session.get(NeedTerm, "scolarite--soutien-scolaire")
    world = make_world(need_terms=[term])
    referrals_step(db_session, DemoReport())
    sent = db_session.scalar(select(Referral).where(Referral.pathway_id == world.pathway.id))
    assert sent is not None and sent.state == "sent"
