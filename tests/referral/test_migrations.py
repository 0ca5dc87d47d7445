"""Migrations: they build the schema from nothing, and the schema they build is the models'."""

import datetime as dt
import json
import uuid
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from catalogue.search.pg import tables as search_tables
from referral import database
from referral.models import metadata
from tests.common import databases


def test_upgrade_creates_every_table_on_an_empty_database(tmp_path):
    with databases.isolated_url(tmp_path) as url:
        engine = database.make_engine(url)
        database.upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        engine.dispose()
    assert set(metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrated_schema_matches_the_models(engine):
    """On PostgreSQL the search rows of the PostgreSQL backend are part of the schema too."""
    expected = [metadata]
    if engine.dialect.name == "postgresql":
        expected.append(search_tables.metadata)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, expected)
    assert differences == []


def _rows_at_0012(connection: Any) -> None:
    """Two organisations: one carries a programme, the other two; staff, an admin, a partner."""
    now = dt.datetime.now(dt.UTC)
    stamps = {"created_at": now, "updated_at": now}
    for number, name in ((1, "PRE seul"), (2, "CCAS à deux programmes"), (3, "CMP")):
        connection.execute(
            text(
                "INSERT INTO organisations (id, name, kind, description, uid, created_at,"
                " updated_at) VALUES (:id, :name, 'pre', '', :uid, :created_at, :updated_at)"
            ),
            {"id": number, "name": name, "uid": uuid.uuid4().hex, **stamps},
        )
    for number, organisation in ((10, 1), (20, 2), (21, 2)):
        connection.execute(
            text(
                "INSERT INTO programmes (id, name, organisation_id, territory_communes,"
                " charter_text, match_by_domain, moderation_required, uid, created_at, updated_at)"
                " VALUES (:id, :name, :organisation, '[]', '', false, true, :uid, :created_at,"
                " :updated_at)"
            ),
            {"id": number, "name": f"PRE {number}", "organisation": organisation,
             "uid": uuid.uuid4().hex, **stamps},
        )  # fmt: skip
    for email, organisation, role in BACKFILLED:
        connection.execute(
            text(
                "INSERT INTO users (email, full_name, organisation_id, roles, active, uid,"
                " created_at, updated_at) VALUES (:email, '', :organisation, :roles, true, :uid,"
                " :created_at, :updated_at)"
            ),
            {"email": email, "organisation": organisation, "roles": json.dumps([role]),
             "uid": uuid.uuid4().hex, **stamps},
        )  # fmt: skip


# e-mail, organisation, role (organisation 2 carries two programmes: no guess is made)
BACKFILLED = [
    ("coordination@seul.test", 1, "coordinator"),
    ("financeur@seul.test", 1, "funder"),
    ("admin@seul.test", 1, "admin"),
    ("referente@ccas.test", 2, "referent"),
    ("partenaire@cmp.test", 3, "partner"),
]
EXPECTED = {
    "coordination@seul.test": 10,
    "financeur@seul.test": 10,
    "admin@seul.test": None,
    "referente@ccas.test": None,
    "partenaire@cmp.test": None,
}


def test_0013_puts_staff_in_the_one_programme_their_organisation_carries(tmp_path):
    with databases.isolated_url(tmp_path) as url:
        engine = database.make_engine(url)
        database.upgrade(engine, "0012")
        with engine.begin() as connection:
            _rows_at_0012(connection)
        database.upgrade(engine, "0013")
        with engine.connect() as connection:
            found = dict(connection.execute(text("SELECT email, programme_id FROM users")).all())
        engine.dispose()
    assert found == EXPECTED


ROWS_AT_0012 = [
    "INSERT INTO organisations (id, name, kind, description, uid, created_at, updated_at)"
    " VALUES (1, 'PRE', 'pre', '', :uid1, :now, :now)",
    "INSERT INTO users (id, email, full_name, organisation_id, roles, active, uid, created_at,"
    " updated_at) VALUES (1, 'r@exemple.test', 'R', 1, '[\"referent\"]', :yes, :uid2, :now, :now)",
    "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, uid)"
    " VALUES (1, 1, 'jeton', 'h', :now, :uid3)",
]


def test_an_instance_with_data_upgrades_to_the_head(tmp_path):
    # A table rebuilt by a migration (SQLite's batch mode drops and recreates it) is referenced
    # by other tables' rows: the upgrade of a running instance must not trip on them.
    import datetime as dt
    import uuid

    from sqlalchemy import text

    with databases.isolated_url(tmp_path) as url:
        engine = database.make_engine(url)
        database.upgrade(engine, "0012")
        values = {"now": dt.datetime(2026, 1, 5), "yes": True}
        values |= {f"uid{n}": uuid.uuid4().hex for n in (1, 2, 3)}
        with engine.begin() as connection:
            for statement in ROWS_AT_0012:
                connection.execute(text(statement), values)
        database.upgrade(engine)
        with engine.connect() as connection:
            tokens = connection.execute(text("SELECT user_id FROM api_tokens")).scalars().all()
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        engine.dispose()
    assert tokens == [1] and version == _head_revision()


def _head_revision() -> str:
    from alembic.script import ScriptDirectory

    from referral.database import alembic_config

    return str(ScriptDirectory.from_config(alembic_config(None)).get_current_head())
