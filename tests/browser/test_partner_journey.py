"""A partner signs in, updates its capacity, edits a service and sees the history."""

from __future__ import annotations

import re

import pytest

PARTNER = "partenaire-cmp@demo.relais.example"


@pytest.fixture
def partner_page(page, live_server, sign_in, assert_accessible):
    page.goto(f"{live_server}/login")
    assert_accessible(page)
    sign_in(page, PARTNER)
    assert page.url.endswith("/partner/referrals")  # a partner lands on the referrals it got
    page.goto(f"{live_server}/partner/")
    return page


def test_partner_updates_capacity_edits_and_reads_the_history(partner_page, assert_accessible):
    page = partner_page
    assert_accessible(page)
    first = page.locator("section.card").first
    name = first.locator("h3").inner_text()
    first.get_by_role("button", name="Complet").click()
    page.get_by_text(f"Disponibilité de « {name} » mise à jour.").wait_for()

    page.locator("section.card").first.get_by_role("link", name=re.compile("^Modifier")).click()
    assert_accessible(page)
    page.get_by_label("Précisions sur le coût").fill("Aucune avance de frais (essai navigateur).")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("Modifications enregistrées.").wait_for()

    page.locator("section.card").first.get_by_role("link", name=re.compile("^Historique")).click()
    assert_accessible(page)
    history = page.locator("main").inner_text()
    assert "Aucune avance de frais (essai navigateur)." in history
    assert "Disponibilité" in history and "complet" in history and "full" not in history
