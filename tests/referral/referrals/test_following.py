"""The pathway follows its referrals: a failed one reopens the need; mail is never lost."""

from __future__ import annotations

import logging

import pytest

from referral.mail import retry_outbox, send_mail
from referral.referrals.machine import ActorKind
from referral.referrals.services import transition
from tests.common.referrals_world import make_world


@pytest.mark.parametrize(
    ("state", "target", "actor", "reason"),
    [
        ("sent", "declined_by_partner", ActorKind.PARTNER, "full"),
        ("sent", "expired", ActorKind.SYSTEM, None),
        ("sent", "cancelled", ActorKind.REFERENT, None),
        ("waitlisted", "no_follow_up", ActorKind.REFERENT, None),
    ],
)
def test_a_failed_referral_reopens_its_need(app, db_session, state, target, actor, reason):
    with app.test_request_context():
        world = make_world()
        world.need.status = "in_progress"
        referral = world.referral(state)
        transition(
            db_session,
            referral,
            from_state=state,
            to_state=target,
            actor=world.actor(actor),
            reason=reason,
            tell_people=False,
        )
    assert world.need.status == "identified"


def test_a_need_with_another_referral_under_way_stays_in_progress(app, db_session):
    from tests.common.factories import ReferralFactory, ServiceFactory

    with app.test_request_context():
        world = make_world()
        world.need.status = "in_progress"
        ReferralFactory(need=world.need, service=ServiceFactory(), state="acknowledged")
        referral = world.referral("sent")
        transition(
            db_session,
            referral,
            from_state="sent",
            to_state="cancelled",
            actor=world.actor(ActorKind.REFERENT),
            tell_people=False,
        )
    assert world.need.status == "in_progress"


@pytest.fixture
def app_settings(tmp_path, mail_settings):
    return {**mail_settings, "DATA_DIR": tmp_path}


def test_without_a_server_the_mail_is_logged_and_kept_for_its_owner(app, tmp_path, caplog):
    app.config["MAIL_SERVER"] = None
    with app.app_context(), caplog.at_level(logging.WARNING, logger=app.logger.name):
        send_mail("cmp@exemple.test", "Nouvelle orientation", "Lien : https://x/o/secret-token")
    assert "cmp@exemple.test" in caplog.text and "Nouvelle orientation" in caplog.text
    assert "secret-token" not in caplog.text
    [kept] = (tmp_path / "outbox").glob("*.eml")
    assert "secret-token" in kept.read_text()


def test_a_refused_send_is_kept_and_retried(app, tmp_path, smtp_server):
    app.config["MAIL_PORT"] = 9  # nothing listens there
    with app.app_context(), pytest.raises(OSError):
        send_mail("cmp@exemple.test", "Nouvelle orientation", "Corps")
    assert len(list((tmp_path / "outbox" / "retry").glob("*.eml"))) == 1
    app.config["MAIL_PORT"] = smtp_server.port
    with app.app_context():
        assert retry_outbox() == (1, 0)
    [message] = smtp_server.received.messages
    assert message["Subject"] == "Nouvelle orientation"
    assert list((tmp_path / "outbox" / "retry").glob("*.eml")) == []
