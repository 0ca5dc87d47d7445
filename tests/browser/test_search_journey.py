"""A référent searches the demo territory: text, age and commune, then a need, in a browser."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest


@pytest.fixture
def offline_page(page, live_server):
    """Return a page that may only reach the live server (no map tiles, no geocoder)."""
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server) else route.abort()
        ),
    )
    return page


def test_a_referent_finds_a_cmp_near_poitiers(offline_page, live_server, assert_accessible):
    page = offline_page
    page.goto(live_server + "/")
    page.get_by_role("link", name="Rechercher").click()
    assert_accessible(page)
    page.get_by_label("Mots-clés").fill("CMP")
    page.get_by_label("Âge de l'enfant").fill("9")
    page.get_by_label("Adresse de la famille, commune ou code postal").fill("Poitiers")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("heading", name=re.compile(r"services? trouvés?")).wait_for()
    query = parse_qs(urlsplit(page.url).query)
    assert query["commune"] == ["86194"] and "where" not in query
    # "CMP" is kept as typed, or recognised as the need it names (the vocabulary's acronym).
    assert query.get("q") == ["CMP"] or query.get("need")
    assert page.locator(".results .card-title").count() >= 1
    assert page.locator(".results .card-meta", has_text=re.compile(r"à \d+,\d km")).count() >= 1
    assert_accessible(page)


def test_a_domain_facet_narrows_the_results(offline_page, live_server, assert_accessible):
    page = offline_page
    page.goto(live_server + "/search?q=enfants&commune=86194&radius_km=30")
    total = int(page.locator("#titre-resultats").inner_text().split()[0])
    page.locator(".facets a").first.click()
    page.locator("#titre-resultats").wait_for()
    assert "need=" in page.url
    assert int(page.locator("#titre-resultats").inner_text().split()[0]) <= total
    assert_accessible(page)


def test_an_invalid_age_is_announced_next_to_the_field(
    offline_page, live_server, assert_accessible
):
    page = offline_page
    page.goto(live_server + "/search?age=40")
    assert page.locator("#erreur-age").is_visible()
    assert page.get_by_label("Âge de l'enfant").get_attribute("aria-describedby") == "erreur-age"
    assert_accessible(page)


def test_the_list_works_without_javascript(browser, live_server):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/search?q=orthophonie&commune=86194&radius_km=50")
    assert page.locator(".results .card-title").count() >= 1
    context.close()
