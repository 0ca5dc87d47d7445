"""Shared fixtures: one migrated database and one app per configuration per run; a rolled-back
transaction, a data folder and a search index per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from referral import database
from tests.common import apps, databases, engines, factories


@pytest.fixture(scope="session", autouse=True)
def _engines_recorded() -> Iterator[None]:
    """Record every engine the run makes (see `tests.common.engines`)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database, "make_engine", engines.recording(database.make_engine))
        yield


@pytest.fixture(autouse=True)
def _engines_disposed(_engines_recorded: None) -> Iterator[None]:
    """Dispose the engines a test created when it ends: none of its connections outlive it."""
    with engines.disposed_after():
        yield


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Return the URL of the run's own database, migrated and loaded once."""
    with databases.isolated_url(tmp_path_factory.mktemp("db")) as url:
        engine = database.make_engine(url)
        databases.prepare(engine)
        engine.dispose()
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """Return an engine on the run's database."""
    created = engines.keep(database.make_engine(database_url))
    yield created
    created.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """Open a connection whose outer transaction is rolled back after the test."""
    with engine.connect() as opened:
        transaction = opened.begin()
        yield opened
        transaction.rollback()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests asking for `search_backend` on each backend the database offers.

    The PostgreSQL pass runs the search contract on Whoosh and on the PostgreSQL search rows.
    """
    chosen = any(
        "search_backend" in str(marker.args[0])
        for marker in metafunc.definition.iter_markers("parametrize")
    )
    if "search_backend" in metafunc.fixturenames and not chosen:
        offered = ["whoosh", "postgresql"] if databases.backend() == "postgresql" else ["whoosh"]
        metafunc.parametrize("search_backend", offered)


@pytest.fixture
def app_settings() -> dict[str, Any]:
    """Per-test configuration overrides (override this fixture in a module to change them)."""
    return {}


@pytest.fixture
def test_app(
    request: pytest.FixtureRequest,
    database_url: str,
    connection: Connection,
    tmp_path: Path,
    app_settings: dict[str, Any],
) -> Iterator[Flask]:
    """Lend the run's app of these settings to the test (a new one if marked `own_app`)."""
    own = request.node.get_closest_marker("own_app") is not None
    if own:
        built = apps.make_test_app(database_url, tmp_path, **app_settings)
    else:
        built = apps.shared_app(database_url, tmp_path, app_settings)
    with apps.lent(built, connection, tmp_path):
        yield built


@pytest.fixture
def db_session(test_app: Flask) -> Iterator[Session]:
    """Return a session of the app's own factory (its guards apply), on the test's connection."""
    session = database.get_database(test_app).sessionmaker(expire_on_commit=True)
    factories.bind(session)
    yield session
    session.close()


@pytest.fixture
def app(test_app: Flask, db_session: Session) -> Flask:
    """Return an app whose sessions share the test's connection (savepoints, rolled back)."""
    return test_app


@pytest.fixture
def hsds_reference() -> None:
    """Require the official HSDS files (skip without them; fail in CI, where they must be)."""
    from tests.importers.helpers import require_reference

    require_reference()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """Return a CLI runner bound to the app."""
    return app.test_cli_runner()


@pytest.fixture
def signed_in() -> Any:
    """Return a function that signs a user in on a test client (as Flask-Login would)."""

    def sign_in(client: FlaskClient, user: Any) -> FlaskClient:
        with client.session_transaction() as flask_session:
            flask_session["_user_id"] = str(user.id)
            flask_session["_fresh"] = True
        return client

    return sign_in


class ReceivedMail:
    """The messages a test SMTP server received, parsed."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Keep every message that arrives (aiosmtpd handler hook)."""
        import email
        from email import policy

        parsed = email.message_from_bytes(envelope.content, policy=policy.default)
        parsed.envelope_recipients = list(envelope.rcpt_tos)  # type: ignore[attr-defined]
        self.messages.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Any]:
        """Return the messages delivered to an address."""
        return [each for each in self.messages if address in each.envelope_recipients]


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def smtp_controller() -> Iterator[Any]:
    """Start the run's real local SMTP server (aiosmtpd) on a free port."""
    from aiosmtpd.controller import Controller

    received = ReceivedMail()
    controller = Controller(received, hostname="127.0.0.1", port=_free_port())
    controller.start()
    controller.received = received  # type: ignore[attr-defined]
    yield controller
    controller.stop()


@pytest.fixture
def smtp_server(smtp_controller: Any) -> Any:
    """Return the local SMTP server, its mailbox emptied; `.received.messages` lists mail."""
    smtp_controller.received.messages.clear()
    return smtp_controller


@pytest.fixture
def mail_settings(smtp_server: Any) -> dict[str, Any]:
    """Return the MAIL_* settings that send the app's mail to the test SMTP server."""
    return {
        "MAIL_SERVER": smtp_server.hostname,
        "MAIL_PORT": smtp_server.port,
        "MAIL_USE_TLS": False,
        "MAIL_USERNAME": None,
        "MAIL_SENDER": "relais@exemple.test",
    }
