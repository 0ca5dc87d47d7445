"""A coordinator imports a partner's spreadsheet in a real browser, checked by axe-core."""

from __future__ import annotations

import uuid

import pytest

from importers.resources import TEMPLATE_CSV
from referral import database
from tests.common import factories

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


def test_a_coordinator_previews_then_confirms_a_spreadsheet_import(
    page, live_server, sign_in_as, coordinator_id, assert_accessible
):
    sign_in_as(page, coordinator_id)
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
