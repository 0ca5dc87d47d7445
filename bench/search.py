"""Search benchmark: the search backend vs a plain baseline, same data, same run.

python -m bench.search [--size 200000] [--queries 240] [--backend whoosh|postgresql]
    [--database-url postgresql+psycopg://…]

Whoosh (the default) is compared with SQLite FTS5 + a bounding box; the PostgreSQL search rows
with a plain `tsvector` + `earth_box` table on the same server (see `bench.search_pg`), in a
fresh schema of `--database-url` (the local server by default).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from bench.synthetic import CITIES, SyntheticService, generate
from catalogue.geography import bounding_box
from catalogue.search import FamilyPlace, SearchIndex, SearchQuery, ServiceDocument, search
from catalogue.search.analysis import stems

TEXTS = {
    "scolarite": ["aide aux devoirs", "soutien scolaire", "tutorat", "décrochage"],
    "langage": ["orthophonie", "bilan orthophonique", "langage", "psychomotricité"],
    "sante": ["pédiatrie", "dépistage", "complémentaire santé", "consultation"],
    "sante-mentale": ["psychologue", "CMP", "écoute adolescents", "pédopsychiatrie"],
    "handicap": ["MDPH", "handicap", "SESSAD", "scolarisation inclusive"],
    "parentalite": ["médiation familiale", "parents", "LAEP", "parentalité"],
    "social": ["budget", "logement", "français", "droits"],
    "protection": ["harcèlement", "éducative", "prévention", "AEMO"],
    "vie-sociale": ["estime de soi", "jeunes", "citoyen", "isolement"],
    "culture-loisirs": ["théâtre", "musique", "lecture", "centre de loisirs"],
    "sport": ["football", "natation", "judo", "sport"],
    "vacances": ["séjours", "vacances", "colonie", "activités d'été"],
}
# A fifth of the queries as référents type them: misspelt, acronyms, everyday words.
HARD_TEXTS = {
    "scolarite": ["aide aux devoir", "CLAS", "dyslexie", "soutient scolaire"],
    "langage": ["ortofonie", "orthophonist", "psycomotricité", "parle peu"],
    "sante": ["pediatre", "mutuelle", "dentiste", "CSS"],
    "sante-mentale": ["psycologue", "pedopsy", "TDAH", "angoisse"],
    "handicap": ["MDPH", "AESH", "autisme", "handicape"],
    "parentalite": ["LAEP", "nounou", "divorce", "mediation familliale"],
    "social": ["CCAS", "FLE", "aide alimentaire", "loyer impayé"],
    "protection": ["AEMO", "ASE", "cyberharcelement", "educatrice"],
    "vie-sociale": ["confiance en soi", "timide", "isolé", "benevolat"],
    "culture-loisirs": ["teatre", "bibliothèque", "ALSH", "musik"],
    "sport": ["foot", "piscine", "natasion", "basket"],
    "vacances": ["colo", "VACAF", "sejour", "vacances d'ete"],
}
HARD_SHARE = 5  # one query in five
LABELS = {"whoosh": ("whoosh  ", "fts5+box"), "postgresql": ("postgres", "tsv+box ")}
DAY = dt.date(2026, 6, 1)


def document(record: SyntheticService) -> ServiceDocument:
    """Turn a synthetic record into the index's document."""
    text = "\n".join(
        [record.name, record.name, record.organisation, record.description, *record.need_labels]
    )
    return ServiceDocument(
        id=record.id, name=record.name, text=text, needs=record.needs, domains=record.domains,
        points=[(lat, lon) for lat, lon, _, _ in record.places],
        age_min=record.age_min, age_max=record.age_max, school_levels=record.school_levels,
        cost=record.cost, capacity=record.capacity, status=record.status,
        suspended_until=record.suspended_until.isoformat() if record.suspended_until else "",
        area_communes=record.area_communes, area_departments=record.area_departments,
        area_radius_km=record.area_radius_km,
    )  # fmt: skip


