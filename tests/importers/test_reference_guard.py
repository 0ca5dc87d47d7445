"""Tests that read the official HSDS files skip without them, except in CI where they fail."""

import pytest

from tests.importers.helpers import require_reference


def test_a_missing_reference_fails_in_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="HSDS"):
        require_reference(tmp_path / "absent")


def test_a_missing_reference_skips_outside_ci(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_reference(tmp_path / "absent")


def test_a_present_reference_runs_the_test(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    require_reference(tmp_path)
