"""Screenshots of the issue's pages on a phone and a desktop, saved when RELAIS_SCREENSHOTS is set.

`RELAIS_SCREENSHOTS=docs/screenshots pytest tests/browser/test_screenshots.py` refreshes the
committed pictures: the service page, the partner edit form (as shown, then refused) and the
search results, on the demo data.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

SHOTS = os.environ.get("RELAIS_SCREENSHOTS")
PARTNER = "partenaire-cmp@demo.relais.example"
SEARCH = "/search?q=CMP&commune=86194&radius_km=30"

pytestmark = pytest.mark.skipif(not SHOTS, reason="RELAIS_SCREENSHOTS names no folder")


def _shoot(page, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(SHOTS or ".") / f"{name}-{width}.png"), full_page=True)


@pytest.fixture
def local_page(page, live_server):
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server) else route.abort()
        ),
    )
    return page


def test_shoot_the_search_results_and_a_service_page(local_page, live_server):
    local_page.set_viewport_size({"width": 390, "height": 900})
    local_page.goto(live_server + SEARCH)
    _shoot(local_page, "search-results")
    local_page.locator(".card-title a").first.click()
    local_page.wait_for_url(re.compile(r"/services/"))
    _shoot(local_page, "service-page")


def test_shoot_the_partner_edit_form_then_its_errors(local_page, live_server, sign_in):
    sign_in(local_page, PARTNER)
    local_page.goto(f"{live_server}/partner/")
    local_page.locator("section.card").first.get_by_role(
        "link", name=re.compile("^Modifier")
    ).click()
    _shoot(local_page, "partner-edit-form")
    local_page.get_by_label("Âge minimum (ans)").fill("150")
    local_page.get_by_role("button", name="Enregistrer", exact=True).click()
    _shoot(local_page, "partner-edit-form-errors")
