"""`relais catalogue remind`: e-mail the partners whose entries are overdue."""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask, current_app, url_for

from referral import database
from referral.database import database_command
from referral.mail import send_mail


@click.command(
    "remind",
    help="Écrit aux partenaires dont des fiches sont à mettre à jour (une fois par période).",
)
@click.option(
    "--day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Date de référence (AAAA-MM-JJ), aujourd'hui par défaut.",
)
@database_command
def remind_command(day: dt.datetime | None) -> None:
    """Send the freshness reminders; a second run in the same period sends nothing."""
    from referral.partners.reminders import send_reminders

    def dashboard_link() -> str:
        with current_app.test_request_context(
            base_url=current_app.config.get("BASE_URL", "http://localhost")
        ):
            return url_for("partners.dashboard", _external=True)

    summary = send_reminders(
        database.session(),
        (day.date() if day else dt.date.today()),
        lambda to, subject, body: send_mail(to, subject, body),
        dashboard_link,
    )
    click.echo(summary.text())


@click.group("catalogue", help="Catalogue : rappels de mise à jour.")
def catalogue_group() -> None:
    """Group the catalogue maintenance commands."""


catalogue_group.add_command(remind_command)


def init_app(app: Flask) -> None:
    """Add `remind` to the `catalogue` group, joining a group another package registered."""
    existing = app.cli.commands.get("catalogue")
    if isinstance(existing, click.Group):
        existing.add_command(remind_command)
    else:
        app.cli.add_command(catalogue_group)
