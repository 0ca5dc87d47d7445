"""Orientations in a browser: search → Orienter → sent, proposal → Orienter, the partner's side."""

from __future__ import annotations

import datetime as dt
import os
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from referral import database
from referral.accounts.services import hash_password
from referral.consents.models import Consent
from referral.referrals.links import make_token
from referral.referrals.models import Referral
from tests.common import factories
from tests.common.referrals_world import make_world

PASSWORD = "Orientation-suivie-2025!"
SHOTS = os.environ.get("RELAIS_SCREENSHOTS")


def _shoot(page, name: str) -> None:
    """Save the page at desktop and phone widths when RELAIS_SCREENSHOTS names a folder."""
    if not SHOTS:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _world(live_app, *, placed: bool = False) -> dict:
    """Add a référent, a child with a need and the family's consent, and a partner's service."""
    with live_app.test_request_context():
        session = database.session()
        factories.bind(session)
        world = make_world()
        world.service.name = f"Consultation CMP enfants {uuid.uuid4().hex[:4]}"
        for user in (world.referent, world.partner):
            user.email = f"{uuid.uuid4().hex[:8]}@exemple.test"
            user.password_hash = hash_password(PASSWORD)
        if placed:
            world.service.needs.append(world.need.term)
            world.service.places.append(
                factories.PlaceFactory(
                    organisation=world.service.organisation, latitude=46.5812, longitude=0.3404
                )
            )
        database.commit()
        return {
            "referent": world.referent.email,
            "partner": world.partner.email,
            "pathway": world.pathway.uid,
            "need": world.need.uid,
            "need_label": world.need.term.label,
            "service": world.service.name,
            "consent": world.consent.id,
        }


@pytest.fixture(scope="module")
def journey(live_app):
    return _world(live_app)


def _sent_referral(live_app, pathway_uid) -> Referral:
    with live_app.test_request_context():
        from referral.pathways.models import Pathway

        pathway = database.session().scalar(select(Pathway).where(Pathway.uid == pathway_uid))
        return database.session().scalar(select(Referral).where(Referral.pathway_id == pathway.id))


def test_search_then_orienter_then_sent_in_two_actions(
    page, live_app, live_server, sign_in, journey, assert_accessible
):
    sign_in(page, journey["referent"], PASSWORD)
    page.goto(f"{live_server}/pathways/{journey['pathway']}/referrals")
    page.get_by_role("link", name=re.compile("chercher dans le catalogue")).click()
    page.get_by_label("Mots-clés").fill(journey["service"])
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name=f"Orienter vers {journey['service']}").first.click()  # action 1
    expect(page.locator("main")).to_contain_text("Ce que le partenaire recevra")
    expect(page.get_by_label("Enfant")).to_have_value(str(journey["pathway"]))
    _shoot(page, "orienter")
    assert_accessible(page)
    page.get_by_label("Message pour le partenaire (validé avec la famille)").fill(
        "Lina aime dessiner ; appeler sa mère après 17 h."
    )
    page.get_by_role("button", name="Envoyer au partenaire").click()  # action 2
    expect(page.locator("main")).to_contain_text("envoyée au partenaire")
    assert_accessible(page)


def test_the_partner_reads_accepts_finds_it_under_acceptees_and_exports(
    page, live_app, live_server, sign_in, journey, assert_accessible
):
    sign_in(page, journey["partner"], PASSWORD)
    page.goto(f"{live_server}/partner/referrals")
    _shoot(page, "inbox")
    assert_accessible(page)
    page.get_by_role("link", name=journey["service"]).click()
    main = page.locator("main")
    expect(main).to_contain_text("Lina aime dessiner")
    expect(main).to_contain_text("06 00 00 00 01")
    assert "Zorglub" not in main.inner_text().replace("Samia Zorglub", "")
    _shoot(page, "partner-referral")
    assert_accessible(page)
    page.get_by_text("Accepter le relais", exact=True).first.click()  # opens the decision
    page.get_by_role("button", name="Accepter le relais", exact=True).click()
    expect(main).to_contain_text("relais accepté")
    page.goto(f"{live_server}/partner/referrals")
    page.get_by_role("link", name=re.compile("^Acceptées")).click()
    expect(main).to_contain_text(journey["service"])
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le CSV").click()
    assert "relais accepté" in Path(download.value.path()).read_text(encoding="utf-8")


