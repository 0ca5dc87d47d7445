"""The clients of `bench/http.py`: keep-alive connections, a weighted mix, latencies, errors."""

from __future__ import annotations

import http.client
import json
import random
import re
import statistics
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from referral.demo.accounts import DEMO_DOMAIN, DEMO_PASSWORD

READS = (("search", 45), ("service", 30), ("pathway", 20))
WRITES = (("capacity", 4), ("transition", 1))


def _connection(base: str) -> http.client.HTTPConnection:
    parts = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)


def sign_in(base: str) -> str:
    """Sign the demo référent in through the form; return the session cookie."""
    connection = _connection(base)
    connection.request("GET", "/login")
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie", "").split(";")[0]
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    form = {"email": f"referente@{DEMO_DOMAIN}", "password": DEMO_PASSWORD}
    form["csrf_token"] = token.group(1) if token else ""
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    connection.request("POST", "/login", urllib.parse.urlencode(form), headers)
    response = connection.getresponse()
    response.read()
    assert response.status == 302, f"sign-in failed: {response.status}"
    return response.getheader("Set-Cookie", "").split(";")[0]


@dataclass
class Result:
    """Latencies and errors of a run."""

    latencies: list[float]
    errors: int
    seconds: float
    kinds: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)
    by_kind: dict[str, list[float]] = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else 0.0

    def detail(self) -> str:
        kinds = " ".join(
            f"{kind}={len(times)} (médiane {statistics.median(times) * 1000:.0f} ms)"
            for kind, times in sorted(self.by_kind.items())
        )
        return f"requêtes : {kinds}; statuts : {dict(sorted(self.statuses.items()))}"


class Mix:
    """Builds the requests of the mix; each client edits its own services and referrals."""

    def __init__(self, base: str, found: Any, cookie: str, queries: list[tuple]) -> None:
        self.base, self.found, self.cookie, self.queries = base, found, cookie, queries
        self.versions: dict[str, int] = {}
        self.lock = threading.Lock()

    def request(self, rng: random.Random, client: int, kind: str) -> tuple[str, str, Any, dict]:
        token = {"Authorization": f"Bearer {self.found.coordinator_token}"}
        if kind == "search":
            text, need, lat, lon = rng.choice(self.queries)
            params = {"q": text, "need": need, "lat": lat, "lon": lon, "radius_km": 10}
            query = urllib.parse.urlencode({k: v for k, v in params.items() if v != ""})
            return "GET", f"/api/v1/services?{query}", None, {}
        if kind == "service":
            return "GET", f"/services/{rng.choice(self.found.service_uids)}", None, {}
        if kind == "pathway":
            uid = rng.choice(self.found.pathway_uids)
            return "GET", f"/pathways/{uid}", None, {"Cookie": self.cookie}
        if kind == "capacity":
            uid = self.found.service_uids[client * 50 + rng.randrange(50)]
            # Always a change: an edit that changes nothing keeps the version (then a 409).
            capacity = "waitlist" if self.found.capacities.get(uid) == "open" else "open"
            body = {"version": self.versions.get(uid, 1), "capacity": capacity}
            return "PATCH", f"/api/v1/services/{uid}", body, {**token, "X-Service": uid}
        uid = self.found.referral_uids.pop()
        body = {"from": "sent", "to": "cancelled", "note": "banc d'essai"}
        return "POST", f"/api/v1/referrals/{uid}/transitions", body, token


def _kind(rng: random.Random) -> str:
    choices = READS + WRITES
    return rng.choices([name for name, _ in choices], [weight for _, weight in choices])[0]


def _client(mix: Mix, number: int, until: float, static: bool, out: Result) -> None:
    rng = random.Random(number)
    connection = _connection(mix.base)
    while time.monotonic() < until:
        kind = "static" if static else _kind(rng)
        if kind == "static":
            method, path, body, headers = "GET", "/static/relais.css", None, {}
        else:
            method, path, body, headers = mix.request(rng, number, kind)
        service = headers.pop("X-Service", None)
        payload = json.dumps(body) if body is not None else None
        if payload:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            connection.request(method, path, payload, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = _connection(mix.base)
            status = 599
        elapsed = time.perf_counter() - started
        if service and body is not None and status == 200:
            # Each client edits its own services: the version moves by one per edit.
            mix.versions[service] = mix.versions.get(service, 1) + 1
            mix.found.capacities[service] = body["capacity"]
        with mix.lock:
            out.latencies.append(elapsed)
            out.kinds[kind] += 1
            out.by_kind.setdefault(kind, []).append(elapsed)
            out.statuses[status] += 1
            out.errors += (
                status >= 500 or status in (0, 409) or (status >= 400 and kind != "static")
            )
    connection.close()


def run_clients(mix: Mix, clients: int, seconds: float, static: bool = False) -> Result:
    """Run the clients for a while; return latencies and errors."""
    result = Result([], 0, seconds)
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_client, args=(mix, number, until, static, result))
        for number in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result
