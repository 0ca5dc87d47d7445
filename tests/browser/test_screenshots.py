"""Screenshots of the pages people read on a phone and a desktop, on the demo data.

Every run takes them (into the test's folder) and checks what they show; with RELAIS_SCREENSHOTS
set, `RELAIS_SCREENSHOTS=docs/screenshots pytest tests/browser/test_screenshots.py` refreshes the
committed pictures: the service page, the partner edit form (as shown, then refused) and the
search results.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

PARTNER = "partenaire-cmp@demo.relais.example"
SEARCH = "/search?q=CMP&commune=86194&radius_km=30"


@pytest.fixture
def shots(tmp_path) -> Path:
    """Return the folder the pictures go to: RELAIS_SCREENSHOTS, else the test's own."""
    return Path(os.environ.get("RELAIS_SCREENSHOTS") or tmp_path)


def _shoot(page, folder: Path, name: str) -> None:
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        path = folder / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 0


@pytest.fixture
def local_page(page, live_server):
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server) else route.abort()
        ),
    )
    return page


def test_shoot_the_search_results_and_a_service_page(local_page, live_server, shots):
    local_page.set_viewport_size({"width": 390, "height": 900})
    local_page.goto(live_server + SEARCH)
    assert local_page.locator(".card-title a").count() > 0
    _shoot(local_page, shots, "search-results")
    local_page.locator(".card-title a").first.click()
    local_page.wait_for_url(re.compile(r"/services/"))
    _shoot(local_page, shots, "service-page")


def test_shoot_the_partner_edit_form_then_its_errors(local_page, live_server, sign_in, shots):
    sign_in(local_page, PARTNER)
    local_page.goto(f"{live_server}/partner/")
    local_page.locator("section.card").first.get_by_role(
        "link", name=re.compile("^Modifier")
    ).click()
    _shoot(local_page, shots, "partner-edit-form")
    local_page.get_by_label("Âge minimum (ans)").fill("150")
    local_page.get_by_role("button", name="Enregistrer", exact=True).click()
    assert local_page.locator(".error-summary, [role=alert]").count() > 0
    _shoot(local_page, shots, "partner-edit-form-errors")
