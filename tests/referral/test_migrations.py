"""Migrations: they build the schema from nothing, and the schema they build is the models'."""

import datetime as dt
import json
import uuid
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

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
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
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