def test_the_pathway_shows_relaye(page, live_server, sign_in, journey):
    sign_in(page, journey["referent"], PASSWORD)
    page.goto(f"{live_server}/pathways/{journey['pathway']}")
    expect(page.locator("#besoins")).to_contain_text(f"relayé — {journey['service']}")


def test_a_withdrawn_consent_empties_the_partner_view(browser, live_app, live_server, journey):
    referral = _sent_referral(live_app, journey["pathway"])
    with live_app.test_request_context():
        session = database.session()
        session.get(Consent, journey["consent"]).withdrawn_on = dt.date.today()
        referral = session.get(Referral, referral.id)
        link = f"{live_server}/o/{referral.uid}/{make_token(referral)}"
        database.commit()
    partner = browser.new_context(locale="fr-FR").new_page()
    partner.goto(link)
    text = partner.locator("main").inner_text()
    assert "ne sont plus visibles" in text
    assert "Lina" not in text and "06 00 00 00 01" not in text
    partner.context.close()


def test_from_a_proposal_orienter_sends_with_consent_on_file(
    page, live_app, live_server, sign_in, assert_accessible
):
    world = _world(live_app, placed=True)
    sign_in(page, world["referent"], PASSWORD)
    page.goto(f"{live_server}/pathways/{world['pathway']}")
    _shoot(page, "pathway")
    name = f"Orienter vers {world['service']} pour {world['need_label']}"
    page.get_by_role("link", name=name).click()
    page.get_by_role("button", name="Envoyer au partenaire").click()
    expect(page.locator("main")).to_contain_text("envoyée au partenaire")
    page.goto(f"{live_server}/pathways/{world['pathway']}")
    expect(page.locator("#propositions")).to_contain_text("Déjà orienté pour ce besoin")


@pytest.fixture(scope="module")
def exit_world(live_app):
    """Add a pathway at its exit review, with one open need, and its coordinator."""
    with live_app.test_request_context():
        session = database.session()
        factories.bind(session)
        world = make_world()
        world.coordinator.email = f"coord-{uuid.uuid4().hex[:6]}@exemple.test"
        world.coordinator.password_hash = hash_password(PASSWORD)
        world.pathway.state = "exit_review"
        world.pathway.contract_end = dt.date.today() + dt.timedelta(days=30)
        database.commit()
        return {"email": world.coordinator.email, "need": world.need.term.label}


def test_an_exit_is_refused_until_each_need_is_relayed_or_justified(
    page, live_server, sign_in, exit_world, assert_accessible
):
    sign_in(page, exit_world["email"], PASSWORD)
    page.goto(f"{live_server}/exits")
    expect(page.locator("main")).to_contain_text("À relayer :")
    assert_accessible(page)
    page.get_by_role("button", exact=True, name="Préparer la sortie").click()
    expect(page.locator("main")).to_contain_text("Besoins qui bloquent")
    expect(page.locator("main")).to_contain_text(exit_world["need"])
    page.get_by_label("Justification écrite (sortie sans relais)").fill("Suivi privé en place.")
    page.get_by_role("button", exact=True, name="Justifier").click()
    page.get_by_role("button", exact=True, name="Préparer la sortie").click()
    expect(page.locator("main")).to_contain_text("Sortie préparée")
    page.get_by_label("Motif de sortie").select_option("mainstream_relay")
    page.get_by_role("button", exact=True, name="Enregistrer la sortie").click()
    expect(page.locator("main")).to_contain_text("Sortie de parcours enregistrée")
