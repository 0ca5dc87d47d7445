"""The `relais demo` commands: the fictitious demo territory."""

from __future__ import annotations

import click

from referral import database
from referral.database import database_command


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
