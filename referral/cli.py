"""The `relais` command: thin click wrappers around the services of the three packages."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from flask import Flask
from flask.cli import FlaskGroup, with_appcontext
from sqlalchemy.exc import OperationalError

from referral.config import ConfigError

F = TypeVar("F", bound=Callable[..., Any])


def database_command(func: F) -> F:
    """Run a command in the app context on a ready database and commit once at the end."""

    @with_appcontext
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from referral import database

        database.get_database().check_ready()
        result = func(*args, **kwargs)
        database.commit()
        return result

    return wrapper  # type: ignore[return-value]


def _create_app() -> Flask:
    from referral import create_app

    return create_app()


def init_app(app: Flask) -> None:
    """Register each package's command group on the app."""
    from referral.accounts import cli as accounts_cli
    from referral.commands import db_group, demo_group, serve_command
    from referral.imports import cli as imports_cli
    from referral.indicators import cli as indicators_cli
    from referral.ops import cli as ops_cli
    from referral.partners import cli as partners_cli
    from referral.privacy import cli as privacy_cli
    from referral.programmes import cli as programmes_cli
    from referral.searching import cli as searching_cli
    from referral.tracking.cli import referrals_group

    app.cli.add_command(db_group)
    app.cli.add_command(demo_group)
    app.cli.add_command(serve_command)
    accounts_cli.init_app(app)
    partners_cli.init_app(app)
    app.cli.add_command(referrals_group)
    imports_cli.init_app(app)
    indicators_cli.init_app(app)
    privacy_cli.init_app(app)
    app.cli.add_command(searching_cli.search_group)
    programmes_cli.init_app(app)
    ops_cli.init_app(app)


cli = FlaskGroup(
    name="relais",
    create_app=_create_app,
    add_version_option=False,
    load_dotenv=False,
    set_debug_flag=False,
    help="Relais : annuaire du droit commun et suivi des orientations (PRE).",
)


def main() -> None:
    """Entry point of the `relais` console script: one clear sentence on a configuration error."""
    try:
        cli.main(prog_name="relais")
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except OperationalError as error:
        click.echo(
            f"Base de données injoignable : {str(error.orig).strip().splitlines()[0]}", err=True
        )
        sys.exit(1)