def queries(count: int, seed: int = 7) -> list[SearchQuery]:
    """Return a fixed set of queries: text + need + age + 10 km around a city, sorted.

    One query in five is typed as référents do (misspelt, acronym, everyday word).
    """
    rng = random.Random(seed)
    from bench.synthetic import taxonomy

    needs = taxonomy()
    found = []
    for number in range(count):
        domain = rng.choice(list(TEXTS))
        codes = [code for code, (dom, _) in needs.items() if dom == domain]
        need = domain if rng.random() < 0.3 else rng.choice(codes)
        _, insee, _, department, lat, lon, _ = rng.choice(CITIES)
        place = FamilyPlace(lat + rng.gauss(0, 0.03), lon + rng.gauss(0, 0.04), insee, department)
        found.append(
            SearchQuery(
                day=DAY, text=rng.choice((TEXTS if number % HARD_SHARE else HARD_TEXTS)[domain]),
                needs=[need], age=rng.randint(3, 16),
                place=place, radius_km=10.0, sort="relevance" if number % 2 else "distance",
            )
        )  # fmt: skip
    return found


def build_baseline(records: list[SyntheticService]) -> sqlite3.Connection:
    """Load the same data into SQLite: an FTS5 table of pre-stemmed text and b-tree indexes."""
    db = sqlite3.connect(":memory:")
    db.executescript(
        """
        CREATE TABLE service (
            id INTEGER PRIMARY KEY, name TEXT, amin INT, amax INT, status TEXT, until TEXT
        );
        CREATE TABLE place (service_id INT, lat REAL, lon REAL);
        CREATE INDEX place_lat_lon ON place (lat, lon);
        CREATE INDEX place_service ON place (service_id);
        CREATE TABLE need (service_id INT, code TEXT);
        CREATE INDEX need_code ON need (code, service_id);
        CREATE VIRTUAL TABLE fts USING fts5 (body);
        """
    )
    for record in records:
        db.execute("INSERT INTO service VALUES (?, ?, ?, ?, ?, ?)", (
            record.id, record.name, record.age_min, record.age_max, record.status,
            record.suspended_until.isoformat() if record.suspended_until else ""))  # fmt: skip
        db.executemany(
            "INSERT INTO place VALUES (?, ?, ?)", [(record.id, p[0], p[1]) for p in record.places]
        )
        codes = record.needs + record.domains
        db.executemany("INSERT INTO need VALUES (?, ?)", [(record.id, code) for code in codes])
        body = " ".join(
            stems(
                "\n".join(
                    [record.name, record.organisation, record.description, *record.need_labels]
                )
            )
        )
        db.execute("INSERT INTO fts (rowid, body) VALUES (?, ?)", (record.id, body))
    db.commit()
    return db


BASELINE_SQL = """
SELECT id, MIN(rank) AS rank, MIN(d) AS d FROM (
  SELECT s.id AS id, fts.rank AS rank, (p.lat - ?) * (p.lat - ?) + (p.lon - ?) * (p.lon - ?) AS d
  FROM fts JOIN service s ON s.id = fts.rowid JOIN place p ON p.service_id = s.id
  WHERE fts MATCH ? AND p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?
    AND s.id IN (SELECT service_id FROM need WHERE code IN ({needs}))
    AND (s.amin IS NULL OR s.amin <= ?) AND (s.amax IS NULL OR s.amax >= ?)
    AND (s.status = 'active' OR (s.status = 'suspended' AND s.until < ?))
) GROUP BY id ORDER BY {order} LIMIT 20
"""


def run_baseline(db: sqlite3.Connection, query: SearchQuery) -> int:
    """Run one query on the baseline and return the number of rows."""
    assert query.place is not None
    lat, lon = query.place.latitude, query.place.longitude
    match = " ".join(f'"{stem}"' for stem in stems(query.text))
    sql = BASELINE_SQL.format(
        needs=",".join("?" * len(query.needs)), order="rank" if query.sort == "relevance" else "d"
    )
    box = list(bounding_box(lat, lon, query.radius_km))
    params = [
        lat,
        lat,
        lon,
        lon,
        match,
        *box,
        *query.needs,
        query.age,
        query.age,
        query.day.isoformat(),
    ]
    return len(db.execute(sql, params).fetchall())


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    return statistics.quantiles(values, n=100, method="inclusive")[94]


Figures = list[tuple[list[float], list[float], int]]


def timed(runs: list[Callable[[SearchQuery], object]], items: list[SearchQuery]) -> Figures:
    """Run every runner on each item in turn (same moment, same noise); return wall ms, CPU ms
    and the number of items with results, per runner."""
    figures: Figures = [([], [], 0) for _ in runs]
    for item in items:
        for number, run in enumerate(runs):
            wall, cpu, found = figures[number]
            start, start_cpu = time.perf_counter(), time.process_time()
            hit = bool(run(item))
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            figures[number] = (wall, cpu, found + hit)
    return figures


