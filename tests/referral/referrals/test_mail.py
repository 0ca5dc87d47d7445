"""Referral e-mails, received by a real local SMTP server: never a child's or family's name."""

from __future__ import annotations

import datetime as dt

import pytest

from referral.french import french_date, today
from referral.referrals import notify
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


def test_the_referent_email_says_the_answer_and_its_date_in_french(app, db_session, smtp_server):
    with app.test_request_context():
        world = make_world()
        transition(
            db_session,
            world.referral("sent"),
            from_state="sent",
            to_state="appointment_set",
            actor=world.actor(ActorKind.PARTNER),
            dates={"appointment_on": "2026-12-07"},
        )
    [message] = smtp_server.received.to(world.referent.email)
    text = _text(message)
    assert "rendez-vous fixé" in text and "rendez-vous : 7 décembre 2026" in text
    assert "appointment" not in text and "2026-12-07" not in text


def test_the_partner_email_says_until_when_its_link_is_valid(app, db_session, smtp_server):
    with app.test_request_context():
        world = make_world()
        transition(
            db_session,
            world.referral("family_agreed"),
            from_state="family_agreed",
            to_state="sent",
            actor=world.actor(ActorKind.REFERENT),
        )
    until = today() + dt.timedelta(days=8)
    text = _text(smtp_server.received.to(PARTNER_EMAIL)[0])
    assert f"valable 8 jours, jusqu'au {french_date(until, 'long')}" in text
    assert f"le {french_date(today(), 'long')} au service" in text


def test_the_partner_email_dates_a_late_evening_sending_on_french_time(
    app, db_session, smtp_server
):
    with app.test_request_context():
        world = make_world()
        winter_evening = dt.datetime(2026, 1, 14, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 15th
        referral = world.referral("sent", sent_at=winter_evening)
        db_session.flush()
        db_session.refresh(referral)  # as stored: naive UTC on SQLite, aware on PostgreSQL
        notify.mail_partner(referral)
    text = _text(smtp_server.received.to(PARTNER_EMAIL)[0])
    assert "adressée le 15 janvier 2026 au service" in text
