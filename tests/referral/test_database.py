"""The database layer: SQLite pragmas, request boundary commits and rollbacks."""

import pytest
from flask import abort
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from catalogue.models import Organisation
from referral import database


def test_foreign_keys_are_enforced(db_session):
    with pytest.raises(IntegrityError):
        db_session.execute(text("INSERT INTO places (organisation_id) VALUES (999999)"))


def test_embedded_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    engine = database.make_engine(f"sqlite:///{tmp_path / 'relais.sqlite3'}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def _add_organisation_route(app, name, status):
    def view():
        database.session().add(Organisation(name=name))
        database.session().flush()
        if status >= 400:
            abort(status)
        return "ok"

    app.add_url_rule(f"/_test/{name}", endpoint=name, view_func=view)


@pytest.mark.own_app
def test_a_successful_request_commits_once_at_its_end(app, client, db_session):
    _add_organisation_route(app, "committed", 200)
    client.get("/_test/committed")
    assert db_session.scalar(select(Organisation).where(Organisation.name == "committed"))


@pytest.mark.own_app
def test_a_refused_request_leaves_nothing_behind(app, client, db_session):
    _add_organisation_route(app, "refused", 400)
    client.get("/_test/refused")
    assert db_session.scalar(select(Organisation).where(Organisation.name == "refused")) is None
