"""Account, moderation and audit pages pass the axe check for the roles that use them."""

from __future__ import annotations

import pytest

from referral.demo.accounts import DEMO_DOMAIN


@pytest.mark.parametrize(
    ("local_part", "path"),
    [
        ("coordination", "/moderation/"),
        ("coordination", "/moderation/stale"),
        ("coordination", "/moderation/reports"),
        ("dpo", "/audit"),
        ("admin", "/users"),
        ("admin", "/users/invite"),
        ("admin-club", "/partner/services/new"),
        ("referente", "/account"),
    ],
)
def test_page_is_accessible(page, live_server, sign_in, assert_accessible, local_part, path):
    sign_in(page, f"{local_part}@{DEMO_DOMAIN}")
    response = page.goto(f"{live_server}{path}")
    assert response.status == 200
    assert_accessible(page)


def test_demo_sign_in_page_lists_every_role(page, live_server, assert_accessible):
    page.goto(f"{live_server}/login")
    assert_accessible(page)
    table = page.locator("table").inner_text()
    assert all(
        word in table for word in ("coordonnateur", "financeur", "partenaire administrateur")
    )


def test_referent_reports_an_error_from_a_service_page(
    page, live_server, sign_in, assert_accessible
):
    sign_in(page, f"referente@{DEMO_DOMAIN}")
    page.goto(f"{live_server}/services")
    page.locator("main a[href*='/services/']").first.click()
    page.get_by_role("link", name="Signaler une erreur").click()
    assert_accessible(page)
    page.get_by_label("Quelle information est erronée ?").fill("Le numéro d'accueil a changé.")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.get_by_text("Merci : votre signalement a été transmis").wait_for()
