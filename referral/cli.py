"""The `relais` console script: the Flask command group over the app, and its error sentences."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import FlaskGroup
from sqlalchemy.exc import OperationalError

from referral.config import ConfigError


def _create_app() -> Flask:
    from referral import create_app

    return create_app()


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
