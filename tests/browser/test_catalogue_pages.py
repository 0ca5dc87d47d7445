"""The catalogue's public pages in a real browser, checked by axe-core."""

import re


def test_home_page_is_accessible(page, live_server, assert_accessible):
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text().startswith("Trouver le bon relais")
    assert_accessible(page)


def test_a_need_leads_to_services_then_to_a_service_page(page, live_server, assert_accessible):
    page.goto(live_server + "/needs")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Soutien scolaire")).first.click()
    assert_accessible(page)
    page.locator(".card-title a").first.click()
    assert page.get_by_role("heading", name="Comment mobiliser ce service ?").is_visible()
    assert_accessible(page)


def test_organisation_page_is_accessible(page, live_server, assert_accessible):
    page.goto(live_server + "/services")
    page.locator(".card-org").first.wait_for()
    page.locator(".card-title a").first.click()
    page.locator(".card-org a").first.click()
    assert page.get_by_role("heading", name=re.compile("Services proposés")).is_visible()
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_content(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Aller au contenu"
