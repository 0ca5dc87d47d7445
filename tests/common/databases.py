"""Test databases: a SQLite file or a PostgreSQL schema of their own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from catalogue.geography import load_communes
from catalogue.search.pg.writing import EXTENSIONS
from catalogue.taxonomy import load_taxonomy
from referral import database

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def backend() -> str:
    """Return the database the suite runs on: `sqlite` (default) or `postgresql`."""
    return os.environ.get("RELAIS_TEST_DB", "sqlite")


def test_database_url() -> str:
    """Return the PostgreSQL server and database the PostgreSQL pass runs on."""
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_PG_URL)


def _ensure_pg_database(url: str) -> None:
    """Create the PostgreSQL test database when it is missing (as `make test` promises)."""
    parsed = make_url(url)
    admin = parsed.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{parsed.database}"')


def _ensure_extensions(connection: psycopg.Connection[Any]) -> None:
    """Install the search backend's extensions once, in `public`, shared by every test schema.

    An extension exists once per database: made by a test schema's migration, it would go with
    that schema and leave the others without it.
    """
    for name in EXTENSIONS:
        if not connection.execute(
            "SELECT 1 FROM pg_extension WHERE extname = %s", (name,)
        ).fetchone():
            connection.execute(f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public")


@contextmanager
def isolated_url(tmp_dir: Path) -> Iterator[str]:
    """Yield the URL of a new empty database (file or schema), removed afterwards."""
    if backend() == "sqlite":
        yield f"sqlite:///{tmp_dir / f'relais-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    base = test_database_url()
    _ensure_pg_database(base)
    schema = f"relais_test_{uuid.uuid4().hex[:12]}"
    plain = make_url(base).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        _ensure_extensions(connection)
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema},public"})
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


def prepare(engine: Engine) -> None:
    """Migrate an empty database and load the reference data, committed."""
    database.upgrade(engine)
    with Session(engine) as session:
        load_taxonomy(session)
        load_communes(session)
        session.commit()
