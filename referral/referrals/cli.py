"""`relais referrals …`: the timers and the generated table of states."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from catalogue.db import utcnow
from referral import database
from referral.database import database_command


@click.group("referrals", help="Orientations : minuteurs et tableau des états.")
def referrals_group() -> None:
    """Group the referral commands."""


@referrals_group.command("tick", help="Relances, expirations, instances d'orientation (cron).")
@database_command
def tick_command() -> None:
    """Run the timers once; running it again, or twice at once, changes nothing more."""
    from referral.mail import retry_outbox
    from referral.referrals.timers import TimerSettings, tick

    report = tick(database.session(), utcnow(), TimerSettings.from_config(current_app.config))
    click.echo(report.summary())
    sent, waiting = retry_outbox()
    if sent or waiting:
        click.echo(f"E-mails renvoyés : {sent} ; toujours en attente : {waiting}.")


@referrals_group.command("states-table", help="Écrit le tableau des transitions (Markdown).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def states_table_command(output: Path | None) -> None:
    """Print the transition table, or write it to a file (docs/referral-states.md)."""
    from referral.referrals.machine import markdown_table

    if output is None:
        click.echo(markdown_table(), nl=False)
    else:
        output.write_text(markdown_table(), encoding="utf-8")
        click.echo(f"Tableau écrit dans {output}.")
