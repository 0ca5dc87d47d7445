"""Referral e-mails, received by a real local SMTP server: never a child's or family's name."""

from __future__ import annotations

import pytest

from referral.referrals.machine import ActorKind
from referral.referrals.services import transition
from tests.common.referrals_world import PARTNER_EMAIL, make_world


@pytest.fixture
def app_settings(mail_settings):
    return dict(mail_settings)


def _text(message) -> str:
    return f"{message['Subject']}\n{message.get_content()}"


def test_the_partner_receives_the_service_name_and_a_signed_link(app, db_session, smtp_server):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("family_agreed")
        transition(
            db_session,
            referral,
            from_state="family_agreed",
            to_state="sent",
            actor=world.actor(ActorKind.REFERENT),
        )
    [message] = smtp_server.received.to(PARTNER_EMAIL)
    assert "Consultation CMP enfants" in _text(message)
    assert f"/o/{referral.uid}/" in _text(message)


def test_the_partner_email_names_neither_the_child_nor_the_family(app, db_session, smtp_server):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("family_agreed")
        transition(
            db_session,
            referral,
            from_state="family_agreed",
            to_state="sent",
            actor=world.actor(ActorKind.REFERENT),
        )
    [message] = smtp_server.received.to(PARTNER_EMAIL)
    assert not {"Zorglub", "Lina", "Samia"} & set(_text(message).replace(".", " ").split())


def test_the_referent_email_about_an_answer_has_no_last_name(app, db_session, smtp_server):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        transition(
            db_session,
            referral,
            from_state="sent",
            to_state="declined_by_partner",
            actor=world.actor(ActorKind.PARTNER),
            reason="out_of_area",
        )
    [message] = smtp_server.received.to(world.referent.email)
    assert "hors secteur" in _text(message)
    assert "Zorglub" not in _text(message)
