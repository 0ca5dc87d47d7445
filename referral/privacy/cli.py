"""`relais purge`: apply the retention period, report what was done (or would be)."""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask, current_app

from referral import database
from referral.audit.models import AuditCategory
from referral.audit.services import record
from referral.database import database_command
from referral.privacy.retention import purge
from referral.privacy.settings import retention_days, retention_mode


@click.command("purge", help="Purge les parcours sortis depuis plus de la durée de conservation.")
@click.option("--dry-run", is_flag=True, help="Affiche ce qui serait fait, sans rien changer.")
@database_command
def purge_command(dry_run: bool) -> None:
    """Delete or anonymise the pathways past retention and the expired geocoding entries."""
    session = database.session()
    report = purge(
        session,
        today=dt.date.today(),
        retention_days=retention_days(current_app.config),
        mode=retention_mode(current_app.config),
        dry_run=dry_run,
    )
    if not dry_run:  # a dry run changes nothing, so there is nothing to log
        record(
            session,
            actor_id=None,
            action="privacy.purge",
            category=AuditCategory.CASE,
            details={
                "mode": report.mode,
                "pathways": len(report.pathways),
                "rows": report.rows,
                "geocoding_entries": report.geocoding_entries,
            },
        )
    click.echo(report.summary())


def init_app(app: Flask) -> None:
    """Register `relais purge`."""
    app.cli.add_command(purge_command)
