"""Core commands: database, demo territory, production server."""

from __future__ import annotations

import contextlib

import click
from flask import current_app
from flask.cli import with_appcontext

from catalogue.geography import load_communes
from catalogue.taxonomy import load_taxonomy
from referral import database
from referral.cli import database_command
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


@click.group("demo", help="Territoire de démonstration (fictif).")
def demo_group() -> None:
    """Group the demo commands."""


@demo_group.command("load", help="Charge le territoire de démonstration fictif (idempotent).")
@database_command
def demo_load_command() -> None:
    """Load the fictitious demo territory; a second run changes nothing."""
    from referral.demo import load_demo

    report = load_demo(database.session())
    click.echo(report.summary())


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
