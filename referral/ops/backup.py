"""Backup and restore: a consistent copy of the database plus the data dir's own files.

The archive (`.tar.gz`) holds `manifest.json`, the database (`database.sqlite3`, taken with
SQLite's online backup API, or `database.dump`, from `pg_dump --format=custom`) and `data/`:
the data dir without the database files and without the search index, which is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

from referral.french import plural

FORMAT = 1
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.dump"
SQLITE_SUFFIXES = ("", "-wal", "-shm", "-journal")


class BackupError(Exception):
    """A backup or a restore was refused or failed; the message is one French sentence."""


@dataclass
class Manifest:
    """What an archive holds."""

    backend: str
    revision: str | None
    created_at: str
    files: int
    format: int = FORMAT


def sqlite_path(url: URL) -> Path | None:
    """Return the file of a SQLite database URL (None for PostgreSQL or in-memory SQLite)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).resolve()


def _excluded(data_dir: Path, index_dir: Path, url: URL) -> set[Path]:
    excluded = {index_dir.resolve()}
    database_file = sqlite_path(url)
    if database_file is not None:
        excluded.update(Path(f"{database_file}{suffix}") for suffix in SQLITE_SUFFIXES)
    return excluded


def data_files(data_dir: Path, index_dir: Path, url: URL) -> list[Path]:
    """Return the data dir's own files: settings, notices, mail (not the database or index)."""
    if not data_dir.is_dir():
        return []
    excluded = _excluded(data_dir, index_dir, url)
    found = []
    for path in sorted(data_dir.rglob("*")):
        resolved = path.resolve()
        if any(resolved == each or each in resolved.parents for each in excluded):
            continue
        if path.is_file():
            found.append(path)
    return found


def _pg_arguments(url: URL) -> tuple[list[str], dict[str, str]]:
    """Return libpq arguments for pg_dump/pg_restore, the password kept out of the command line."""
    plain = url.set(drivername="postgresql", password=None)
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return [f"--dbname={plain.render_as_string(hide_password=False)}"], environment


def _run(command: list[str], environment: dict[str, str], what: str) -> None:
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, env=environment, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} est introuvable : installez les outils PostgreSQL."
        ) from error
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
        raise BackupError(f"{what} a échoué : {reason}")


def dump_database(engine: Engine, target: Path) -> str:
    """Write a consistent copy of the database to `target`; return the archive member name."""
    source = sqlite_path(engine.url)
    if engine.dialect.name == "sqlite":
        if source is None:
            raise BackupError("Une base SQLite en mémoire ne se sauvegarde pas.")
        with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
            origin.backup(copy)  # a snapshot: concurrent writers keep going in WAL mode
        copy.close()
        origin.close()
        return SQLITE_MEMBER
    arguments, environment = _pg_arguments(engine.url)
    command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *arguments]
    _run([*command, f"--file={target}"], environment, "pg_dump")
    return PG_MEMBER


def write_archive(
    engine: Engine, data_dir: Path, index_dir: Path, revision: str | None, path: Path
) -> Manifest:
    """Write the backup archive at `path` (through a temporary file, renamed at the end)."""
    files = data_files(data_dir, index_dir, engine.url)
    manifest = Manifest(
        backend=engine.dialect.name,
        revision=revision,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        files=len(files),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="relais-backup-") as work:
        dump = Path(work) / "database"
        member = dump_database(engine, dump)
        (Path(work) / "manifest.json").write_text(json.dumps(manifest.__dict__, indent=2))
        partial = path.with_name(f".{path.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=member)
            for each in files:
                archive.add(each, arcname=f"data/{each.relative_to(data_dir).as_posix()}")
        partial.chmod(0o600)  # the archive holds children's records
        partial.replace(path)
    return manifest


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    """Return the manifest of an archive, or say it is not a Relais backup."""
    try:
        handle = archive.extractfile("manifest.json")
        data = json.loads(handle.read()) if handle else None
    except (KeyError, ValueError) as error:
        raise BackupError(
            "Ce fichier n'est pas une sauvegarde Relais (manifeste absent)."
        ) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("Format de sauvegarde inconnu.")
    return Manifest(**data)


def check_empty_target(engine: Engine, data_dir: Path, index_dir: Path) -> None:
    """Refuse to restore over anything: an empty data dir and an empty database only."""
    leftovers = data_files(data_dir, index_dir, engine.url)
    if index_dir.is_dir() and any(index_dir.iterdir()):
        leftovers.append(index_dir)
    if leftovers:
        raise BackupError(
            f"Le dossier de données {data_dir} n'est pas vide : restaurez dans un dossier vide."
        )
    with engine.connect() as connection:
        tables = inspect(connection).get_table_names()
    if tables:
        raise BackupError(
            f"La base de données n'est pas vide ({plural(len(tables), 'table')}) : "
            "restaurez dans une base vide."
        )


def _restore_database(engine: Engine, archive: tarfile.TarFile, manifest: Manifest) -> None:
    if manifest.backend != engine.dialect.name:
        raise BackupError(
            f"Sauvegarde {manifest.backend}, base cible {engine.dialect.name} : "
            "restaurez vers le même type de base."
        )
    member = SQLITE_MEMBER if manifest.backend == "sqlite" else PG_MEMBER
    with tempfile.TemporaryDirectory(prefix="relais-restore-") as work:
        dump = Path(work) / member
        handle = archive.extractfile(member)
        if handle is None:
            raise BackupError("La sauvegarde ne contient pas la base de données.")
        dump.write_bytes(handle.read())
        engine.dispose()
        if manifest.backend == "sqlite":
            target = sqlite_path(engine.url)
            if target is None:
                raise BackupError("Restauration impossible dans une base SQLite en mémoire.")
            with sqlite3.connect(dump) as origin, sqlite3.connect(target) as copy:
                origin.backup(copy)
            copy.close()
            origin.close()
            return
        arguments, environment = _pg_arguments(engine.url)
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *arguments]
        _run([*command, str(dump)], environment, "pg_restore")


def _restore_files(archive: tarfile.TarFile, data_dir: Path) -> int:
    count = 0
    for member in archive.getmembers():
        if not member.name.startswith("data/") or not member.isfile():
            continue
        relative = Path(member.name).relative_to("data")
        if relative.is_absolute() or ".." in relative.parts:
            raise BackupError(f"Chemin refusé dans la sauvegarde : {member.name}")
        target = data_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = archive.extractfile(member)
        if handle is not None:
            target.write_bytes(handle.read())
            count += 1
    return count


def restore_archive(engine: Engine, data_dir: Path, index_dir: Path, path: Path) -> Manifest:
    """Restore an archive into an empty database and data dir (the index is rebuilt after)."""
    if not path.is_file():
        raise BackupError(f"Sauvegarde introuvable : {path}")
    try:
        with tarfile.open(path, "r:gz") as archive:
            manifest = read_manifest(archive)
            check_empty_target(engine, data_dir, index_dir)
            data_dir.mkdir(parents=True, exist_ok=True)
            _restore_database(engine, archive, manifest)
            _restore_files(archive, data_dir)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"Sauvegarde illisible : {path} ({error}).") from error
    return manifest
