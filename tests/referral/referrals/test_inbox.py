"""The partner's inbox: tabs that split every sent state once, one form per decision, the CSV."""

from __future__ import annotations

import datetime as dt

import pytest

from referral.referrals.machine import TRANSITIONS
from referral.referrals.models import ReferralState
from referral.referrals.queries import BEFORE_SENDING, INBOX_TABS
from tests.common.referrals_world import make_world


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def world(app, db_session):
    with app.test_request_context():
        created = make_world()
    db_session.flush()
    return created


def test_every_state_is_in_exactly_one_tab_or_never_reaches_the_partner():
    placed = [state for states in INBOX_TABS.values() for state in states]
    assert len(placed) == len(set(placed))
    assert set(placed) | set(BEFORE_SENDING) == set(ReferralState)
    assert not set(placed) & set(BEFORE_SENDING)
    assert {t.target for t in TRANSITIONS if t.source == ReferralState.SENT} <= set(placed)


@pytest.mark.parametrize(
    ("state", "tab"),
    [("sent", "answer"), ("waitlisted", "in_progress"), ("relay_accepted", "accepted"),
     ("expired", "closed")],
)  # fmt: skip
def test_a_referral_shows_under_its_tab_only(client, signed_in, world, state, tab):
    world.referral(state)
    browser = signed_in(client, world.partner)
    for key in INBOX_TABS:
        page = browser.get(f"/partner/referrals?tab={key}")
        assert ("Consultation CMP enfants</a>" in page.text) == (key == tab), key


def test_the_partner_page_has_one_form_per_decision(client, signed_in, world):
    referral = world.referral("sent")
    page = signed_in(client, world.partner).get(f"/partner/referrals/{referral.uid}")
    assert page.text.count('<details class="decision"') == 5
    assert page.text.count(f'action="/partner/referrals/{referral.uid}"') == 5


def test_the_csv_holds_the_period_and_no_more_than_the_payload(client, signed_in, world):
    inside = dt.datetime(2026, 10, 5, 9, tzinfo=dt.UTC)
    world.referral("relay_accepted", sent_at=inside, payload={
        "child_first_name": "Lina", "need": "Soutien", "family_message": "=HYPERLINK(1)",
        "parent_contact": [{"name": "Samia", "phone": "06 00 00 00 01"}]})  # fmt: skip
    world.referral("sent", sent_at=dt.datetime(2026, 11, 20, tzinfo=dt.UTC))
    world.referral("cancelled", sent_at=inside, payload={"child_first_name": "Lina"})
    response = signed_in(client, world.partner).get(
        "/partner/referrals.csv?start=2026-10-01&end=2026-10-31"
    )
    lines = response.text.strip().splitlines()
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert len(lines) == 3
    accepted, cancelled = sorted(lines[1:], key=lambda line: "annulée" in line)
    assert "Samia, 06 00 00 00 01" in accepted and "'=HYPERLINK(1)" in accepted
    assert "Lina" not in cancelled and "Zorglub" not in response.text


def test_the_csv_period_and_dates_are_french_days(client, signed_in, world):
    world.referral("sent", sent_at=dt.datetime(2026, 9, 30, 22, 30, tzinfo=dt.UTC))  # 1 Oct, Paris
    world.referral("sent", sent_at=dt.datetime(2026, 10, 31, 23, 30, tzinfo=dt.UTC))  # 1 Nov
    response = signed_in(client, world.partner).get(
        "/partner/referrals.csv?start=2026-10-01&end=2026-10-31"
    )
    [_header, row] = response.text.strip().splitlines()
    assert "2026-10-01" in row


def test_a_wrong_period_is_400(client, signed_in, world):
    response = signed_in(client, world.partner).get("/partner/referrals.csv?start=hier")
    assert response.status_code == 400


def test_a_wrong_date_in_a_decision_is_shown_beside_it(client, signed_in, world):
    referral = world.referral("sent")
    response = signed_in(client, world.partner).post(
        f"/partner/referrals/{referral.uid}",
        data={"from": "sent", "to": "waitlisted", "expected_on": "demain"},
    )
    assert response.status_code == 422
    assert 'aria-describedby="act-2-error"' in response.text and referral.state == "sent"
