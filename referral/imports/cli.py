"""`relais import <format> PATH` and `relais export <format> PATH`: thin wrappers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from flask import Flask

from importers.base import ImportOptions, Reader, record_run, run_import
from importers.communes import import_communes
from importers.datainclusion import DataInclusionReader
from importers.exports import csv as csv_export
from importers.exports import datainclusion as datainclusion_export
from importers.exports import hsds as hsds_export
from importers.finess import FinessReader
from importers.hsds.reader import HsdsReader
from importers.records import UnreadableFileError
from importers.report import Report
from importers.spreadsheet import Mapping, SpreadsheetReader
from referral import database
from referral.database import database_command
from referral.imports.geocoding import spreadsheet_geocoder

EXISTING = click.Path(path_type=Path)


class _ProgressBar:
    """A progress bar on stderr, opened once the number of records is known."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, position: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Import", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option("--dry-run", is_flag=True, help="Essai à blanc : rien n'est enregistré."),
            click.option("--partial", is_flag=True, help="Garde les enregistrements valides."),
            click.option("--overwrite", is_flag=True, help="Écrase les champs modifiés à la main."),
            click.option(
                "--report", "report_path", type=click.Path(path_type=Path), help="Rapport JSON."
            ),
        ]
    ):
        func = option(func)
    return func


def _fail_unreadable(error: Exception) -> None:
    click.echo(str(error), err=True)
    sys.exit(2)


def _run(
    reader_factory: Callable[[], Reader], path: Path, report_path: Path | None, **flags: bool
) -> None:
    options = ImportOptions(**flags)
    session = database.session()
    bar = _ProgressBar()
    try:
        report = run_import(session, reader_factory(), options, progress=bar)
    except UnreadableFileError as error:
        bar.close()
        _fail_unreadable(error)
        return
    bar.close()
    if not report.applied:
        # Nothing of the import stays: a full rollback also tells the search index to forget it.
        session.rollback()
    record_run(session, report, str(path), options)
    database.commit()
    _print(report)
    if report_path is not None:
        report.write(report_path)
    sys.exit(1 if report.rejected else 0)


def _print(report: Report) -> None:
    for item in report.problems()[:50]:
        click.echo(
            f"  ligne {item.line} ({item.source_id or '?'}) — {item.outcome} : "
            + " ; ".join(item.messages)
        )
    if len(report.problems()) > 50:
        click.echo(f"  … et {len(report.problems()) - 50} autres (voir --report).")
    click.echo(report.summary())


@click.group(
    "import", help="Importe des ressources (HSDS, data·inclusion, FINESS, tableur, communes)."
)
def import_group() -> None:
    """Group the import commands."""


@import_group.command("hsds", help="Paquet tabulaire HSDS 3 (dossier), fichier JSON ou NDJSON.")
@click.argument("path", type=EXISTING)
@_options
@database_command
def import_hsds(path: Path, report_path: Path | None, **flags: bool) -> None:
    """Import an HSDS 3 package or file."""
    _run(lambda: HsdsReader(path), path, report_path, **flags)


@import_group.command("datainclusion", help="Dossier data·inclusion : structures.* et services.*.")
@click.argument("path", type=EXISTING)
@_options
@database_command
def import_datainclusion(path: Path, report_path: Path | None, **flags: bool) -> None:
    """Import a data·inclusion export folder."""
    _run(lambda: DataInclusionReader(path), path, report_path, **flags)


@import_group.command("finess", help="Extrait FINESS des établissements (géolocalisé).")
@click.argument("path", type=EXISTING)
@click.option("--legal-entities", type=EXISTING, help="Extrait FINESS des entités juridiques.")
@_options
@database_command
def import_finess(
    path: Path, legal_entities: Path | None, report_path: Path | None, **flags: bool
) -> None:
    """Import a FINESS extract."""
    _run(lambda: FinessReader(path, legal_entities), path, report_path, **flags)


@import_group.command(
    "spreadsheet", help="Tableau CSV ou XLSX d'un partenaire, avec un fichier de correspondance."
)
@click.argument("path", type=EXISTING)
@click.option(
    "--mapping", "mapping_path", type=EXISTING, required=True, help="Correspondance TOML."
)
@_options
@database_command
def import_spreadsheet(
    path: Path, mapping_path: Path, report_path: Path | None, **flags: bool
) -> None:
    """Import a partner's spreadsheet."""
    try:
        mapping = Mapping.load(mapping_path)
    except UnreadableFileError as error:
        _fail_unreadable(error)
        return
    _run(
        lambda: SpreadsheetReader(path, mapping, spreadsheet_geocoder(database.session())),
        path,
        report_path,
        **flags,
    )


@import_group.command(
    "communes", help="Met à jour le référentiel des communes (format du fichier livré)."
)
@click.argument("path", type=EXISTING)
@database_command
def import_communes_command(path: Path) -> None:
    """Refresh the gazetteer."""
    try:
        loaded = import_communes(database.session(), path)
    except UnreadableFileError as error:
        _fail_unreadable(error)
        return
    click.echo(f"Communes et EPCI : {loaded.created} créés, {loaded.updated} mis à jour.")


@click.group("export", help="Exporte le catalogue (jamais les enfants, parcours ni orientations).")
def export_group() -> None:
    """Group the export commands."""


@export_group.command("hsds", help="HSDS 3 : fichier JSON (.json) ou paquet tabulaire (dossier).")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--with-contacts",
    is_flag=True,
    help="Inclut les contacts d'orientation et adresses confidentielles.",
)
@database_command
def export_hsds(path: Path, with_contacts: bool) -> None:
    """Export the catalogue as HSDS 3."""
    session = database.session()
    if path.suffix.lower() == ".json":
        count = hsds_export.write_json(session, path, private=with_contacts)
    else:
        count = hsds_export.write_tabular(session, path, private=with_contacts)
    click.echo(f"{count} services exportés en HSDS 3 dans {path}.")


@export_group.command("datainclusion", help="data·inclusion v1 : structures.json et services.json.")
@click.argument("path", type=click.Path(path_type=Path))
@database_command
def export_datainclusion(path: Path) -> None:
    """Export the catalogue in the data·inclusion schema."""
    result = datainclusion_export.export(database.session(), path)
    for line in result.refused[:20]:
        click.echo(f"  refusé par le schéma : {line}", err=True)
    click.echo(
        f"{result.structures} structures et {result.services} services exportés dans {path}."
    )


@export_group.command("csv", help="Un fichier CSV, une ligne par service.")
@click.argument("path", type=click.Path(path_type=Path))
@database_command
def export_csv(path: Path) -> None:
    """Export the catalogue as CSV."""
    count = csv_export.export(database.session(), path)
    click.echo(f"{count} services exportés dans {path}.")


def init_app(app: Flask) -> None:
    """Register the import and export groups."""
    app.cli.add_command(import_group)
    app.cli.add_command(export_group)
