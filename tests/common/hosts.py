"""Real `relais serve` processes on loopback ports, and a small HTTP client to talk to them.

Each host is a gunicorn process of its own, started from the `relais` console script with the
environment a deployment would give it; its output goes to a log file that failures quote.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RELAIS = str(Path(sys.executable).parent / "relais")
START_SECONDS = 60.0
LOG_TAIL = 4000


def relais(env: dict[str, str], *args: str) -> str:
    """Run one `relais` command with this environment; return its output (fail on an error)."""
    result = subprocess.run(
        [RELAIS, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"relais {' '.join(args)}: {result.stderr}"
    return result.stdout


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Answer:
    """One HTTP response, read whole."""

    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        """Return the body decoded as JSON."""
        return json.loads(self.text)

    def cookie_or(self, previous: str) -> str:
        """Return the session cookie this response sets, else the one the request sent."""
        found = self.headers.get("set-cookie")
        return found.split(";")[0] if found else previous


@dataclass
class Host:
    """One running `relais serve`: its name, port, process and log."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        cookie: str | None = None,
        form: dict[str, str] | None = None,
        files: dict[str, tuple[str, bytes]] | None = None,
    ) -> Answer:
        """Send one request (a JSON body, a form, or a form with files) as a token or cookie."""
        headers: dict[str, str] = {}
        payload: str | bytes | None = None
        if body is not None:
            payload, headers["Content-Type"] = json.dumps(body), "application/json"
        elif files is not None:
            payload, headers["Content-Type"] = _multipart(form or {}, files)
        elif form is not None:
            payload = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if cookie:
            headers["Cookie"] = cookie
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, payload, headers)
            response = connection.getresponse()
            text = response.read().decode()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, text)
        finally:
            connection.close()

    def sign_in(self, email: str, password: str) -> str:
        """Sign in through the form, as a browser would; return the session cookie."""
        page = self.request("GET", "/login")
        cookie = page.cookie_or("")
        form = {"email": email, "password": password, "csrf_token": csrf_token(page.text)}
        signed = self.request("POST", "/login", form=form, cookie=cookie)
        assert signed.status == 302, f"sign-in on {self.name}: {signed.status}\n{logs(self)}"
        return signed.cookie_or(cookie)

    def log_tail(self) -> str:
        """Return the end of the host's log."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return f"--- {self.name} ({self.log}) ---\n{text[-LOG_TAIL:]}"


def _multipart(form: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """Encode fields and files as `multipart/form-data`; return the body and its content type."""
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in form.items()
    ]
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def csrf_token(page: str) -> str:
    """Return the CSRF token of a page's form (empty when the page has none)."""
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    return found.group(1) if found else ""


def logs(*hosts: Host) -> str:
    """Return the end of each host's log, to read beside a failed assertion."""
    return "\n".join(host.log_tail() for host in hosts)


def _answers(host: Host) -> bool:
    with contextlib.suppress(OSError, http.client.HTTPException):
        return host.request("GET", "/healthz").status == 200
    return False


def _wait_until_up(hosts: list[Host]) -> None:
    """Wait until every host answers `/healthz`; fail with the logs if one dies or is too slow."""
    deadline = time.monotonic() + START_SECONDS
    waiting = list(hosts)
    while waiting:
        for host in list(waiting):
            assert host.process.poll() is None, f"{host.name} stopped:\n{logs(host)}"
            if _answers(host):
                waiting.remove(host)
        assert time.monotonic() < deadline, f"not up after {START_SECONDS:.0f} s:\n{logs(*hosts)}"
        if waiting:
            time.sleep(0.2)


def _stop(host: Host) -> None:
    host.process.terminate()
    try:
        host.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        host.process.kill()
        host.process.wait(timeout=15)


@contextlib.contextmanager
def serving(envs: dict[str, dict[str, str]], folder: Path) -> Iterator[list[Host]]:
    """Start one `relais serve --workers 1` per named environment; stop them all afterwards."""
    hosts: list[Host] = []
    try:
        for name, env in envs.items():
            port, log = free_port(), folder / f"{name}.log"
            with log.open("wb") as output:  # the child keeps its own copy of the descriptor
                command = [RELAIS, "serve", "--workers", "1", "--port", str(port)]
                process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
            hosts.append(Host(name, port, process, log))
        _wait_until_up(hosts)
        yield hosts
    finally:
        for host in hosts:
            _stop(host)
