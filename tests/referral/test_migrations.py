"""Migrations: they build the schema from nothing, and the schema they build is the models'."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

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
