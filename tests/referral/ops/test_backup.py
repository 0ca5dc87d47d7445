"""`relais backup` while the app writes, then `relais restore` into an empty place."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from catalogue.models import Organisation, Service
from referral import database, search
from referral.search.sync import drift
from tests.common import databases
from tests.common.apps import make_test_app


@contextmanager
def empty_database(tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new empty database (a PostgreSQL database of its own: pg_dump's unit)."""
    if databases.backend() == "sqlite":
        yield f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    base = make_url(databases.test_database_url())
    name = f"relais_backup_{uuid.uuid4().hex[:10]}"
    admin = base.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


class Writer(threading.Thread):
    """Commit one organisation and its service at a time until told to stop."""

    def __init__(self, app) -> None:
        super().__init__(daemon=True)
        self.maker = database.get_database(app).sessionmaker
        self.committed: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        number = 0
        while not self.halt.is_set():
            number += 1
            with self.maker() as session:
                body = Organisation(name=f"Structure {number}", kind="association")
                session.add(Service(organisation=body, name=f"Service {number}", status="active"))
                session.commit()
            self.committed.append(f"Service {number}")


@pytest.fixture
def source(tmp_path):
    with empty_database(tmp_path) as url:
        engine = database.make_engine(url)
        database.upgrade(engine)
        engine.dispose()
        app = make_test_app(url, tmp_path / "source", SEARCH_ENABLED=False)
        (tmp_path / "source").mkdir()
        (tmp_path / "source" / "synonyms.txt").write_text("devoirs, soutien scolaire\n")
        yield app
        database.get_database(app).engine.dispose()


@pytest.fixture
def target(tmp_path):
    with empty_database(tmp_path) as url:
        app = make_test_app(url, tmp_path / "target")
        yield app
        search.get_index(app).close()
        database.get_database(app).engine.dispose()


def _backup_during_writes(source, archive: Path) -> tuple[list[str], list[str]]:
    writer = Writer(source)
    writer.start()
    while len(writer.committed) < 20:
        threading.Event().wait(0.01)
    before = list(writer.committed)
    result = source.test_cli_runner().invoke(args=["backup", str(archive)])
    writer.halt.set()
    writer.join()
    assert result.exit_code == 0, result.output
    return before, writer.committed


def test_restore_holds_every_row_committed_before_the_backup_and_a_consistent_index(
    source, target, tmp_path
):
    archive = tmp_path / "sauvegardes" / "relais.tar.gz"
    before, after = _backup_during_writes(source, archive)
    result = target.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 0, result.output
    with database.get_database(target).sessionmaker() as session:
        restored = set(session.scalars(select(Service.name)))
        assert set(before) <= restored <= set(after)
        assert drift(session, search.get_index(target)) == []
    assert (tmp_path / "target" / "synonyms.txt").read_text() == "devoirs, soutien scolaire\n"


def test_restore_refuses_a_database_that_is_not_empty(source, tmp_path):
    archive = tmp_path / "relais.tar.gz"
    assert source.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    other = make_test_app(source.config["DATABASE_URL"], tmp_path / "ailleurs")
    result = other.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 1
    assert "La base de données n'est pas vide" in result.output
    database.get_database(other).engine.dispose()


def test_restore_refuses_a_data_dir_that_is_not_empty(source, target, tmp_path):
    archive = tmp_path / "relais.tar.gz"
    assert source.test_cli_runner().invoke(args=["backup", str(archive)]).exit_code == 0
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "privacy.md").write_text("Notre notice.")
    result = target.test_cli_runner().invoke(args=["restore", str(archive)])
    assert result.exit_code == 1
    assert "n'est pas vide" in result.output


def test_restore_refuses_a_file_that_is_not_a_backup(target, tmp_path):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("pas une archive")
    result = target.test_cli_runner().invoke(args=["restore", str(bogus)])
    assert result.exit_code == 1
    assert "Sauvegarde illisible" in result.output
