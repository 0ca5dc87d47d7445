"""« Orienter »: choose the child and the need, preview, send in one action with consent on file."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy import select

from referral.referrals.models import Referral
from tests.common.referrals_world import PARTNER_EMAIL, make_world


@pytest.fixture
def app_settings(tmp_path):
    return {"WTF_CSRF_ENABLED": False, "MAIL_SERVER": None, "DATA_DIR": tmp_path}


@pytest.fixture
def world(app, db_session):
    with app.test_request_context():
        created = make_world()
    db_session.flush()
    return created


def _orient(browser, world, **extra):
    data = {
        "service": str(world.service.uid),
        "pathway": str(world.pathway.uid),
        "need": str(world.need.uid),
        "message": "Lina aime le dessin ; appelez sa mère après 17 h.",
        "send": "1",
        **extra,
    }
    return browser.post("/orient", data=data)


def test_the_page_preselects_the_pathway_and_previews_what_the_partner_receives(
    client, signed_in, world
):
    page = signed_in(client, world.referent).get(
        f"/orient?service={world.service.uid}&pathway={world.pathway.uid}"
    )
    assert page.status_code == 200
    assert "Ce que le partenaire recevra" in page.text
    assert "Samia Zorglub" in page.text and "06 00 00 00 01" in page.text
    assert "Accord de la famille enregistré" in page.text
    assert "Envoyer au partenaire" in page.text


def test_with_consent_on_file_one_submission_sends(client, signed_in, world, db_session):
    response = _orient(signed_in(client, world.referent), world)
    assert response.status_code == 302
    referral = db_session.scalar(select(Referral).where(Referral.need_id == world.need.id))
    assert referral.state == "sent" and referral.consent_id == world.consent.id
    assert [e.to_state for e in referral.events] == ["draft", "proposed", "family_agreed", "sent"]
    assert referral.payload["family_message"].startswith("Lina aime le dessin")


def test_without_consent_sending_is_refused_and_the_form_says_why(
    client, signed_in, world, db_session
):
    world.consent.withdrawn_on = world.consent.given_on
    db_session.flush()
    response = _orient(signed_in(client, world.referent), world)
    assert response.status_code == 422
    assert "aucun accord valide de la famille" in response.text


def test_without_consent_the_draft_is_created_and_the_consent_form_offered(
    client, signed_in, world, db_session
):
    world.consent.withdrawn_on = world.consent.given_on
    db_session.flush()
    browser = signed_in(client, world.referent)
    page = browser.get(f"/orient?service={world.service.uid}&pathway={world.pathway.uid}")
    assert "imprimez le formulaire d'accord" in page.text
    response = _orient(browser, world, send="", draft="1")
    assert response.status_code == 302
    referral = db_session.scalar(select(Referral).where(Referral.need_id == world.need.id))
    assert referral.state == "draft"


def test_a_child_outside_the_caseload_cannot_be_chosen(client, signed_in, world, app):
    with app.test_request_context():
        other = make_world()
    response = _orient(signed_in(client, other.referent), world)
    assert response.status_code == 422


def test_the_partner_reads_the_message_and_the_guardian_phone(client, signed_in, world):
    _orient(signed_in(client, world.referent), world)
    inbox_page = signed_in(client, world.partner).get("/partner/referrals")
    assert "Consultation CMP enfants" in inbox_page.text
    referral_uid = inbox_page.text.split("/partner/referrals/")[1][:36]
    page = client.get(f"/partner/referrals/{referral_uid}")
    assert "Lina aime le dessin" in page.text and "06 00 00 00 01" in page.text


def test_the_mail_says_a_message_waits_without_any_name(client, signed_in, world, tmp_path):
    _orient(signed_in(client, world.referent), world)
    [mail] = (tmp_path / "outbox").glob("*.eml")
    text = mail.read_text()
    assert PARTNER_EMAIL in text and "Un message vous attend" in text
    assert "Lina" not in text and "Zorglub" not in text
    assert stat.S_IMODE(os.stat(mail).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(mail.parent).st_mode) == 0o700


@pytest.mark.parametrize("state", ["cancelled", "declined_by_partner", "expired", "closed"])
def test_an_ended_referral_shows_the_partner_no_child_data(client, signed_in, world, state):
    referral = world.referral(state, payload={"child_first_name": "Lina", "need": "Soutien"})
    page = signed_in(client, world.partner).get(f"/partner/referrals/{referral.uid}")
    assert page.status_code == 200
    assert "Lina" not in page.text and "ne sont plus visibles" in page.text


def test_a_withdrawn_consent_empties_the_partner_view(client, signed_in, world, db_session):
    _orient(signed_in(client, world.referent), world)
    referral = db_session.scalar(select(Referral).where(Referral.need_id == world.need.id))
    world.consent.withdrawn_on = world.consent.given_on
    db_session.flush()
    page = signed_in(client, world.partner).get(f"/partner/referrals/{referral.uid}")
    assert "Lina" not in page.text and "06 00 00 00 01" not in page.text


def test_the_service_is_found_by_its_name(client, signed_in, world):
    page = signed_in(client, world.referent).get(
        f"/orient?service_name=consultation+cmp&pathway={world.pathway.uid}"
    )
    assert page.status_code == 200
    assert "Consultation CMP enfants" in page.text


def test_the_pathway_shows_relaye_with_the_partner(client, signed_in, world):
    world.referral("relay_accepted")
    page = signed_in(client, world.referent).get(f"/pathways/{world.pathway.uid}")
    assert "relayé — Consultation CMP enfants (CMP fictif)" in page.text


def test_a_reopened_need_says_why(client, signed_in, world):
    world.referral("declined_by_partner", decline_reason="full")
    page = signed_in(client, world.referent).get(f"/pathways/{world.pathway.uid}")
    assert "rouvert : refusée par le partenaire, complet" in page.text


def test_proposals_mark_the_services_already_referred(client, signed_in, world, db_session):
    from tests.common.factories import PlaceFactory

    world.service.places.append(
        PlaceFactory(organisation=world.service.organisation, latitude=46.5812, longitude=0.3404)
    )
    world.service.needs.append(world.need.term)
    world.referral("acknowledged")
    db_session.flush()
    page = signed_in(client, world.referent).get(f"/pathways/{world.pathway.uid}")
    assert "Déjà orienté pour ce besoin : reçue par le partenaire." in page.text
    assert f"/orient?service={world.service.uid}" not in page.text
