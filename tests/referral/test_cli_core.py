"""The `relais` command: configuration errors are one clear sentence, never a traceback.

The error sentences are checked on the real console script (a process of its own: only its
entry point turns errors into one line and an exit status); the rest runs in-process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner, Result

from referral.cli import cli
from tests.common.databases import isolated_url

RELAIS = str(Path(sys.executable).parent / "relais")


def _relais_in_process(*args: str, tmp_path: Path, **env: str) -> Result:
    """Run the `relais` command group in this process, configured from the environment only."""
    environment: dict[str, str | None] = {"DATABASE_URL": None, "SECRET_KEY": None}
    environment.update({"RELAIS_DATA_DIR": str(tmp_path / "data"), **env})
    return CliRunner().invoke(cli, list(args), env=environment, catch_exceptions=False)


def _relais(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}
    }
    environment.update({"RELAIS_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [RELAIS, *args], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def test_malformed_database_url_is_one_sentence_and_exit_1(tmp_path):
    result = _relais("db", "upgrade", tmp_path=tmp_path, DATABASE_URL="pas une url")
    assert result.returncode == 1
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_database_is_one_sentence_and_exit_1(tmp_path):
    url = "postgresql+psycopg://postgres@127.0.0.1:9/relais"
    result = _relais("demo", "load", tmp_path=tmp_path, DATABASE_URL=url)
    assert result.returncode == 1
    assert result.stderr.startswith("Impossible de joindre la base de données")
    assert "Traceback" not in result.stderr


def test_commands_refuse_a_database_that_was_not_created(tmp_path):
    result = _relais("demo", "load", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "relais db upgrade" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_to_start_without_a_secret_key(tmp_path):
    assert _relais_in_process("db", "upgrade", tmp_path=tmp_path).exit_code == 0
    result = _relais("serve", tmp_path=tmp_path)
    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr


def test_db_upgrade_creates_the_database_and_loads_reference_data_once(tmp_path):
    with isolated_url(tmp_path) as url:
        first = _relais_in_process("db", "upgrade", tmp_path=tmp_path, DATABASE_URL=url)
        second = _relais_in_process("db", "upgrade", tmp_path=tmp_path, DATABASE_URL=url)
    assert first.exit_code == 0, first.output
    assert "Besoins : 69 créés" in first.stdout
    assert "0 créés, 0 mis à jour ; communes et EPCI : 0 créés, 0 mis à jour" in second.stdout


def test_without_database_url_the_sqlite_file_lives_in_the_data_dir(tmp_path):
    result = _relais_in_process("db", "upgrade", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "relais.sqlite3").exists()


def test_demo_mode_generates_and_keeps_a_secret_key(tmp_path):
    from referral.config import build

    first = build({"DATA_DIR": tmp_path, "DEMO": True, "SECRET_KEY": None})
    second = build({"DATA_DIR": tmp_path, "DEMO": True, "SECRET_KEY": None})
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert len(first["SECRET_KEY"]) == 64


def test_data_dir_holds_the_default_sqlite_database(tmp_path, monkeypatch):
    from referral.config import build

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("RELAIS_DATA_DIR", str(tmp_path))
    config = build(None)
    assert config["DATABASE_URL"] == f"sqlite:///{tmp_path.resolve() / 'relais.sqlite3'}"
    assert config["INDEX_DIR"] == tmp_path / "index"


def test_referral_delays_come_from_the_environment(monkeypatch):
    from referral.config import build

    monkeypatch.setenv("RELAIS_REFERRAL_EXPIRY_DAYS", "45")
    monkeypatch.setenv("RELAIS_REFERRAL_REMINDER_DAYS", "7,14")
    config = build(None)
    assert (config["REFERRAL_EXPIRY_DAYS"], config["REFERRAL_REMINDER_DAYS"]) == (45, (7, 14))


def test_a_bad_delay_is_one_clear_sentence(tmp_path):
    result = _relais("referrals", "tick", tmp_path=tmp_path, RELAIS_REFERRAL_EXPIRY_DAYS="trente")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "RELAIS_REFERRAL_EXPIRY_DAYS doit être un nombre entier positif, pas « trente »."
    )
