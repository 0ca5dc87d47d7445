"""Bounds on what an import reads: archives (ZIP, XLSX) and tables, each limit configurable.

An archive is checked before anything opens it (declared sizes, entry count, compression
ratio) and counted again while it is extracted, since declared sizes can lie. Messages are in
French and never name a server path.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from importers.records import UnreadableFileError

MB = 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How much an import may read."""

    archive_bytes: int = 100 * MB
    archive_entries: int = 1000
    compression_ratio: int = 100
    rows: int = 200_000
    columns: int = 100


DEFAULT_LIMITS = Limits()


def _too_big(limits: Limits) -> UnreadableFileError:
    return UnreadableFileError(
        "Archive refusée : son contenu décompressé dépasserait "
        f"{limits.archive_bytes // MB} Mo (ou se compresse anormalement bien)."
    )


def check_archive(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[zipfile.ZipInfo]:
    """Return the entries of a ZIP (or XLSX) that stays within the limits, else refuse it."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (OSError, zipfile.BadZipFile) as error:
        raise UnreadableFileError(f"Archive illisible ({type(error).__name__}).") from error
    if len(entries) > limits.archive_entries:
        raise UnreadableFileError(
            f"Archive refusée : plus de {limits.archive_entries} fichiers ({len(entries)})."
        )
    declared = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries)
    if declared > limits.archive_bytes or declared > limits.compression_ratio * max(compressed, 1):
        raise _too_big(limits)
    return entries


def _copy_bounded(source: IO[bytes], sink: IO[bytes], budget: int, limits: Limits) -> int:
    """Copy at most `budget` bytes; refuse the archive when the entry holds more."""
    written = 0
    while chunk := source.read(CHUNK):
        written += len(chunk)
        if written > budget:
            raise _too_big(limits)
        sink.write(chunk)
    return written


def extract_archive(path: Path, target: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Extract a ZIP within the limits (no path outside the target, one folder flattened)."""
    entries = check_archive(path, limits)
    budget = limits.archive_bytes
    try:
        with zipfile.ZipFile(path) as archive:
            for member in entries:
                name = Path(member.filename)
                if member.is_dir() or name.is_absolute() or ".." in name.parts:
                    continue
                destination = target / name.name
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source, destination.open("wb") as sink:
                    budget -= _copy_bounded(source, sink, budget, limits)
    except UnreadableFileError:
        shutil.rmtree(target, ignore_errors=True)
        raise
    except (OSError, zipfile.BadZipFile, RuntimeError) as error:
        shutil.rmtree(target, ignore_errors=True)
        raise UnreadableFileError(f"Archive illisible ({type(error).__name__}).") from error
