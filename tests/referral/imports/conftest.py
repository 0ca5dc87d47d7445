"""Fixtures of the import pages' tests."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.common.factories import UserFactory


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Send the test's temporary folders (`tempfile`) to a folder of its own, and return it."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def coordinator(client, db_session, signed_in):
    """Return a client signed in as a coordinator."""
    return signed_in(client, UserFactory(roles=["coordinator"]))
