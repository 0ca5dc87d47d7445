"""Test apps: one per distinct configuration, built once per run and lent to one test at a time.

Building an app costs more than most tests (its URL map alone compiles hundreds of rules), so
the `app` fixture reuses the app of the same settings. While lent to a test, the app's sessions
join the test's connection, its data folder and search index are the test's own, its rate
limits start from zero, and whatever the test changes on it (configuration, extensions, test
client class) is put back afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import Connection

from catalogue.search import SearchIndex
from catalogue.search.backend import Index
from catalogue.search.pg import PostgresIndex
from referral import create_app, database, search
from referral.accounts.security import limiter
from tests.common import engines
from tests.common.search_helpers import FakeGeocoder

_BUILT: dict[tuple[Any, ...], Flask] = {}


def make_test_app(database_url: str, data_dir: Path, **overrides: Any) -> Flask:
    """Build a new app for tests on the given database."""
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


def _frozen(value: Any) -> Any:
    """Return a hashable stand-in for a setting (objects such as a geocoder by identity)."""
    try:
        hash(value)
    except TypeError:
        return ("unhashable", id(value), repr(value))
    return value


def shared_app(database_url: str, data_dir: Path, settings: dict[str, Any]) -> Flask:
    """Return the run's app for these settings, building it on first use."""
    key = (database_url, tuple(sorted((name, _frozen(value)) for name, value in settings.items())))
    if key not in _BUILT:
        _BUILT[key] = make_test_app(database_url, data_dir, **settings)
        engines.keep(database.get_database(_BUILT[key]).engine)  # lives for the run
    return _BUILT[key]


@contextmanager
def lent(app: Flask, connection: Connection, data_dir: Path) -> Iterator[Flask]:
    """Lend an app to one test: on its connection, with its own folder, index and limits."""
    config, extensions = dict(app.config), dict(app.extensions)
    client_class, runner_class = app.test_client_class, app.test_cli_runner_class
    maker = database.get_database(app).sessionmaker
    maker.configure(bind=connection, join_transaction_mode="create_savepoint")
    sync = search.get_sync(app)
    shipped = sync.index
    own = sync.index = _own_index(shipped, data_dir / "index", connection)
    app.config.update(DATA_DIR=data_dir, INDEX_DIR=data_dir / "index")
    _start_limits(app)
    try:
        yield app
    finally:
        if isinstance(own, SearchIndex):
            own.close()
        sync.index = shipped
        sync.backlog.clear()
        app.config.clear()
        app.config.update(config)
        app.extensions.clear()
        app.extensions.update(extensions)
        app.test_client_class, app.test_cli_runner_class = client_class, runner_class
        maker.configure(
            bind=database.get_database(app).engine, join_transaction_mode="conservative_savepoint"
        )


def _own_index(shipped: Index, folder: Path, connection: Connection) -> Index:
    """Return the app's index moved to a new folder, or its search rows on the test's connection."""
    if not isinstance(shipped, SearchIndex):
        return PostgresIndex(connection)
    index = copy.copy(shipped)  # the shipped one is never opened: no searcher to share
    index.root = folder
    return index


def _start_limits(app: Flask) -> None:
    """Give the process-wide limiter this app's switch, with every count back to zero."""
    limiter.enabled = bool(app.config["RATELIMIT_ENABLED"])
    if limiter.enabled:
        limiter.reset()
