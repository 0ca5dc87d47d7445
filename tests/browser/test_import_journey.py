"""A coordinator imports a partner's spreadsheet in a real browser, checked by axe-core."""

from __future__ import annotations

import uuid

import pytest

from importers.resources import TEMPLATE_CSV
from referral import database
from tests import factories

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def coordinator_id(live_app) -> int:
    """Add a coordinator to the live database."""
    with live_app.app_context():
        session = database.session()
        factories.bind(session)
        user = factories.UserFactory(
            roles=["coordinator"], email=f"imports-{uuid.uuid4().hex[:6]}@exemple.test"
        )
        database.commit()
        return user.id


def _sign_in(page, live_app, live_server, user_id: int) -> None:
    serializer = live_app.session_interface.get_signing_serializer(live_app)
    cookie = serializer.dumps({"_user_id": str(user_id), "_fresh": True})
    name = live_app.config["SESSION_COOKIE_NAME"]
    page.context.add_cookies([{"name": name, "value": cookie, "url": live_server}])


def test_a_coordinator_previews_then_confirms_a_spreadsheet_import(
    page, live_app, live_server, coordinator_id, assert_accessible
):
    _sign_in(page, live_app, live_server, coordinator_id)
    page.goto(f"{live_server}/imports/")
    assert_accessible(page)
    page.get_by_label("Format du fichier").select_option("spreadsheet")
    page.get_by_label("Fichier", exact=True).set_input_files(str(TEMPLATE_CSV))
    page.get_by_role("button", name="Faire l'essai à blanc").click()
    assert page.get_by_role("heading", name="Essai à blanc").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer l'import").click()
    assert page.get_by_text("Import enregistré").first.is_visible()
    assert_accessible(page)
    page.goto(f"{live_server}/imports/duplicates")
    assert_accessible(page)
