"""The search benchmark on PostgreSQL: the search rows vs a plain `tsvector` + `earth_box` table.

Both live in one fresh schema of the same server and answer the same queries in the same run.
The baseline is what a PostgreSQL developer writes first: the French text configuration's
`to_tsvector` (GIN), `ll_to_earth` points (GiST), the query's words ANDed by `plainto_tsquery`,
the bounding box and the eligibility filters of the SQLite baseline, ranked by `ts_rank`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from bench.databases import fresh_database, postgresql_url
from bench.search import Figures, advance, document, progress, timed
from bench.synthetic import SyntheticService
from catalogue.search import SearchQuery
from catalogue.search.pg import PostgresBackend, PostgresIndex

BATCH = 1000
SEARCH_TABLES = ("search_documents", "search_points", "search_words", "search_terms")
BASELINE_TABLES = """
CREATE TABLE baseline_services (
    id integer PRIMARY KEY, body tsvector NOT NULL, codes text[] NOT NULL,
    amin integer, amax integer, status text NOT NULL, until text NOT NULL
);
CREATE TABLE baseline_places (service_id integer NOT NULL, position cube NOT NULL)
"""
BASELINE_INDEXES = """
CREATE INDEX baseline_services_body ON baseline_services USING gin (body);
CREATE INDEX baseline_services_codes ON baseline_services USING gin (codes);
CREATE INDEX baseline_places_position ON baseline_places USING gist (position);
CREATE INDEX baseline_places_service ON baseline_places (service_id)
"""
_INSERT_SERVICE = text(
    "INSERT INTO baseline_services VALUES"
    " (:id, to_tsvector('french', :body), :codes, :amin, :amax, :status, :until)"
)
_INSERT_PLACE = text(
    "INSERT INTO baseline_places VALUES (:service_id, ll_to_earth(:latitude, :longitude))"
)
BASELINE_SQL = """
SELECT id, max(rank) AS rank, min(d) AS d FROM (
  SELECT s.id, ts_rank(s.body, plainto_tsquery('french', :text)) AS rank,
         earth_distance(p.position, ll_to_earth(:lat, :lon)) AS d
  FROM baseline_services s JOIN baseline_places p ON p.service_id = s.id
  WHERE s.body @@ plainto_tsquery('french', :text)
    AND earth_box(ll_to_earth(:lat, :lon), :radius_m) @> p.position
    AND s.codes && CAST(:needs AS text[])
    AND (s.amin IS NULL OR s.amin <= :age) AND (s.amax IS NULL OR s.amax >= :age)
    AND (s.status = 'active' OR (s.status = 'suspended' AND s.until < :day))
) AS hits GROUP BY id ORDER BY {order} LIMIT :limit
"""
ORDERS = {"relevance": "rank DESC, id", "distance": "d, id"}


def baseline_row(record: SyntheticService) -> dict[str, Any]:
    """Return a record's baseline row: the same text and filters as the SQLite baseline's."""
    body = "\n".join([record.name, record.organisation, record.description, *record.need_labels])
    until = record.suspended_until.isoformat() if record.suspended_until else ""
    return {
        "id": record.id, "body": body, "codes": record.needs + record.domains,
        "amin": record.age_min, "amax": record.age_max, "status": record.status, "until": until,
    }  # fmt: skip


def build_baseline(connection: Connection, records: list[SyntheticService]) -> None:
    """Load the records into the baseline's tables, then index them."""
    for statement in BASELINE_TABLES.split(";"):
        connection.exec_driver_sql(statement)
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        connection.execute(_INSERT_SERVICE, [baseline_row(record) for record in batch])
        places = [
            {"service_id": record.id, "latitude": place[0], "longitude": place[1]}
            for record in batch
            for place in record.places
        ]
        connection.execute(_INSERT_PLACE, places)
    for statement in BASELINE_INDEXES.split(";"):
        connection.exec_driver_sql(statement)


def run_baseline(connection: Connection, query: SearchQuery) -> int:
    """Run one query on the baseline and return the number of rows."""
    assert query.place is not None
    params = {
        "text": query.text, "lat": query.place.latitude, "lon": query.place.longitude,
        "radius_m": query.radius_km * 1000, "needs": list(query.needs), "age": query.age,
        "day": query.day.isoformat(), "limit": query.per_page,
    }  # fmt: skip
    sql = BASELINE_SQL.format(order=ORDERS[query.sort])
    return len(connection.execute(text(sql), params).all())


def build_rows(engine: Engine, records: list[SyntheticService]) -> float:
    """Write the search rows of the records; return the seconds it took."""
    ticks = progress(len(records))
    start = time.perf_counter()
    PostgresIndex(engine).rebuild(
        (document(record) for record in records),
        progress=advance(ticks),
    )
    return time.perf_counter() - start


def tables_mb(connection: Connection, names: tuple[str, ...]) -> float:
    """Return the size of tables with their indexes, in MB."""
    sizes = (connection.scalar(text("SELECT pg_total_relation_size(:t)"), {"t": n}) for n in names)
    return sum(size or 0 for size in sizes) / 1_000_000


def compare(
    engine: Engine, records: list[SyntheticService], asked: list[SearchQuery]
) -> tuple[Figures, float, float]:
    """Build the rows and the baseline, then time both on the queries.

    Return the figures (search rows first), the build's seconds and the rows' size in MB.
    """
    build_s = build_rows(engine, records)
    with engine.begin() as connection:
        start = time.perf_counter()
        build_baseline(connection, records)
        print(f"base tsvector + earth_box : {time.perf_counter() - start:.1f} s")
    with engine.connect() as connection:
        connection.execute(text(f"ANALYZE {', '.join(SEARCH_TABLES)}"))
        connection.execute(text("ANALYZE baseline_services, baseline_places"))
        connection.commit()
        size_mb = tables_mb(connection, SEARCH_TABLES)
        backend = PostgresBackend(connection)
        for query in asked[:5]:  # warm up: fill the caches of both
            backend.search(query)
            run_baseline(connection, query)
        figures = timed(
            [lambda q: backend.search(q).total, lambda q: run_baseline(connection, q)], asked
        )
        connection.rollback()
    return figures, build_s, size_mb


def measure(
    given: str | None, folder: Path, records: list[SyntheticService], asked: list[SearchQuery]
) -> tuple[Figures, float, float]:
    """Compare on a fresh, migrated schema of the server (dropped after); see `compare`."""
    from referral.database import make_engine, upgrade

    with fresh_database(postgresql_url(given), folder, "bench_search") as url:
        engine = make_engine(url)
        try:
            upgrade(engine)
            return compare(engine, records, asked)
        finally:
            engine.dispose()
