"""The partner's signed link: answers without an account; expiry, tampering, scope, renewal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from referral.referrals.links import make_token
from tests.common.referrals_world import PARTNER_EMAIL, make_world


@pytest.fixture
def app_settings(mail_settings):
    return {**mail_settings, "WTF_CSRF_ENABLED": False}


def _url(referral, token=None):
    return f"/o/{referral.uid}/{token or make_token(referral)}"


def _sent(app):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent", payload={"child_first_name": "Lina", "need": "Soutien"})
        return world, referral, make_token(referral)


def test_the_link_shows_the_payload_without_an_account(app, client):
    _, referral, token = _sent(app)
    page = client.get(_url(referral, token))
    assert page.status_code == 200 and "Lina" in page.text


def test_the_partner_accepts_the_relay_through_the_link(app, client, db_session):
    _world, referral, token = _sent(app)
    answer = client.post(_url(referral, token), data={"from": "sent", "to": "relay_accepted"})
    db_session.refresh(referral)
    assert answer.status_code == 302 and referral.state == "relay_accepted"
    assert referral.events[-1].channel == "link"


def test_a_stale_answer_through_the_link_is_a_conflict(app, client, db_session):
    _, referral, token = _sent(app)
    client.post(_url(referral, token), data={"from": "sent", "to": "relay_accepted"})
    late = client.post(
        _url(referral, token), data={"from": "sent", "to": "declined_by_partner", "reason": "full"}
    )
    assert late.status_code == 409 and "entre-temps" in late.text


def test_a_tampered_link_is_refused(app, client):
    _, referral, token = _sent(app)
    assert client.get(_url(referral, token[:-3] + "abc")).status_code == 404


def test_a_link_is_valid_for_its_own_referral_only(app, client):
    world, _referral, token = _sent(app)
    with app.test_request_context():
        other = world.referral("sent")
    assert client.get(f"/o/{other.uid}/{token}").status_code == 404


def test_a_link_expires_after_eight_days_and_can_be_renewed(app, client, smtp_server):
    _, referral, token = _sent(app)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=9)):
        expired = client.get(_url(referral, token))
        renewed = client.post(f"{_url(referral, token)}/renew")
    assert expired.status_code == 410 and "expiré" in expired.text
    assert renewed.status_code == 200
    assert len(smtp_server.received.to(PARTNER_EMAIL)) == 1


def test_a_link_still_works_on_day_seven(app, client):
    _, referral, token = _sent(app)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=7)):
        assert client.get(_url(referral, token)).status_code == 200


def test_reading_through_the_link_is_written_to_the_audit_log(app, client, db_session):
    from sqlalchemy import select

    from referral.audit.models import AuditEvent

    _, referral, token = _sent(app)
    client.get(_url(referral, token))
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.target_id == str(referral.uid))
    ).all()
    assert "read_referral" in actions


def test_a_renewed_link_revokes_the_older_ones(app, client, smtp_server):
    _, referral, old = _sent(app)
    client.post(f"{_url(referral, old)}/renew")
    (mail,) = smtp_server.received.to(PARTNER_EMAIL)
    new = re.search(r"https?://[^/]+(/o/\S+)", mail.get_content()).group(1)
    refused = client.get(_url(referral, old))
    assert refused.status_code == 404 and "remplacé par un lien plus récent" in refused.text
    assert client.get(new).status_code == 200


def test_a_reminder_keeps_the_first_link_working(app, client, smtp_server):
    from referral.referrals import notify

    _, referral, token = _sent(app)
    with app.test_request_context():
        notify.mail_partner(referral, reminder=1)
    assert client.get(_url(referral, token)).status_code == 200
