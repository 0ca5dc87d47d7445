"""Referral pages: the child's referrals, one referral, the family sheet, the partner's inbox."""

from __future__ import annotations

import pytest

from tests.common.referrals_world import make_world


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def world(app, db_session):
    with app.test_request_context():
        created = make_world(opening_hours="Mo-Fr 09:00-17:00", referral_phone="05 49 99 99 99")
    db_session.flush()
    return created


def test_child_page_lists_referrals_and_on_whom_they_wait(client, signed_in, world):
    world.referral("sent")
    page = signed_in(client, world.referent).get(f"/pathways/{world.pathway.uid}/referrals")
    assert page.status_code == 200
    assert "Consultation CMP enfants" in page.text and "le partenaire (sa réponse)" in page.text


def test_referent_creates_then_proposes_a_referral(client, signed_in, world, db_session):
    browser = signed_in(client, world.referent)
    created = browser.post(
        f"/pathways/{world.pathway.uid}/referrals",
        data={"need": str(world.need.uid), "service": str(world.service.uid)},
    )
    assert created.status_code == 302
    moved = browser.post(created.headers["Location"], data={"from": "draft", "to": "proposed"})
    assert moved.status_code == 302


def test_sending_without_consent_says_why(client, signed_in, world, db_session):
    world.consent.organisations = []
    referral = world.referral("family_agreed")
    db_session.flush()
    page = signed_in(client, world.referent).post(
        f"/referrals/{referral.uid}", data={"from": "family_agreed", "to": "sent"}
    )
    assert page.status_code == 422 and "accord" in page.text


def test_a_stale_page_gets_a_conflict_page(client, signed_in, world):
    referral = world.referral("relay_accepted")
    page = signed_in(client, world.referent).post(
        f"/referrals/{referral.uid}", data={"from": "sent", "to": "cancelled"}
    )
    assert page.status_code == 409 and "Quelqu'un a agi avant vous" in page.text


def test_family_sheet_says_where_when_and_whom_to_call(client, signed_in, world):
    referral = world.referral("appointment_set")
    page = signed_in(client, world.referent).get(f"/referrals/{referral.uid}/family-sheet")
    assert page.status_code == 200
    for words in (
        "Où aller ?",
        "Du lundi au vendredi de 9 h à 17 h.",
        "05 49 99 99 99",
        "Quoi apporter ?",
    ):
        assert words in page.text


def test_partner_inbox_shows_only_its_organisation(client, signed_in, world):
    world.referral("sent")
    mine = signed_in(client, world.partner).get("/partner/referrals")
    assert "Consultation CMP enfants" in mine.text
    theirs = signed_in(client, world.other_partner).get("/partner/referrals")
    assert "Consultation CMP enfants" not in theirs.text


def test_partner_declines_with_a_reason_and_the_referent_is_notified(client, signed_in, world):
    referral = world.referral("sent")
    signed_in(client, world.partner).post(
        f"/partner/referrals/{referral.uid}",
        data={"from": "sent", "to": "declined_by_partner", "reason": "full"},
    )
    page = signed_in(client, world.referent).get("/notifications")
    assert "refusée par le partenaire" in page.text and "complet" in page.text


def test_a_decline_without_reason_is_shown_beside_the_field(client, signed_in, world):
    referral = world.referral("sent")
    page = signed_in(client, world.partner).post(
        f"/partner/referrals/{referral.uid}",
        data={"from": "sent", "to": "declined_by_partner"},
    )
    assert page.status_code == 422 and "Indiquez le motif du refus." in page.text
    assert 'name="reason" required aria-invalid="true" aria-describedby="act-' in page.text
