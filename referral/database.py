"""The engine, the per-request session, and migrations."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, Response, current_app, g, has_request_context, request
from flask.cli import with_appcontext
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from referral.config import ConfigError

EXTENSION = "relais.db"
F = TypeVar("F", bound=Callable[..., Any])


class DatabaseNotReady(ConfigError):
    """The database exists but has not been created by `relais db upgrade`."""


SQLITE_BUSY_TIMEOUT_MS = 10_000
BEGIN_OPTION = "relais_sqlite_begin"
READS_ONLY = "relais_reads_only"


class WriteInReadOnlyRequest(RuntimeError):
    """A view marked `reads_only` tried to write: its mark is wrong."""


def _enable_sqlite_recipe(engine: Engine) -> None:
    """Turn on foreign keys and WAL, and let SQLAlchemy emit BEGIN so SAVEPOINT works.

    Transactions begin IMMEDIATE (SQLAlchemy's pysqlite recipe): a deferred transaction that
    reads, then writes, fails at once with "database is locked" when another writer got there
    first, whatever the busy timeout; an immediate one waits its turn (up to the busy timeout)
    and then reads fresh data. A connection given the execution option
    `relais_sqlite_begin="DEFERRED"` (a read that never writes) does not take the write lock.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(BEGIN_OPTION, "IMMEDIATE")
        connection.exec_driver_sql("BEGIN DEFERRED" if mode == "DEFERRED" else "BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; a malformed URL becomes a `ConfigError` with one clear sentence."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise ConfigError(
            f"DATABASE_URL n'est pas une adresse de base de données valide : {error}"
        ) from error
    if engine.dialect.name == "sqlite":
        _enable_sqlite_recipe(engine)
    return engine


def read_only(engine: Engine) -> Engine:
    """Return the engine for long reads that never write: on SQLite they take no write lock."""
    return engine.execution_options(**{BEGIN_OPTION: "DEFERRED"})


class Database:
    """The application's engine and session factories (`reader`: reads that never write)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url, pool_pre_ping=True)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)

    def reader(self) -> Session:
        """Return a session for a long read that never writes (no SQLite write lock)."""
        bind = self.sessionmaker.kw.get("bind")
        if isinstance(bind, Engine):
            return self.sessionmaker(bind=read_only(bind))
        return self.sessionmaker()  # bound to a connection (tests): keep it

    def check_ready(self) -> None:
        """Raise a `ConfigError` when the database is unreachable or not yet created."""
        try:
            with read_only(self.engine).connect() as connection:
                ready = inspect(connection).has_table("alembic_version")
        except OperationalError as error:
            where = self.engine.url.render_as_string()
            reason = str(error.orig).strip().splitlines()[0]
            raise ConfigError(
                f"Impossible de joindre la base de données ({where}) : {reason}"
            ) from error
        if not ready:
            raise DatabaseNotReady(
                "La base de données n'existe pas encore : lancez d'abord « relais db upgrade »."
            )


def init_app(app: Flask) -> None:
    """Bind the database to the app and commit the request's session at its boundary."""
    app.extensions[EXTENSION] = Database(app.config["DATABASE_URL"])
    event.listen(app.extensions[EXTENSION].sessionmaker, "before_flush", _refuse_writes)
    app.before_request(_note_reads_only)  # first: other hooks may open the session
    app.after_request(_commit_at_boundary)
    app.teardown_appcontext(_close_session)


def reads_only(view: F) -> F:
    """Mark a view that never writes: a GET of it without a token takes no SQLite write lock.

    Put it right above the `def`: the decorators above copy the mark. A request that may write
    (any other method, a token, whose use is noted) keeps the usual IMMEDIATE transaction.
    """
    view.reads_only = True  # type: ignore[attr-defined]
    return view


def _note_reads_only() -> None:
    """Note, as a request is dispatched, whether its view only reads (see `reads_only`).

    Only a dispatched request is noted: a `test_request_context()` (GET / by default) used to
    build URLs or data outside a request must keep a session that writes.
    """
    g.reads_only = _request_reads_only()


def _request_reads_only() -> bool:
    if not has_request_context() or request.method not in ("GET", "HEAD"):
        return False
    if "Authorization" in request.headers:
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "reads_only", False))


def _refuse_writes(session: Session, *_: Any) -> None:
    if not session.info.get(READS_ONLY):
        return
    if session.new or session.deleted or any(map(session.is_modified, session.dirty)):
        raise WriteInReadOnlyRequest(f"{request.endpoint} is marked reads_only but writes")


def get_database(app: Flask | None = None) -> Database:
    """Return the app's database."""
    return (app or current_app).extensions[EXTENSION]


def session() -> Session:
    """Return the session of the current request or CLI command, opening it on first use."""
    if "db_session" not in g:
        if g.get("reads_only", False):
            g.db_session = get_database().reader()
            g.db_session.info[READS_ONLY] = True
        else:
            g.db_session = get_database().sessionmaker()
    return g.db_session


def commit() -> None:
    """Commit the current session, if one was opened (the request's or command's boundary)."""
    current = g.get("db_session")
    if current is not None:
        current.commit()


def _commit_at_boundary(response: Response) -> Response:
    """Commit a successful request's changes once; roll back a refused one entirely."""
    current = g.get("db_session")
    if current is not None:
        if response.status_code < 400:
            current.commit()
        else:
            current.rollback()
    return response


def _close_session(error: BaseException | None) -> None:
    current = g.pop("db_session", None)
    if current is not None:
        if error is not None:
            current.rollback()
        current.close()


def migrations_dir() -> Path:
    """Return the Alembic scripts folder, in a wheel or in a source checkout."""
    packaged = Path(__file__).parent / "_migrations"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "migrations"


def alembic_config(connection: Any) -> AlembicConfig:
    """Return an Alembic configuration that runs on an open connection."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or migrate the schema up to a revision.

    On SQLite a migration may rebuild a table (batch mode: copy, drop, rename) that other rows
    reference; foreign keys are switched off for the upgrade, as SQLite documents for schema
    changes, and checked before it commits.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.driver_connection
        if sqlite:  # outside any transaction: the pragma is a no-op inside one
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                command.upgrade(alembic_config(connection), revision)
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise ConfigError("La migration laisse des références orphelines.")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def database_command(func: F) -> F:
    """Run a command in the app context on a ready database and commit once at the end."""

    @with_appcontext
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        get_database().check_ready()
        result = func(*args, **kwargs)
        commit()
        return result

    return wrapper  # type: ignore[return-value]
