"""HTTP load: N services, `relais serve --workers 2`, 20 clients for 60 s, reads + 5 % writes.

    python -m bench.http [--services 200000] [--database-url postgresql+psycopg://…]

Loads the demo's people and N synthetic services into a fresh database (SQLite in a temporary
data dir by default; a fresh schema of `--database-url` otherwise; `--search-backend postgresql`
searches the database's own search rows instead of the Whoosh index), builds the index, serves the
app with gunicorn, warms it with 30 s of the mix (unmeasured, but its errors count: each worker
builds its matching index once, as after any start), then runs a static page (the baseline) and
the mix from concurrent clients:
search API (text + need + radius), service pages, the signed-in référent's pathway page (an
audited read: a write), and 5 % writes (capacity edits, referral transitions). A fixed list of
searches (no capacity filter) must return the same ids before and after. Prints, last:
`http n= db= rps= p50_ms= p95_ms= errors= baseline_rps= search=`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.databases import fresh_database, postgresql_url
from bench.http_clients import Mix, run_clients, sign_in
from bench.http_data import fixtures, load_services

VENV_BIN = Path(sys.executable).parent
QUERIES = [
    ("soutien scolaire", "scolarite--soutien-scolaire", 48.8566, 2.3522),
    ("sport", "sport--pratique-en-club", 45.7640, 4.8357),
    ("", "sante-mentale--souffrance-psychique", 43.2965, 5.3698),
    ("musique", "", 46.5802, 0.3404),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _relais(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(VENV_BIN / "relais"), *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


def _prepare(env: dict[str, str], size: int, referrals: int) -> tuple[object, list[set[int]]]:
    """Migrate, load the demo and the services, build the index; return fixtures and id sets."""
    _relais(env, "db", "upgrade")
    _relais(env, "demo", "load")
    from referral import create_app, database

    app = create_app(
        {"DATABASE_URL": env["DATABASE_URL"], "DATA_DIR": Path(env["RELAIS_DATA_DIR"])}
    )
    with app.app_context():
        started = time.perf_counter()
        load_services(database.session(), size)
        print(f"  {size} services chargés en {time.perf_counter() - started:.0f} s", flush=True)
        found = fixtures(database.session(), referrals)
    started = time.perf_counter()
    _relais(env, "search", "reindex")
    print(f"  index construit en {time.perf_counter() - started:.0f} s", flush=True)
    _analyze(app)
    return found, _search_ids(env)


def _analyze(app: object) -> None:
    """Give PostgreSQL the statistics of the tables just filled, as autovacuum would in time.

    Without them (autovacuum off, or not yet run) the planner scans whole tables.
    """
    from referral import database

    engine = database.get_database(app).engine  # type: ignore[arg-type]
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
    engine.dispose()


def _search_ids(env: dict[str, str]) -> list[set[int]]:
    """Return the ids each fixed search finds (all pages), from the backend the app uses."""
    import datetime as dt

    from catalogue.search import FamilyPlace, SearchQuery
    from referral import create_app, database, search

    app = create_app(
        {"DATABASE_URL": env["DATABASE_URL"], "DATA_DIR": Path(env["RELAIS_DATA_DIR"])}
    )
    found = []
    with app.app_context():
        backend = search.get_backend(database.session())
        for text, need, lat, lon in QUERIES:
            query = SearchQuery(
                day=dt.date.today(), text=text, needs=(need,) if need else (),
                place=FamilyPlace(lat, lon), radius_km=15, per_page=100_000,
            )  # fmt: skip
            found.append({hit.service_id for hit in backend.search(query).hits})
    database.get_database(app).engine.dispose()
    return found


@contextlib.contextmanager
def _server(env: dict[str, str], port: int, log: Path | None) -> Iterator[str]:
    output = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [str(VENV_BIN / "relais"), "serve", "--workers", "2", "--port", str(port)],
        env=env, stdout=output, stderr=output,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        if log:
            output.close()  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=200_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument(
        "--search-backend", choices=("whoosh", "postgresql"), default="whoosh",
        help="postgresql: the search rows of the database (a PostgreSQL --database-url, "
        "the local server by default)",
    )  # fmt: skip
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    parser.add_argument(
        "--warmup-seconds", type=float, default=30.0,
        help="the mix, unmeasured, first: each worker builds its matching index once",
    )  # fmt: skip
    parser.add_argument("--server-log", type=Path, help="keep the server's output (errors) there")
    args = parser.parse_args(argv)
    if args.search_backend == "postgresql":
        args.database_url = postgresql_url(args.database_url)
    with (
        tempfile.TemporaryDirectory(prefix="relais-bench-http-") as tmp,
        fresh_database(args.database_url, Path(tmp), "bench_http") as url,
    ):
        env = {**os.environ, "RELAIS_DATA_DIR": tmp, "DATABASE_URL": url}
        env["RELAIS_SEARCH_BACKEND"] = args.search_backend
        env["SECRET_KEY"] = secrets.token_hex(16)
        found, before = _prepare(env, args.services, referrals=args.clients * 400)
        with _server(env, _free_port(), args.server_log) as base:
            cookie = sign_in(base)
            mix = Mix(base, found, cookie, QUERIES)  # type: ignore[arg-type]
            warmup = run_clients(mix, args.clients, args.warmup_seconds)
            baseline = run_clients(mix, args.clients, args.baseline_seconds, static=True)
            result = run_clients(mix, args.clients, args.seconds)
        after = _search_ids(env)
        db = "postgresql" if args.database_url else "sqlite"
        same = "oui" if before == after else "NON"
        print(f"  mêmes résultats de recherche avant et après : {same}; {result.detail()}")
        print(
            f"http n={args.services} db={db} rps={result.rps:.0f} p50_ms={result.p50:.1f} "
            f"p95_ms={result.p95:.1f} errors={warmup.errors + result.errors + (before != after)} "
            f"baseline_rps={baseline.rps:.0f} search={args.search_backend}"
        )


if __name__ == "__main__":
    main()
