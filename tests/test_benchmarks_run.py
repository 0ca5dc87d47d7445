"""Every benchmark still runs on a small catalogue and ends with its summary line.

The figures themselves are measured by `make bench`, never asserted here; this only keeps the
scripts working as the code they drive moves (a renamed import once broke `bench.relevance`).
"""

from __future__ import annotations

import importlib
import json
import random
import re

import pytest

from tests.common import databases

SMALL = {
    "search": (["--size", "400", "--queries", "20"], r"^search n=400 "),
    "matching": (["--size", "400", "--children", "3"], r"^matching n=400 needs=5 p95_ms="),
    "import": (["--size", "300"], r"^import n=300 seconds="),
}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_the_benchmark_runs_on_a_small_catalogue(name, tmp_path, capsys):
    argv, summary = SMALL[name]
    if name == "matching":
        argv = [*argv, "--db", str(tmp_path / "matching.sqlite3")]
    importlib.import_module(f"bench.{name}").main(argv)
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.match(summary, last), last


@pytest.mark.skipif(
    databases.backend() != "postgresql", reason="needs the PostgreSQL pass (RELAIS_TEST_DB)"
)
def test_the_search_benchmark_runs_on_postgresql(capsys):
    server = databases.test_database_url()
    argv = ["--size", "400", "--queries", "20", "--backend", "postgresql"]
    importlib.import_module("bench.search").main([*argv, "--database-url", server])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.match(r"^search backend=postgresql n=400 p95_ms=[\d.]+ baseline_p95_ms=", last), last


def test_the_relevance_benchmark_scores_a_queries_file(tmp_path, capsys):
    queries = tmp_path / "queries.json"
    found = {"q": "orthophonie", "needs": ["langage--bilan-orthophonique"]}
    queries.write_text(json.dumps({"commune": "86194", "queries": [found]}), encoding="utf-8")
    importlib.import_module("bench.relevance").main(["--queries", str(queries)])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.match(r"^relevance n=1 success_at_5=1\.00 ", last), last


def test_the_http_mix_always_changes_a_capacity_it_edits():
    from bench.http_clients import Mix
    from bench.http_data import Fixtures

    uids = [f"service-{number}" for number in range(50)]
    found = Fixtures(service_uids=uids, capacities=dict.fromkeys(uids, "open"))
    mix, rng = Mix("http://127.0.0.1:1", found, "", []), random.Random(1)
    for _ in range(20):  # a no-op edit keeps the version: the next edit would get a 409
        _, _path, body, headers = mix.request(rng, 0, "capacity")
        assert body["capacity"] != found.capacities[headers["X-Service"]]
        found.capacities[headers["X-Service"]] = body["capacity"]  # as the client does on 200
