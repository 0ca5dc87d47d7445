"""`relais referrals …`: the tick command and the generated table of states."""

from __future__ import annotations

import datetime as dt

from referral.privacy.rights import withdraw_consent
from referral.referrals.machine import markdown_table
from tests.common.referrals_world import make_world


def test_tick_prints_a_summary(runner):
    result = runner.invoke(args=["referrals", "tick"])
    assert result.exit_code == 0 and "Relances" in result.output


def test_tick_expires_an_old_referral(app, runner, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent", sent_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=31))
    db_session.flush()
    runner.invoke(args=["referrals", "tick"])
    db_session.refresh(referral)
    assert referral.state == "expired"


def test_states_table_writes_the_document(runner, tmp_path):
    target = tmp_path / "states.md"
    result = runner.invoke(args=["referrals", "states-table", "--output", str(target)])
    assert result.exit_code == 0 and target.read_text(encoding="utf-8") == markdown_table()


def test_withdrawing_the_consent_cancels_the_agreed_referral_not_yet_sent(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("family_agreed")
        withdraw_consent(db_session, world.consent, day=dt.date.today(), actor_id=None)
    assert referral.state == "cancelled"
    assert referral.events[-1].note == "Accord de la famille retiré."
