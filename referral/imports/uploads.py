"""Uploaded import files: kept in the database between the dry run and the confirmation.

Any host may confirm what another one previewed (several hosts share no data dir). The files
are written to a temporary folder only for the time of one reading, and it is always removed.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from catalogue.db import utcnow
from importers.base import Reader
from importers.datainclusion import DataInclusionReader
from importers.finess import FinessReader
from importers.hsds.reader import HsdsReader
from importers.limits import DEFAULT_LIMITS, Limits, extract_archive
from importers.records import UnreadableFileError
from importers.resources import SAMPLE_MAPPING
from importers.spreadsheet import Mapping, SpreadsheetReader
from referral.imports.geocoding import spreadsheet_geocoder
from referral.imports.models import TOKEN_LENGTH, ImportUpload

FORMATS = {
    "hsds": "HSDS 3 (JSON, NDJSON, ou ZIP du paquet tabulaire)",
    "datainclusion": "data·inclusion (ZIP de structures.* et services.*)",
    "finess": "FINESS (extrait des établissements géolocalisé)",
    "spreadsheet": "Tableau d'un partenaire (CSV ou XLSX)",
}
KEPT_FOR_SECONDS = 24 * 3600
ARCHIVE_FORMATS = ("hsds", "datainclusion")
HEX_DIGITS = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class UploadedFile:
    """One uploaded file: its name (made safe for a path) and its bytes."""

    name: str
    content: bytes

    @classmethod
    def received(cls, storage: FileStorage) -> UploadedFile:
        """Read a file of the request (its size is bounded by MAX_CONTENT_LENGTH)."""
        return cls(secure_filename(storage.filename or "") or "fichier", storage.read())


@dataclass(frozen=True)
class Upload:
    """An upload: its token, format and files (the second one: legal entities or mapping)."""

    token: str
    format: str
    main: UploadedFile
    extra: UploadedFile | None = None

    @property
    def filename(self) -> str:
        """Return the name the coordinator uploaded."""
        return self.main.name


@dataclass(frozen=True)
class Files:
    """An upload's files on disk, for the time of one reading."""

    format: str
    main: Path
    extra: Path | None


def received(format_: str, main: FileStorage, extra: FileStorage | None) -> Upload:
    """Return the upload of a request's files, under a new unguessable token (not kept yet)."""
    second = UploadedFile.received(extra) if extra is not None and extra.filename else None
    token = secrets.token_hex(TOKEN_LENGTH // 2)
    return Upload(token, format_, UploadedFile.received(main), second)


def _cutoff(now: dt.datetime | None) -> dt.datetime:
    return (now or utcnow()) - dt.timedelta(seconds=KEPT_FOR_SECONDS)


def sweep(session: Session, now: dt.datetime | None = None) -> int:
    """Remove the uploads previewed but never confirmed for a day; return how many."""
    statement = delete(ImportUpload).where(ImportUpload.created_at < _cutoff(now))
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def save(session: Session, upload: Upload, uploaded_by_id: int) -> None:
    """Keep an upload until its confirmation (the request commits), and sweep the stale ones."""
    sweep(session)
    extra = upload.extra
    session.add(
        ImportUpload(
            token=upload.token,
            format=upload.format,
            uploaded_by_id=uploaded_by_id,
            filename=upload.main.name,
            content=upload.main.content,
            extra_filename=extra.name if extra else None,
            extra_content=extra.content if extra else None,
        )
    )
    session.flush()


def load(session: Session, token: str, now: dt.datetime | None = None) -> Upload | None:
    """Return a kept upload by token, or None (unknown, malformed, or kept for over a day)."""
    if len(token) != TOKEN_LENGTH or not set(token) <= HEX_DIGITS:
        return None
    row = session.scalars(
        select(ImportUpload).where(
            ImportUpload.token == token, ImportUpload.created_at >= _cutoff(now)
        )
    ).one_or_none()
    if row is None:
        return None
    extra = None
    if row.extra_filename is not None and row.extra_content is not None:
        extra = UploadedFile(row.extra_filename, bytes(row.extra_content))
    return Upload(row.token, row.format, UploadedFile(row.filename, bytes(row.content)), extra)


def discard(session: Session, upload: Upload) -> None:
    """Forget an upload once imported."""
    statement = delete(ImportUpload).where(ImportUpload.token == upload.token)
    session.execute(statement.execution_options(synchronize_session=False))


def _written(folder: Path, prefix: str, uploaded: UploadedFile) -> Path:
    path = folder / f"{prefix}-{uploaded.name}"
    path.write_bytes(uploaded.content)
    return path


@contextmanager
def opened(upload: Upload, limits: Limits = DEFAULT_LIMITS) -> Iterator[Files]:
    """Write an upload's files to a temporary folder, removed afterwards whatever happens.

    A package's ZIP is extracted there, within the limits.
    """
    with tempfile.TemporaryDirectory(prefix="relais-import-") as work:
        folder = Path(work)
        main = _written(folder, "1", upload.main)
        extra = _written(folder, "2", upload.extra) if upload.extra is not None else None
        # An XLSX is a ZIP too: only the packages of HSDS and data·inclusion are extracted.
        if upload.format in ARCHIVE_FORMATS and zipfile.is_zipfile(main):
            extract_archive(main, folder / "contenu", limits)
            main = folder / "contenu"
        yield Files(upload.format, main, extra)


def reader_for(files: Files, session: Session, limits: Limits = DEFAULT_LIMITS) -> Reader:
    """Return the reader of an upload's format."""
    if files.format == "hsds":
        return HsdsReader(files.main)
    if files.format == "datainclusion":
        return DataInclusionReader(files.main)
    if files.format == "finess":
        return FinessReader(files.main, files.extra)
    if files.format == "spreadsheet":
        mapping = Mapping.load(files.extra or SAMPLE_MAPPING)
        return SpreadsheetReader(files.main, mapping, spreadsheet_geocoder(session), limits)
    raise UnreadableFileError(f"Format inconnu : {files.format}.")


@contextmanager
def reading(upload: Upload, session: Session, limits: Limits = DEFAULT_LIMITS) -> Iterator[Reader]:
    """Give the reader of an upload, on files that exist only until the reading ends."""
    with opened(upload, limits) as files:
        yield reader_for(files, session, limits)
