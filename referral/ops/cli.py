"""`relais doctor`, `relais backup PATH`, `relais restore PATH`: thin wrappers."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from referral import database, search
from referral.french import plural
from referral.ops.backup import BackupError, restore_archive, write_archive
from referral.ops.health import head_revision, run_checks
from referral.search.sync import all_documents, count_services


@click.command("doctor", help="Vérifie l'instance (base, migrations, index, courriel).")
@with_appcontext
def doctor_command() -> None:
    """Print each check in French with the fix for each failure; exit 1 if one fails."""
    checks = run_checks(current_app._get_current_object())  # type: ignore[attr-defined]
    for check in checks:
        click.echo(f"{'[ok]' if check.ok else '[ÉCHEC]'} {check.message}")
        if check.fix and not check.ok:
            click.echo(f"       → {check.fix}")
        elif check.fix:
            click.echo(f"       (conseil : {check.fix})")
    failed = [check for check in checks if not check.ok]
    if failed:
        click.echo(f"{plural(len(failed), 'problème')} à corriger.", err=True)
        sys.exit(1)
    click.echo("Instance en bonne santé.")


def _dirs() -> tuple[Path, Path]:
    return Path(current_app.config["DATA_DIR"]), Path(current_app.config["INDEX_DIR"])


@click.command("backup", help="Sauvegarde la base et le dossier de données (sans l'index).")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path: Path) -> None:
    """Write a consistent archive while the application keeps serving."""
    db = database.get_database()
    db.check_ready()
    data_dir, index_dir = _dirs()
    try:
        manifest = write_archive(db.engine, data_dir, index_dir, head_revision(), path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(
        f"Sauvegarde écrite : {path} (base {manifest.backend}, migration {manifest.revision}, "
        f"{plural(manifest.files, 'fichier')} du dossier de données)."
    )


@click.command("restore", help="Restaure une sauvegarde dans une base et un dossier vides.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(path: Path) -> None:
    """Restore into an empty database and data dir, migrate if needed, rebuild the index."""
    db = database.get_database()
    data_dir, index_dir = _dirs()
    try:
        manifest = restore_archive(db.engine, data_dir, index_dir, path)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    database.upgrade(db.engine)  # a backup from an older version is brought to this one's head
    session = db.sessionmaker()
    with session, click.progressbar(length=count_services(session), label="Indexation") as bar:
        count = search.get_index().rebuild(all_documents(session), progress=bar.update)
        session.commit()  # search rows written on the session's own connection commit with it
    click.echo(
        f"Sauvegarde du {manifest.created_at} restaurée ({plural(manifest.files, 'fichier')}) ; "
        f"{plural(count, 'service réindexé', 'services réindexés')}."
    )


def init_app(app: Flask) -> None:
    """Register `doctor`, `backup` and `restore`."""
    app.cli.add_command(doctor_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
