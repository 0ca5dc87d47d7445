"""The indicators dashboard in a real browser: coordinator and funder, checked by axe-core."""

from __future__ import annotations

import re
import uuid

import pytest

from referral import database
from referral.accounts.services import hash_password
from tests.common import factories
from tests.common import indicators_data as data

PASSWORD = "Tableau-de-bord-2025!"
PERIOD = "?from=2025-01-01&to=2025-12-31"


@pytest.fixture(scope="module")
def dashboard(live_app):
    """Add the hand-built programme and a coordinator and a funder to the live database."""
    with live_app.app_context():
        session = database.session()
        factories.bind(session)
        built = data.build(session)
        suffix = uuid.uuid4().hex[:6]
        coordinator = factories.UserFactory(
            roles=["coordinator"], organisation=built.programme.organisation,
            programme=built.programme,
            email=f"coord-{suffix}@exemple.test", password_hash=hash_password(PASSWORD),
        )  # fmt: skip
        funder = factories.UserFactory(  # a programme's funder sees that programme only
            roles=["funder"],
            organisation=built.programme.organisation,
            programme=built.programme,
            email=f"fin-{suffix}@exemple.test",
            password_hash=hash_password(PASSWORD),
        )
        database.commit()
        return {"uid": built.programme.uid, "coordinator": coordinator.id, "funder": funder.id}


def test_the_coordinator_dashboard_is_accessible_with_charts_and_tables(
    page, live_server, sign_in_as, dashboard, assert_accessible
):
    sign_in_as(page, dashboard["coordinator"])
    page.goto(f"{live_server}/indicators/{dashboard['uid']}{PERIOD}")
    assert page.get_by_role("heading", name="Enfants par sexe").is_visible()
    assert page.locator("svg.chart").count() >= 5
    communes = page.get_by_role("table", name=re.compile("Besoins sans réponse par commune"))
    markers = page.locator("#unmet-map .leaflet-interactive")
    assert markers.count() == communes.locator("tbody tr").count() >= 1
    table = page.get_by_role("table", name=re.compile("Enfants par sexe"))
    assert table.get_by_role("row", name=re.compile("filles")).inner_text().split()[1:] == [
        "2",
        "2",
        "1",
    ]
    assert_accessible(page)


def test_the_funder_dashboard_shows_no_cell_under_five(
    page, live_server, sign_in_as, dashboard, assert_accessible
):
    sign_in_as(page, dashboard["funder"])
    page.goto(f"{live_server}/indicators/{dashboard['uid']}{PERIOD}")
    assert page.get_by_text("Version financeurs").is_visible()
    cells = page.locator("table.figures td.num").all_inner_texts()
    assert all(
        text == "< 5" or not text.isdigit() or int(text) == 0 or int(text) >= 5 for text in cells
    )
    assert_accessible(page)


def test_the_period_form_changes_the_figures(page, live_server, sign_in_as, dashboard):
    sign_in_as(page, dashboard["coordinator"])
    page.goto(f"{live_server}/indicators/{dashboard['uid']}{PERIOD}")
    page.get_by_label("Du").fill("2024-01-01")
    page.get_by_label("au", exact=True).fill("2024-12-31")
    page.get_by_role("button", name="Afficher").click()
    assert "from=2024-01-01" in page.url
    assert page.get_by_text("Période du 01/01/2024 au 31/12/2024").is_visible()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_two_legend_entries_of_a_chart_share_a_place(
    page, live_server, sign_in_as, dashboard, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, dashboard["coordinator"])
    page.goto(f"{live_server}/indicators/{dashboard['uid']}{PERIOD}")
    legends = page.locator("ul.chart-legend")
    assert legends.count() >= 5
    for legend in legends.all():
        boxes = [item.bounding_box() for item in legend.locator("li").all()]
        assert all(box and box["width"] > 0 for box in boxes)
        for i, one in enumerate(boxes):
            for other in boxes[i + 1 :]:
                assert not _overlap(one, other), (legend.inner_text(), one, other)


def _overlap(one, other) -> bool:
    return (
        one["x"] < other["x"] + other["width"]
        and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"]
        and other["y"] < one["y"] + one["height"]
    )
