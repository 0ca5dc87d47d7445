"""Uploaded import files: kept in the data dir between the dry run and the confirmation."""

from __future__ import annotations

import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from importers.base import Reader
from importers.datainclusion import DataInclusionReader
from importers.finess import FinessReader
from importers.hsds.reader import HsdsReader
from importers.limits import DEFAULT_LIMITS, Limits, extract_archive
from importers.records import UnreadableFileError
from importers.resources import SAMPLE_MAPPING
from importers.spreadsheet import Mapping, SpreadsheetReader
from referral.imports.geocoding import spreadsheet_geocoder

FORMATS = {
    "hsds": "HSDS 3 (JSON, NDJSON, ou ZIP du paquet tabulaire)",
    "datainclusion": "data·inclusion (ZIP de structures.* et services.*)",
    "finess": "FINESS (extrait des établissements géolocalisé)",
    "spreadsheet": "Tableau d'un partenaire (CSV ou XLSX)",
}
TOKEN_LENGTH = 32
KEPT_FOR_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Upload:
    """A stored upload: its token, format and files."""

    token: str
    format: str
    folder: Path

    @property
    def main(self) -> Path:
        """Return the main file (or the extracted folder)."""
        extracted = self.folder / "contenu"
        if extracted.is_dir():
            return extracted
        return next(path for path in sorted(self.folder.iterdir()) if path.name.startswith("1-"))

    def extra(self) -> Path | None:
        """Return the second file (legal entities or mapping), if any."""
        return next(
            (path for path in sorted(self.folder.iterdir()) if path.name.startswith("2-")), None
        )

    @property
    def filename(self) -> str:
        """Return the name the coordinator uploaded."""
        return self.main.name.removeprefix("1-") if self.main.name != "contenu" else self.format


def uploads_dir(data_dir: Path) -> Path:
    """Return the folder of pending uploads."""
    return data_dir / "imports"


def sweep(data_dir: Path, now: float | None = None) -> int:
    """Remove the uploads previewed but never confirmed for a day; return how many."""
    folder = uploads_dir(data_dir)
    limit = (time.time() if now is None else now) - KEPT_FOR_SECONDS
    stale = [path for path in folder.glob("*") if path.is_dir() and path.stat().st_mtime < limit]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return len(stale)


ARCHIVE_FORMATS = ("hsds", "datainclusion")


def save(
    data_dir: Path,
    format_: str,
    main: FileStorage,
    extra: FileStorage | None,
    limits: Limits = DEFAULT_LIMITS,
) -> Upload:
    """Store the uploaded files (a package's ZIP is extracted, within the limits).

    A refused upload leaves nothing behind.
    """
    sweep(data_dir)
    token = secrets.token_hex(TOKEN_LENGTH // 2)
    folder = uploads_dir(data_dir) / token
    folder.mkdir(parents=True)
    try:
        path = folder / f"1-{secure_filename(main.filename or 'fichier') or 'fichier'}"
        main.save(path)
        if extra is not None and extra.filename:
            extra.save(folder / f"2-{secure_filename(extra.filename) or 'fichier'}")
        # An XLSX is a ZIP too: only the packages of HSDS and data·inclusion are extracted.
        if format_ in ARCHIVE_FORMATS and zipfile.is_zipfile(path):
            extract_archive(path, folder / "contenu", limits)
        (folder / "format").write_text(format_, encoding="utf-8")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Upload(token, format_, folder)


def load(data_dir: Path, token: str) -> Upload | None:
    """Return a stored upload by token, or None."""
    if len(token) != TOKEN_LENGTH or not all(char in "0123456789abcdef" for char in token):
        return None
    folder = uploads_dir(data_dir) / token
    if not (folder / "format").is_file():
        return None
    return Upload(token, (folder / "format").read_text(encoding="utf-8"), folder)


def discard(upload: Upload) -> None:
    """Remove an upload once imported."""
    shutil.rmtree(upload.folder, ignore_errors=True)


def reader_for(upload: Upload, session: Session, limits: Limits = DEFAULT_LIMITS) -> Reader:
    """Return the reader of an upload's format."""
    if upload.format == "hsds":
        return HsdsReader(upload.main)
    if upload.format == "datainclusion":
        return DataInclusionReader(upload.main)
    if upload.format == "finess":
        return FinessReader(upload.main, upload.extra())
    if upload.format == "spreadsheet":
        mapping = Mapping.load(upload.extra() or SAMPLE_MAPPING)
        return SpreadsheetReader(upload.main, mapping, spreadsheet_geocoder(session), limits)
    raise UnreadableFileError(f"Format inconnu : {upload.format}.")
