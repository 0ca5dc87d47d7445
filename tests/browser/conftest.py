"""Browser harness: a live Relais with the demo territory, headless Chromium, axe-core checks."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from referral import database
from referral.demo import load_demo
from referral.demo.accounts import DEMO_PASSWORD
from tests.common import databases, engines
from tests.common.apps import make_test_app

CHROMIUM = os.environ.get("RELAIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERIOUS = {"serious", "critical"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder as a browser test."""
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(
            f"Chromium is required in CI for the browser tests and is missing at {CHROMIUM}"
        )
    pytest.skip(
        f"browser tests skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
    )


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Build an app on a database of its own (real commits) with the demo territory loaded."""
    folder = tmp_path_factory.mktemp("live")
    with databases.isolated_url(folder) as url:
        engine = database.make_engine(url)
        databases.prepare(engine)
        engine.dispose()
        app = make_test_app(url, folder, DEMO=True, TESTING=False, SESSION_COOKIE_SECURE=False)
        engines.keep(database.get_database(app).engine)  # serves the whole run
        with app.app_context():
            load_demo(database.session())
            database.commit()
        yield app
        database.get_database(app).engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app: Any) -> Iterator[str]:
    """Serve the live app on a free loopback port; yield its base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium headless through Playwright."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """Open a fresh browser context and page (French locale)."""
    context = browser.new_context(locale="fr-FR")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


def _violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        f"{[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation.get("impact") in SERIOUS
    ]


@pytest.fixture
def assert_accessible() -> Any:
    """Return a check that the current page has no serious or critical axe violation."""

    def check(page: Any) -> None:
        found = _violations(page)
        assert not found, f"accessibility violations on {page.url}:\n" + "\n".join(found)

    return check


@pytest.fixture
def sign_in(live_server: str) -> Any:
    """Return a function that signs an account in through the sign-in form, as a person would."""

    def submit(page: Any, email: str, password: str = DEMO_PASSWORD) -> None:
        page.goto(f"{live_server}/login")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url(re.compile(r"^(?!.*/login)"))

    return submit


@pytest.fixture
def sign_in_as(live_app: Any, live_server: str) -> Any:
    """Return a function that puts a signed session cookie for a user id into the browser."""

    def put(page: Any, user_id: int) -> None:
        serializer = live_app.session_interface.get_signing_serializer(live_app)
        cookie = serializer.dumps({"_user_id": str(user_id), "_fresh": True})
        name = live_app.config["SESSION_COOKIE_NAME"]
        page.context.add_cookies([{"name": name, "value": cookie, "url": live_server}])

    return put
