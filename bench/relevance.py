"""Relevance benchmark: everyday queries on the demo territory, against a plain FTS5 baseline.

python -m bench.relevance [--queries FILE] [--show] [--backend whoosh|postgresql]

Each query of the file (format of `../shared/data/search-dev-queries.json`) runs through the
application's search (the same code as the page and the API) from the file's commune, with the
default radius and sort. A result is relevant when it covers one of the query's `needs` or its
organisation's name holds one of its `org`. The baseline is SQLite FTS5 over the same services'
stemmed text (words ANDed), restricted to the same eligible services, ranked by BM25.
With `--backend postgresql` the catalogue lives in a fresh schema of `--database-url` (the
local server by default) and the application searches its PostgreSQL search rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bench.databases import fresh_database, postgresql_url

DEV_QUERIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "search-dev-queries.json"
SHOWN = 5
RANKED = 10


@dataclass(frozen=True)
class Judged:
    """What makes a service relevant: its needs and its organisation's name."""

    needs: frozenset[str]
    organisation: str


def relevant(question: dict[str, Any], service: Judged) -> bool:
    """Tell whether a service answers a query of the file."""
    if service.needs & set(question.get("needs", ())):
        return True
    name = service.organisation.casefold()
    return any(part.casefold() in name for part in question.get("org", ()))


def first_relevant(question: dict[str, Any], ranked: list[Judged]) -> int | None:
    """Return the 1-based rank of the first relevant service among the first ten, if any."""
    for rank, service in enumerate(ranked[:RANKED], start=1):
        if relevant(question, service):
            return rank
    return None


@dataclass
class Score:
    """Success at 5, reciprocal rank at 10 and empty answers, summed over the queries."""

    success: int = 0
    reciprocal: float = 0.0
    empty: int = 0

    def add(self, rank: int | None, empty: bool) -> None:
        """Count one query's answer."""
        self.success += rank is not None and rank <= SHOWN
        self.reciprocal += 1 / rank if rank else 0.0
        self.empty += empty


def make_app(folder: Path, url: str, backend: str = "whoosh") -> Any:
    """Return an app on a new database holding the demo territory's catalogue."""
    from catalogue.geography import load_communes
    from catalogue.taxonomy import load_taxonomy
    from referral import create_app, database
    from referral.demo.catalogue import load_catalogue

    app = create_app(
        {
            "SECRET_KEY": "bench",
            "DATABASE_URL": url,
            "SEARCH_BACKEND": backend,
            "DATA_DIR": folder,
            "INDEX_DIR": folder / "index",
            "DEMO": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        database.upgrade(database.get_database().engine)
        session = database.session()
        load_taxonomy(session)
        load_communes(session)
        load_catalogue(session)
        database.commit()
    return app


def judged_services(session: Any) -> dict[int, Judged]:
    """Return every service's needs and organisation name, by id."""
    from catalogue.models import Service

    query = select(Service).options(selectinload(Service.needs), selectinload(Service.organisation))
    return {
        service.id: Judged(frozenset(n.code for n in service.needs), service.organisation.name)
        for service in session.scalars(query)
    }


def baseline_index(session: Any) -> sqlite3.Connection:
    """Return an FTS5 table of the stemmed text of every service (the index's own text)."""
    from catalogue.search.analysis import stems
    from referral.search.sync import all_documents

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE fts USING fts5 (body)")
    for document in all_documents(session, expunge=False):
        db.execute(
            "INSERT INTO fts (rowid, body) VALUES (?, ?)",
            (document.id, " ".join(stems(document.text))),
        )
    return db


def baseline_search(db: sqlite3.Connection, text: str, eligible: set[int]) -> list[int]:
    """Return the eligible services matching every stemmed word, best BM25 first."""
    from catalogue.search.analysis import stems

    terms = stems(text)
    if not terms:
        return []
    match = " ".join(f'"{term}"' for term in terms)
    rows = db.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank", (match,))
    return [number for (number,) in rows if number in eligible][:RANKED]


def run(app: Any, questions: list[dict[str, Any]], commune: str, show: bool) -> str:
    """Run every query both ways and return the summary line."""
    from referral import database
    from referral.search.services import app_backend, run_search

    ours, theirs = Score(), Score()
    with app.app_context():
        session = database.session()
        judged = judged_services(session)
        db = baseline_index(session)
        backend = app_backend(session)

        def ask(text: str, per_page: int) -> Any:
            args = {"q": text, "commune": commune, "page": 1, "per_page": per_page}
            return run_search(session, backend, {**args, "free": False, "accepting": False}, DAY)

        eligible = {found.service.id for found in ask("", 10_000).items}
        for question in questions:
            outcome = ask(question["q"], RANKED)
            ranked = [judged[found.service.id] for found in outcome.items]
            rank = first_relevant(question, ranked)
            ours.add(rank, not outcome.items)
            base = [judged[number] for number in baseline_search(db, question["q"], eligible)]
            base_rank = first_relevant(question, base)
            theirs.add(base_rank, not base)
            if show:
                _show(question["q"], rank, outcome, base_rank)
    count = len(questions)
    return (
        f"relevance n={count} success_at_5={ours.success / count:.2f} "
        f"mrr_at_10={ours.reciprocal / count:.2f} empty={ours.empty} "
        f"baseline_success_at_5={theirs.success / count:.2f} "
        f"baseline_mrr_at_10={theirs.reciprocal / count:.2f} baseline_empty={theirs.empty}"
    )


def _show(text: str, rank: int | None, outcome: Any, base: int | None) -> None:
    results = outcome.results
    notes = [f"rang {rank}" if rank else "ÉCHEC", f"{results.total} résultats"]
    notes += [f"besoin {', '.join(results.needs)}"] if results.needs else []
    notes += [f"corrigé « {results.corrected_query} »"] if results.corrected_query else []
    notes += ["approchants"] if results.partial else []
    notes.append(f"base {base or '-'}")
    print(f"{text!r:40} " + " · ".join(notes))
    if rank != 1:
        for found in outcome.items[:SHOWN]:
            print(f"      {found.service.name} — {found.service.organisation.name}")


DAY = dt.date.today()


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark; the last line is the summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=Path, default=DEV_QUERIES)
    parser.add_argument("--show", action="store_true", help="print each query's answer")
    parser.add_argument("--backend", choices=("whoosh", "postgresql"), default="whoosh")
    parser.add_argument("--database-url", help="the PostgreSQL server (--backend postgresql)")
    args = parser.parse_args(argv)
    try:
        spec = json.loads(args.queries.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        sys.exit(f"Fichier de requêtes illisible : {error}")
    folder = Path(tempfile.mkdtemp(prefix="relais-relevance-"))
    server = postgresql_url(args.database_url) if args.backend == "postgresql" else None
    try:
        with fresh_database(server, folder, "bench_relevance") as url:
            app = make_app(folder, url, args.backend)
            print(f"{len(spec['queries'])} requêtes depuis la commune {spec['commune']}")
            line = run(app, spec["queries"], spec["commune"], args.show)
            _dispose(app)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{line} backend={args.backend}")


def _dispose(app: Any) -> None:
    """Close the app's connections, so that its schema can be dropped."""
    from referral import database

    database.get_database(app).engine.dispose()


if __name__ == "__main__":
    main()
