"""`relais stats`: a programme's indicators over a period, as CSV or JSON."""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask

from referral import database
from referral.database import database_command
from referral.indicators.formats import to_csv, to_json
from referral.indicators.report import COORDINATOR, FUNDER, ReportError, build_report
from referral.programmes.services import find_programme


@click.command("stats", help="Indicateurs d'un programme sur une période (CSV ou JSON).")
@click.option(
    "--programme", "programme_ref", required=True, help="Identifiant du programme (nombre ou UUID)."
)
@click.option(
    "--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Début (AAAA-MM-JJ)."
)
@click.option(
    "--to",
    "end",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="Fin incluse (AAAA-MM-JJ).",
)
@click.option(
    "--format", "output", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--funder", is_flag=True, help="Version financeur : aucune case de moins de 5 enfants."
)
@database_command
def stats_command(
    programme_ref: str, start: dt.datetime, end: dt.datetime, output: str, funder: bool
) -> None:
    """Print the programme's indicators over the period."""
    programme = find_programme(database.session(), programme_ref)
    if programme is None:
        raise click.ClickException(f"Aucun programme « {programme_ref} ».")
    try:
        report = build_report(
            database.session(),
            programme,
            start.date(),
            end.date(),
            audience=FUNDER if funder else COORDINATOR,
        )
    except ReportError as error:  # a bad period, or a funder report refused by its audit
        raise click.ClickException(str(error)) from error
    click.echo(to_csv(report) if output == "csv" else to_json(report), nl=False)


def init_app(app: Flask) -> None:
    """Register `relais stats`."""
    app.cli.add_command(stats_command)
