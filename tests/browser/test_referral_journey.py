"""One orientation in a real browser: from the proposal to the relay accepted through the link."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from playwright.sync_api import expect

from referral import database
from referral.accounts.services import hash_password
from referral.referrals.links import make_token
from tests.common import factories
from tests.common.referrals_world import make_world

PASSWORD = "Orientation-suivie-2025!"


@pytest.fixture(scope="module")
def journey(live_app):
    """Add a référent, a child with a need and the family's consent, and a partner's service."""
    with live_app.test_request_context():
        session = database.session()
        factories.bind(session)
        world = make_world()
        world.referent.email = f"referente-{uuid.uuid4().hex[:6]}@exemple.test"
        world.referent.password_hash = hash_password(PASSWORD)
        database.commit()
        return {
            "email": world.referent.email,
            "pathway": world.pathway.uid,
            "need": world.need.uid,
            "service": world.service.uid,
        }


def _click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()


def _token(live_app, uid: str) -> str:
    """Return the partner link's token of a referral (as its e-mail would carry it)."""
    from sqlalchemy import select

    from referral.referrals.models import Referral

    with live_app.test_request_context():
        referral = database.session().scalar(select(Referral).where(Referral.uid == uuid.UUID(uid)))
        return make_token(referral)


def test_from_proposal_to_relay_accepted_through_the_partner_link(
    page, browser, live_app, live_server, sign_in, journey, assert_accessible
):
    sign_in(page, journey["email"], PASSWORD)
    page.goto(
        f"{live_server}/pathways/{journey['pathway']}/referrals"
        f"?need={journey['need']}&service={journey['service']}"
    )
    assert_accessible(page)
    page.get_by_label("Message approuvé par la famille").fill("Lina aime dessiner.")
    _click(page, "Créer l'orientation")
    for action in (
        "Proposer à la famille",
        "Noter l'accord de la famille",
        "Envoyer au partenaire",
    ):
        _click(page, action)
    expect(page.locator("main")).to_contain_text("envoyée au partenaire")
    assert_accessible(page)
    uid = page.url.rstrip("/").split("/")[-1]

    link = f"{live_server}/o/{uid}/{_token(live_app, uid)}"
    partner = browser.new_context(locale="fr-FR").new_page()
    partner.goto(link)
    assert "Lina aime dessiner." in partner.content()
    assert "Lina Zorglub" not in partner.content()  # the child's last name is never sent
    assert_accessible(partner)
    partner.get_by_role("button", name="Accepter le relais", exact=True).click()
    expect(partner.locator("main")).to_contain_text("relais accepté")
    partner.context.close()

    page.reload()
    expect(page.locator("main")).to_contain_text("relais accepté")
    page.goto(f"{live_server}/notifications")
    expect(page.locator("main")).to_contain_text("relais accepté")


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
    _click(page, "Préparer la sortie")
    expect(page.locator("main")).to_contain_text("Besoins qui bloquent")
    expect(page.locator("main")).to_contain_text(exit_world["need"])
    page.get_by_label("Justification écrite (sortie sans relais)").fill("Suivi privé en place.")
    _click(page, "Justifier")
    _click(page, "Préparer la sortie")
    expect(page.locator("main")).to_contain_text("Sortie préparée")
    page.get_by_label("Motif de sortie").select_option("mainstream_relay")
    _click(page, "Enregistrer la sortie")
    expect(page.locator("main")).to_contain_text("Sortie de parcours enregistrée")
