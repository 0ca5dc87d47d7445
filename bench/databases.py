"""A fresh database for a benchmark: a SQLite file, or a PostgreSQL schema dropped afterwards."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

LOCAL_POSTGRESQL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgresql_url(given: str | None) -> str:
    """Return the PostgreSQL server: the one given, `BENCH_DATABASE_URL`, or the local one."""
    return given or os.environ.get("BENCH_DATABASE_URL") or LOCAL_POSTGRESQL


@contextlib.contextmanager
def fresh_database(url: str | None, folder: Path, prefix: str = "bench") -> Iterator[str]:
    """Yield a fresh database URL: a SQLite file, or a new PostgreSQL schema dropped after.

    The schema comes first in the search path, then `public`, where the search extensions
    usually live (the migration creates them there when missing).
    """
    if not url:
        yield f"sqlite:///{folder / 'relais.sqlite3'}"
        return
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"{prefix}_{secrets.token_hex(4)}"
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={schema},public"})
            .render_as_string(hide_password=False)
        )
    finally:
        with psycopg.connect(plain, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
