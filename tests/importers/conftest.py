"""Fixtures of the importer tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from importers.base import ImportOptions, Reader, run_import
from importers.report import Report


@pytest.fixture
def run(db_session: Session) -> Callable[..., Report]:
    """Return a function that imports with a reader in the test's session."""

    def _run(reader: Reader, **options: object) -> Report:
        return run_import(db_session, reader, ImportOptions(**options))  # type: ignore[arg-type]

    return _run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return an empty folder for fixture files."""
    path = tmp_path / "source"
    path.mkdir()
    return path
