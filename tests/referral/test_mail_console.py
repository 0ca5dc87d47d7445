"""Mail is never lost silently under the real `relais serve` and `relais run` (no MAIL_SERVER)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

RELAIS = str(Path(sys.executable).parent / "relais")
EMAIL = "referente.console@exemple.test"
SETUP = (
    "from referral import database\n"
    "from catalogue.models import Organisation\n"
    "from referral.accounts.models import User\n"
    "from referral.accounts.services import hash_password\n"
    "s = database.session(); o = Organisation(name='Structure fictive'); s.add(o); s.flush()\n"
    f"s.add(User(email='{EMAIL}', organisation_id=o.id, roles=['referent'], "
    "password_hash=hash_password('Mot-de-passe-fictif-1')))\n"
    "database.commit()\n"
)


def _environment(data: Path) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MAIL_SERVER", "SECRET_KEY"}
    }
    environment.update(RELAIS_DATA_DIR=str(data), SECRET_KEY="console-test-key", RELAIS_DEMO="1")
    return environment


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with a migrated SQLite database and one account, made through the command."""
    data = tmp_path_factory.mktemp("console") / "data"
    environment = _environment(data)
    run = {"env": environment, "capture_output": True, "text": True, "timeout": 300}
    assert subprocess.run([RELAIS, "db", "upgrade"], check=False, **run).returncode == 0
    created = subprocess.run([RELAIS, "shell"], input=SETUP, check=False, **run)
    assert "Error" not in created.stderr, created.stderr
    return data


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int) -> None:
    for _ in range(150):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("the server did not start")


def _ask_for_a_reset(base: str) -> None:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = opener.open(f"{base}/password/forgot", timeout=30).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
    assert token is not None
    body = urllib.parse.urlencode({"csrf_token": token.group(1), "email": EMAIL}).encode()
    opener.open(f"{base}/password/forgot", data=body, timeout=30).read()


@pytest.mark.parametrize("command", ["serve", "run"])
def test_without_mail_server_the_mail_is_logged_and_kept_in_the_outbox(
    data_dir: Path, tmp_path: Path, command: str
) -> None:
    port = _free_port()
    args = ["--host", "127.0.0.1", "--port", str(port)]
    args += ["--workers", "1"] if command == "serve" else []
    log = tmp_path / "server.log"
    before = set((data_dir / "outbox").glob("*.eml")) if (data_dir / "outbox").exists() else set()
    with log.open("w") as output:
        server = subprocess.Popen(
            [RELAIS, command, *args], env=_environment(data_dir), stdout=output, stderr=output
        )
        try:
            _wait_for(port)
            _ask_for_a_reset(f"http://127.0.0.1:{port}")
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    [kept] = set((data_dir / "outbox").glob("*.eml")) - before
    assert f"E-mail non envoyé (MAIL_SERVER absent) à {EMAIL}" in text
    link = re.search(r"http://\S+/password/reset/\S+", kept.read_text())
    assert link is not None and link.group(0) not in text  # the link is a credential
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
