"""The common framework of every importer: parse → validate → upsert → report.

A reader turns a file into `Record`s (with their warnings, rejections or skip reason); `run_import`
validates each one, writes the valid ones through the catalogue's services in one transaction
(a savepoint), and keeps or discards the whole according to the options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from importers.crosswalk import Crosswalk
from importers.duplicates import flag_duplicates
from importers.models import ImportRun
from importers.records import Record, UnreadableFileError
from importers.report import Report
from importers.writer import RecordRejectedError, Writer

FLUSH_EVERY = 200  # records written between two flushes (the catalogue's creates don't flush)

__all__ = ["ImportOptions", "Reader", "UnreadableFileError", "record_run", "run_import"]


@dataclass(frozen=True)
class ImportOptions:
    """How an import behaves (the CLI flags)."""

    dry_run: bool = False
    partial: bool = False
    overwrite: bool = False
    actor_id: int | None = None


class Reader(Protocol):
    """Turns one file or folder into records of one source."""

    format: str
    source: str

    def read(self, session: Session, crosswalk: Crosswalk) -> Iterable[Record]:
        """Yield the records; raise `UnreadableFileError` when the file cannot be read."""


def _process(
    session: Session, writer: Writer, record: Record, report: Report, options: ImportOptions
) -> None:
    if record.skipped:
        report.add(record, "skipped")
        return
    if record.rejections or not writer.check(record):
        report.add(record, "rejected")
        return
    savepoint = session.begin_nested() if options.partial else None
    try:
        outcome = writer.write(record)
    except RecordRejectedError:
        # All or nothing: the whole import is rolled back at the end; partial: this record only.
        if savepoint is not None:
            savepoint.rollback()
            writer.forget()
        report.add(record, "rejected")
        return
    if savepoint is not None:
        savepoint.commit()
    report.add(record, outcome)


def run_import(
    session: Session,
    reader: Reader,
    options: ImportOptions = ImportOptions(),
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Import a reader's records; all or nothing unless `partial`; nothing kept on a dry run."""
    crosswalk = Crosswalk(session)
    records = list(reader.read(session, crosswalk))
    report = Report(format=reader.format, dry_run=options.dry_run)
    outer = session.begin_nested()
    writer = Writer(
        session, reader.source, crosswalk, overwrite=options.overwrite, actor_id=options.actor_id
    )
    for position, record in enumerate(records, start=1):
        _process(session, writer, record, report, options)
        if position % FLUSH_EVERY == 0:
            session.flush()
        if progress:
            progress(position, len(records))
    refused = bool(report.rejected) and not options.partial
    if not refused:
        report.duplicates = flag_duplicates(
            session, writer.touched_organisations, writer.touched_services
        )
    if options.dry_run or refused:
        outer.rollback()
    else:
        outer.commit()
        report.applied = True
    return report


def record_run(
    session: Session, report: Report, filename: str, options: ImportOptions
) -> ImportRun | None:
    """Keep a real (not dry) run in the history, with its report."""
    if options.dry_run:
        return None
    run = ImportRun(
        format=report.format,
        filename=Path(filename).name[:300],
        actor_id=options.actor_id,
        applied=report.applied,
        options=asdict(options),
        report=report.as_dict(),
    )
    session.add(run)
    session.flush()
    return run
