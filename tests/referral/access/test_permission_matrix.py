"""Every route, every role: the expected outcome (200, redirect to sign-in, 401, 403, 404).

The expected statuses live in tests/referral/access/<area>.py (`ROUTES`); a route of the app
missing from those tables fails, so no page is added without deciding who may see it.
"""

from __future__ import annotations

import importlib
import pkgutil
import tempfile
from typing import Any

import pytest
from werkzeug.routing import Rule

from referral import create_app
from tests.referral import access
from tests.referral.access import PARAMETERS, ROLES, World

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def _tables() -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {
        "ROUTES": {},
        "PARAMS": {},
        "METHODS": {},
        "DATA": {},
        "SETUP": [],
    }
    for info in pkgutil.iter_modules(access.__path__):
        module = importlib.import_module(f"{access.__name__}.{info.name}")
        for endpoint in getattr(module, "ROUTES", {}):
            assert endpoint not in merged["ROUTES"], f"{endpoint} is listed twice ({info.name})"
        for name in ("ROUTES", "PARAMS", "METHODS", "DATA"):
            merged[name].update(getattr(module, name, {}))
        merged["SETUP"].extend(getattr(module, "SETUP", []))
    return merged


TABLES = _tables()


def _rules() -> list[Rule]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATA_DIR": tempfile.mkdtemp(),
            "DATABASE_URL": "sqlite://",
            "DEMO": False,
        }
    )
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.endpoint, rule.rule))


RULES = _rules()


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
    from tests.common.factories import OrganisationFactory, UserFactory

    programme_body = OrganisationFactory(name="PRE de Démo-sur-Clain", kind="pre")
    created = World(
        session=db_session,
        app=app,
        organisation=OrganisationFactory(name="CMP des Essais", kind="cmp"),
    )
    for role in ROLES[1:]:
        body = created.organisation if role.startswith("partner") else programme_body
        created.users[role] = UserFactory(
            organisation=body, roles=[role], email=f"{role}@matrice.test"
        )
    for setup in TABLES["SETUP"]:
        setup(created)
    db_session.flush()
    return created


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


def _url(app: Any, rule: Rule, world: World) -> str:
    overrides = TABLES["PARAMS"].get(rule.endpoint, {})
    values = {}
    for name in rule.arguments:
        factory = overrides.get(name) or PARAMETERS.get(name)
        assert factory is not None, f"no sample value for <{name}> of {rule.endpoint}"
        values[name] = factory(world)
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


def _method(rule: Rule) -> str:
    if rule.endpoint in TABLES["METHODS"]:
        return TABLES["METHODS"][rule.endpoint]
    return (
        "GET"
        if "GET" in (rule.methods or ())
        else next(m for m in UNSAFE if m in (rule.methods or ()))
    )


def _outcome(app, connection, world: World, rule: Rule, role: str) -> str:
    world.role = role
    client = app.test_client()
    if role != "anonymous":
        with client.session_transaction() as flask_session:
            flask_session["_user_id"] = str(world.users[role].id)
            flask_session["_fresh"] = True
    url = _url(app, rule, world)
    world.session.flush()
    savepoint = connection.begin_nested()
    try:
        response = client.open(url, method=_method(rule), data=TABLES["DATA"].get(rule.endpoint))
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
