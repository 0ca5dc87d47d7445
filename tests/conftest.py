"""Shared fixtures: one migrated database per run, one savepoint per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from referral import create_app, database
from tests.common import databases, factories
from tests.common.search_helpers import FakeGeocoder


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
    created = database.make_engine(database_url)
    yield created
    created.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """Open a connection whose outer transaction is rolled back after the test."""
    with engine.connect() as opened:
        transaction = opened.begin()
        yield opened
        transaction.rollback()


@pytest.fixture
def db_session(connection: Connection) -> Iterator[Session]:
    """Return a session whose commits are savepoints inside the test's transaction."""
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    factories.bind(session)
    yield session
    session.close()


def make_test_app(database_url: str, data_dir: Path, **overrides: Any) -> Flask:
    """Build an app for tests on the given database."""
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "DATABASE_URL": database_url,
        "DATA_DIR": data_dir,
        "INDEX_DIR": data_dir / "index",
        "DEMO": False,
        "RATELIMIT_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,  # the test client speaks plain http
        # No test ever reaches the address service: unreachable unless a test brings its own.
        "GEOCODER": FakeGeocoder(down=True),
    }
    return create_app({**settings, **overrides})


@pytest.fixture
def app_settings() -> dict[str, Any]:
    """Per-test configuration overrides (override this fixture in a module to change them)."""
    return {}


@pytest.fixture
def app(
    database_url: str,
    connection: Connection,
    tmp_path: Path,
    app_settings: dict[str, Any],
    db_session: Session,
) -> Iterator[Flask]:
    """Return an app whose sessions share the test's connection (savepoints, rolled back)."""
    created = make_test_app(database_url, tmp_path, **app_settings)
    db = database.get_database(created)
    db.sessionmaker.configure(bind=connection, join_transaction_mode="create_savepoint")
    yield created
    db.engine.dispose()


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


@pytest.fixture
def smtp_server() -> Iterator[Any]:
    """Start a real local SMTP server (aiosmtpd) on a free port; `.received.messages` lists mail."""
    from aiosmtpd.controller import Controller

    received = ReceivedMail()
    controller = Controller(received, hostname="127.0.0.1", port=_free_port())
    controller.start()
    controller.received = received  # type: ignore[attr-defined]
    yield controller
    controller.stop()


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
