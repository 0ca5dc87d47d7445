"""Migrations run as a database owner who is not a PostgreSQL superuser (the usual hosting)."""

from __future__ import annotations

import secrets

import psycopg
import pytest
from sqlalchemy.engine import make_url

from referral import database
from referral.ops import health
from tests.common import databases
from tests.common.apps import make_test_app

pytestmark = pytest.mark.skipif(
    databases.backend() != "postgresql", reason="roles and extensions are PostgreSQL's"
)


@pytest.fixture
def owned_database():
    """Yield the URL of a new database owned by a new role without superuser rights."""
    base = make_url(databases.test_database_url())
    admin = base.set(drivername="postgresql", database="postgres")
    name = f"relais_owner_{secrets.token_hex(4)}"
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as server:
        server.execute(f'CREATE ROLE "{name}" LOGIN NOSUPERUSER')
        server.execute(f'CREATE DATABASE "{name}" OWNER "{name}"')
    try:
        yield base.set(username=name, password=None, database=name).render_as_string(
            hide_password=False
        )
    finally:
        with psycopg.connect(
            admin.render_as_string(hide_password=False), autocommit=True
        ) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            server.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_an_owner_without_superuser_rights_upgrades_to_the_head(owned_database):
    engine = database.make_engine(owned_database)
    try:
        database.upgrade(engine)
        with engine.connect() as connection:
            installed = set(
                connection.exec_driver_sql("SELECT extname FROM pg_extension").scalars()
            )
    finally:
        engine.dispose()
    assert {"pg_trgm", "fuzzystrmatch", "cube"} <= installed


def test_the_postgresql_search_says_which_extension_a_superuser_must_create(
    owned_database, tmp_path
):
    engine = database.make_engine(owned_database)
    database.upgrade(engine)
    engine.dispose()
    app = make_test_app(owned_database, tmp_path, SEARCH_BACKEND="postgresql")
    check = health.check_index(app)
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    database.get_database(app).engine.dispose()
    assert (check.ok, check.detail) == (False, "extension missing")
    assert "CREATE EXTENSION IF NOT EXISTS earthdistance CASCADE;" in check.message
    assert result.exit_code == 1
    assert "un superutilisateur la crée" in result.output
