"""A référent opens a pathway, adds three needs, sees proposals with reasons, orients to two."""

from __future__ import annotations

import re

from referral.demo.accounts import DEMO_DOMAIN

NEEDS = (
    "Soutien scolaire et aide aux devoirs",
    "Pratique sportive en club",
    "Lecture et médiathèque",
)


def _open_pathway(page, live_server: str) -> str:
    page.goto(f"{live_server}/pathways/new")
    page.get_by_label("Prénom (obligatoire)", exact=True).fill("Camille")
    page.get_by_label("Nom (obligatoire)", exact=True).fill("Navigateur")
    page.get_by_label("Date de naissance (obligatoire)", exact=True).fill("2017-03-12")
    page.get_by_label("Niveau scolaire").select_option("CE2")
    page.get_by_label("Commune de résidence (obligatoire)", exact=True).fill("Poitiers")
    page.get_by_role("button", name="Ouvrir le parcours").click()
    page.wait_for_url(re.compile(r"/pathways/[0-9a-f-]{36}"))
    return page.url.split("#")[0]


def _proposal_links(page) -> list[str]:
    links = page.get_by_role("link", name=re.compile("^Orienter vers "))
    return [links.nth(i).get_attribute("aria-label") or "" for i in range(links.count())]


def test_referent_goes_from_needs_to_two_proposed_orientations(
    page, live_server, sign_in, assert_accessible
):
    sign_in(page, f"referente@{DEMO_DOMAIN}")
    child_page = _open_pathway(page, live_server)
    assert "Camille" not in child_page
    for label in NEEDS:
        page.get_by_label("Ajouter un besoin").fill(label)
        page.get_by_role("button", name="Ajouter le besoin").click()
        page.wait_for_load_state()
    assert page.locator("#propositions .reasons li").count() > 0
    assert_accessible(page)
    labels = _proposal_links(page)
    first = labels[0]
    second = next(
        label for label in labels if label.split(" pour ")[-1] != first.split(" pour ")[-1]
    )
    for label in (first, second):
        page.goto(child_page)
        page.get_by_role("link", name=label, exact=True).first.click()
        page.get_by_role("button", name="Créer l'orientation sans l'envoyer").click()
        page.wait_for_url(re.compile(r"/referrals/[0-9a-f-]{36}"))
    page.goto(child_page + "/referrals")
    assert page.locator("table.simple tbody tr").count() == 2
