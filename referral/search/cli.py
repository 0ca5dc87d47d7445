"""`relais search`: rebuild the index, find and repair drift with the database."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from referral import database, search
from referral.french import plural
from referral.search.sync import (
    all_documents,
    count_services,
    documents_for_ids,
    drift,
    missing_extensions,
)


@click.group("search", help="Index de recherche : reconstruction et contrôle.")
def search_group() -> None:
    """Group the search index commands."""


@search_group.command(
    "reindex", help="Reconstruit l'index dans un nouveau dossier puis le bascule."
)
@with_appcontext
def reindex_command() -> None:
    """Rebuild the whole index from the database while searches keep using the old one."""
    database.get_database().check_ready()
    _refuse_without_extensions()
    session = database.get_database().reader()
    index = search.get_index()
    with session, click.progressbar(length=count_services(session), label="Indexation") as bar:
        count = index.rebuild(all_documents(session), progress=bar.update)
        session.commit()  # search rows written on the session's own connection commit with it
    index.clear_pending(index.pending_ids())
    click.echo(f"{plural(count, 'service indexé', 'services indexés')}.")


@search_group.command("check", help="Compare l'index à la base ; code 1 et identifiants si écart.")
@click.option("--fix", is_flag=True, help="Réécrit les services en écart.")
@with_appcontext
def check_command(fix: bool) -> None:
    """Report the services whose index entry is missing, stale or left over."""
    database.get_database().check_ready()
    _refuse_without_extensions()
    session = database.get_database().reader()
    index = search.get_index()
    with session:
        wrong = drift(session, index)
        if wrong and fix and search.get_sync().apply(documents_for_ids(session, wrong)):
            session.commit()
            reindexed = plural(len(wrong), "service réindexé", "services réindexés")
            click.echo(f"{reindexed} : {' '.join(map(str, wrong))}")
            return
    if wrong:
        click.echo(
            f"Index en écart pour {plural(len(wrong), 'service')} : {' '.join(map(str, wrong))}",
            err=True,
        )
        sys.exit(1)
    click.echo("Index à jour.")


def _refuse_without_extensions() -> None:
    lacking = missing_extensions()
    if lacking:
        raise click.ClickException(lacking)
