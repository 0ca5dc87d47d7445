"""Every route, every role: the expected outcome (200, redirect to sign-in, 401, 403, 404).

The expected statuses live in tests/referral/access/<area>.py (`ROUTES`); a route of the app
missing from those tables fails, so no page is added without deciding who may see it.
"""

from __future__ import annotations

from typing import Any

import pytest
from werkzeug.routing import Rule

from tests.referral.access import ROLES, World, walk

TABLES = walk.tables()
RULES = walk.rules()


def test_every_route_of_the_app_has_an_access_table():
    missing = sorted({rule.endpoint for rule in RULES} - set(TABLES["ROUTES"]))
    assert missing == [], f"add these endpoints to tests/referral/access/<area>.py: {missing}"


def test_every_access_table_names_a_real_route_and_every_role():
    endpoints = {rule.endpoint for rule in RULES}
    stale = sorted(set(TABLES["ROUTES"]) - endpoints)
    incomplete = sorted(e for e, table in TABLES["ROUTES"].items() if set(table) != set(ROLES))
    assert (stale, incomplete) == ([], [])


@pytest.fixture
def world(app, db_session) -> World:
    from tests.common.factories import OrganisationFactory, ProgrammeFactory, UserFactory

    programme = ProgrammeFactory(
        organisation=OrganisationFactory(name="PRE de Démo-sur-Clain", kind="pre")
    )
    created = World(
        session=db_session,
        app=app,
        organisation=OrganisationFactory(name="CMP des Essais", kind="cmp"),
        cache={"programme": programme},
    )
    for role in ROLES[1:]:
        partner = role.startswith("partner")
        created.users[role] = UserFactory(
            organisation=created.organisation if partner else programme.organisation,
            programme=None if partner or role == "admin" else programme,
            roles=[role],
            email=f"{role}@matrice.test",
        )
    for setup in TABLES["SETUP"]:
        setup(created)
    db_session.flush()
    return created


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


def _outcome(app, connection, world: World, rule: Rule, role: str) -> str:
    world.role = role
    client = app.test_client()
    if role != "anonymous":
        with client.session_transaction() as flask_session:
            flask_session["_user_id"] = str(world.users[role].id)
            flask_session["_fresh"] = True
    url = walk.url_of(app, rule, world)
    world.session.flush()
    savepoint = connection.begin_nested()
    try:
        response = client.open(
            url, method=walk.method_of(rule), data=TABLES["DATA"].get(rule.endpoint)
        )
    finally:
        savepoint.rollback()
    status = response.status_code
    response.close()
    if status == 302 and role == "anonymous" and "/login" not in response.headers["Location"]:
        return f"302 to {response.headers['Location']}"
    return str(status)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.endpoint}:{rule.rule}")
def test_route_answers_each_role_as_its_table_says(rule, app, connection, world):
    expected = TABLES["ROUTES"].get(rule.endpoint)
    if expected is None:
        pytest.fail(f"{rule.endpoint} has no access table")
    outcomes = {role: _outcome(app, connection, world, rule, role) for role in ROLES}
    assert outcomes == {role: str(expected[role]) for role in ROLES}
