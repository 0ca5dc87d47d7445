"""The `relais` commands: the database and server commands, and each area's group."""

from __future__ import annotations

import contextlib

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from catalogue.geography import load_communes
from catalogue.taxonomy import load_taxonomy
from referral import database
from referral.config import ConfigError


@click.group("db", help="Base de données : création et migrations.")
def db_group() -> None:
    """Group the database commands."""


@db_group.command("upgrade", help="Crée ou migre la base, puis charge les données de référence.")
@with_appcontext
def upgrade_command() -> None:
    """Migrate the schema to the latest revision and load the taxonomy and communes."""
    db = database.get_database()
    with contextlib.suppress(database.DatabaseNotReady):
        db.check_ready()
    database.upgrade(db.engine)
    session = database.session()
    taxonomy = load_taxonomy(session)
    with click.progressbar(length=1, label="Communes") as bar:
        communes = load_communes(session, progress=bar.update)
    database.commit()
    click.echo(
        f"Base à jour. Besoins : {taxonomy.created} créés, {taxonomy.updated} mis à jour ; "
        f"communes et EPCI : {communes.created} créés, {communes.updated} mis à jour."
    )


@click.command("serve", help="Lance le serveur de production (gunicorn).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@with_appcontext
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the app with gunicorn worker processes (the search engine is pure Python)."""
    if not current_app.config["SECRET_KEY"] and not current_app.config["DEMO"]:
        raise ConfigError(
            "SECRET_KEY manque : définissez-la (ou RELAIS_DEMO=1 pour une démonstration)."
        )
    database.get_database().check_ready()
    from referral.server import run_gunicorn

    run_gunicorn(host, port, workers)


def init_app(app: Flask) -> None:
    """Register each package's command group on the app."""
    from referral.accounts import cli as accounts_cli
    from referral.demo.cli import demo_group
    from referral.imports import cli as imports_cli
    from referral.indicators import cli as indicators_cli
    from referral.ops import cli as ops_cli
    from referral.partners import cli as partners_cli
    from referral.privacy import cli as privacy_cli
    from referral.programmes import cli as programmes_cli
    from referral.referrals.cli import referrals_group
    from referral.search import cli as searching_cli

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