def folder_mb(path: Path) -> float:
    """Return the size of a folder in MB."""
    return sum(each.stat().st_size for each in path.rglob("*") if each.is_file()) / 1_000_000


def progress(total: int) -> Iterator[None]:
    """Print a line every 10 %."""
    step = max(1, total // 10)
    done = 0
    while True:
        done += 1
        if done % step == 0:
            print(f"  indexé {done}/{total}", file=sys.stderr, flush=True)
        yield


def advance(ticks: Iterator[None]) -> Callable[[int], None]:
    """Return the progress callback of a build: move the ticks by each batch's size."""

    def advanced(count: int) -> None:
        for _ in range(count):
            next(ticks)

    return advanced


def print_figures(figures: Figures, asked: int, backend: str = "whoosh") -> None:
    """Print the wall and CPU times of the backend, then of its baseline."""
    for label, (times, cpu, hits) in zip(LABELS[backend], figures, strict=True):
        print(
            f"{label} : médiane {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms "
            f"(CPU : médiane {statistics.median(cpu):.1f} ms, p95 {p95(cpu):.1f} ms), "
            f"{hits}/{asked} avec résultats"
        )


def on_whoosh(
    folder: Path, records: list[SyntheticService], asked: list[SearchQuery], procs: int
) -> tuple[Figures, float, float]:
    """Build the index and the FTS5 baseline, then time both; return the figures (index first),
    the build's seconds and the index's size in MB."""
    index = SearchIndex(folder / "index")
    ticks = progress(len(records))
    start, start_cpu = time.perf_counter(), time.process_time()
    index.rebuild(
        (document(r) for r in records),
        progress=advance(ticks),
        procs=procs,
    )
    build_s, build_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    size_mb = folder_mb(folder / "index")
    print(f"index : {build_s:.1f} s ({build_cpu:.1f} s de CPU), {size_mb:.0f} Mo")
    baseline = build_baseline(records)
    for query in asked[:5]:  # warm up: open the searcher, fill caches
        search(index, query)
        run_baseline(baseline, query)
    figures = timed([lambda q: search(index, q).total, lambda q: run_baseline(baseline, q)], asked)
    index.close()
    return figures, build_s, size_mb


def on_postgresql(
    folder: Path, records: list[SyntheticService], asked: list[SearchQuery], url: str | None
) -> tuple[Figures, float, float]:
    """Build the search rows and the tsvector baseline on PostgreSQL, then time both."""
    from bench.search_pg import measure

    figures, build_s, size_mb = measure(url, folder, records, asked)
    print(f"lignes de recherche : {build_s:.1f} s, {size_mb:.0f} Mo")
    return figures, build_s, size_mb


def summary(backend: str, figures: Figures, n: int, build_s: float, size_mb: float) -> str:
    """Return the last line: the backend's p95, the baseline's, their ratio, the build."""
    x, y = p95(figures[0][0]), p95(figures[1][0])
    figures_ = f"p95_ms={x:.1f} baseline_p95_ms={y:.1f} ratio={x / y:.2f} build_s={build_s:.0f}"
    if backend == "postgresql":
        return f"search backend=postgresql n={n} {figures_}"
    return f"search n={n} {figures_} index_mb={size_mb:.0f}"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print the figures; the last line is the summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--backend", choices=tuple(LABELS), default="whoosh")
    parser.add_argument("--database-url", help="the PostgreSQL server (--backend postgresql)")
    args = parser.parse_args(argv)
    records = list(generate(args.size))
    print(f"catalogue synthétique : {len(records)} services")
    asked = queries(args.queries)
    folder = Path(tempfile.mkdtemp(prefix="relais-bench-"))
    try:
        if args.backend == "postgresql":
            measured = on_postgresql(folder, records, asked, args.database_url)
        else:
            measured = on_whoosh(folder, records, asked, args.procs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures, build_s, size_mb = measured
    print_figures(figures, len(asked), args.backend)
    print(summary(args.backend, figures, len(records), build_s, size_mb))


if __name__ == "__main__":
    main()
