"""Matching benchmark: a child with 5 needs against the synthetic national catalogue.

The engine (SQL candidate retrieval + Python filters and score) runs against a brute-force
baseline in the same run, on the same database: every active service, preloaded in memory,
checked in plain Python for each child.

python -m bench.matching [--size 200000] [--children 60] [--db /tmp/relais-bench-matching.db]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

from bench.synthetic import CITIES, generate, taxonomy
from catalogue.db import Base
from catalogue.geography import load_communes
from catalogue.models import Organisation, Place, Service
from catalogue.models.service import service_needs, service_places
from catalogue.taxonomy import load_taxonomy
from referral import models  # noqa: F401  (every table)
from referral.database import make_engine
from referral.matching import filters
from referral.matching.candidates import Candidate, load_candidates
from referral.matching.engine import match_pathway
from referral.matching.index import ensure_index
from referral.matching.models import places_by_point, places_by_update, services_by_update
from referral.pathways.models import Child, Family, Need, Pathway
from referral.programmes.models import Programme

DAY = dt.date(2026, 6, 1)
BATCH = 10_000


def build(engine: Engine, size: int) -> None:
    """Create the schema, the reference data and `size` synthetic services (idempotent)."""
    Base.metadata.create_all(engine)
    for index in (places_by_point, services_by_update, places_by_update):
        index.create(engine, checkfirst=True)
    with Session(engine) as session:
        if session.scalar(select(func.count(Service.id))) == size:
            return
        load_taxonomy(session)
        load_communes(session)
        session.commit()
    with engine.begin() as connection:
        org = connection.execute(
            insert(Organisation).values(name="Réseau synthétique", kind="association")
        )
        org_id = org.inserted_primary_key[0]  # type: ignore[index]
        services, places, links, needs = [], [], [], []
        place_id = 0
        for record in _progress(generate(size), size):
            services.append(_service_row(record, org_id))
            needs += [{"service_id": record.id, "need_code": code} for code in record.needs]
            for lat, lon, insee, postcode in record.places:
                place_id += 1
                places.append(
                    {
                        "id": place_id,
                        "organisation_id": org_id,
                        "latitude": lat,
                        "longitude": lon,
                        "commune_insee": insee,
                        "postcode": postcode,
                        "source": "bench",
                        "source_id": str(place_id),
                    }
                )
                links.append({"service_id": record.id, "place_id": place_id})
            if len(services) >= BATCH:
                _flush(connection, services, places, links, needs)
        _flush(connection, services, places, links, needs)


def _service_row(record, org_id: int) -> dict:  # type: ignore[no-untyped-def]
    return {
        "id": record.id,
        "organisation_id": org_id,
        "name": record.name,
        "description": record.description,
        "publics": ["child"],
        "age_min": record.age_min,
        "age_max": record.age_max,
        "school_levels": record.school_levels,
        "cost": record.cost,
        "capacity": record.capacity,
        "status": record.status,
        "suspended_until": record.suspended_until,
        "area_communes": record.area_communes,
        "area_departments": record.area_departments,
        "area_radius_km": record.area_radius_km,
        "last_verified_on": DAY - dt.timedelta(days=record.id % 400),
        "source": "bench",
        "source_id": str(record.id),
    }


def _flush(connection, services: list, places: list, links: list, needs: list) -> None:  # type: ignore[no-untyped-def]
    for table, rows in (
        (Service, services),
        (Place, places),
        (service_places, links),
        (service_needs, needs),
    ):
        if rows:
            connection.execute(insert(table), rows)  # type: ignore[arg-type]
        rows.clear()


def _progress(records, total: int):  # type: ignore[no-untyped-def]
    for number, record in enumerate(records, 1):
        if number % 20_000 == 0:
            print(f"  {number}/{total} services", file=sys.stderr, flush=True)
        yield record


def make_children(session: Session, count: int, seed: int = 11) -> list[Pathway]:
    """Create `count` children in the synthetic cities, each with 5 needs."""
    rng = random.Random(seed)
    codes = sorted(taxonomy())
    programme = Programme(name="PRE du banc d'essai", organisation_id=1, territory_communes=[])
    pathways = []
    for _ in range(count):
        _, insee, _, _, lat, lon, _ = rng.choices(CITIES, [c[-1] for c in CITIES])[0]
        family = Family(
            programme=programme,
            commune_insee=insee,
            latitude=lat + rng.gauss(0, 0.03),
            longitude=lon + rng.gauss(0, 0.04),
            languages=["fr"],
            guardians=[],
        )
        child = Child(
            family=family,
            first_name="X",
            last_name="Y",
            sex="F",
            birth_date=dt.date(2026 - rng.randint(3, 15), 3, 1),
            school_level="elementaire",
        )
        pathway = Pathway(programme=programme, child=child)
        pathway.needs = [Need(need_code=code) for code in rng.sample(codes, 5)]
        pathways.append(pathway)
    session.add_all(pathways)
    session.flush()
    return pathways


def load_everything(session: Session) -> list[Candidate]:
    """Load every active service with its places and needs (baseline data, not timed)."""
    codes = [row[0] for row in session.execute(select(service_needs.c.need_code).distinct())]
    return list(load_candidates(session, codes, DAY, point=None, radius_km=0).values())


def brute_force(services: list[Candidate], pathway: Pathway, profile) -> int:  # type: ignore[no-untyped-def]
    """Check every active service against every need in plain Python; count the proposals."""
    found = 0
    for need in pathway.needs:
        for candidate in services:
            if need.need_code not in candidate.needs:
                continue
            distance = filters.nearest_km(candidate, profile)
            if filters.distance_blocks(distance, profile):
                continue
            found += not filters.other_blocks(candidate, profile, need.concerns, distance)
    return found


def p95(values: list[float]) -> float:
    """Return the 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--children", type=int, default=60)
    default_db = Path(tempfile.gettempdir()) / "relais-bench-matching.db"
    parser.add_argument("--db", type=Path, default=default_db)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Build (or reuse) the catalogue, time the engine and the baseline, print the figures."""
    args = _arguments(argv)
    engine = make_engine(f"sqlite:///{args.db}")
    started = time.perf_counter()
    build(engine, args.size)
    print(f"catalogue ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    from referral.matching.profile import profile_of

    with Session(engine) as session:
        pathways = make_children(session, args.children)
        services = load_everything(session)
        begin = time.perf_counter()
        ensure_index(session)  # what a worker builds in the background on its first match
        print(f"candidate index built in {time.perf_counter() - begin:.1f} s", file=sys.stderr)
        match_pathway(session, pathways[0], DAY)  # warm-up
        engine_ms, baseline_ms, proposals = [], [], []
        for pathway in pathways:
            begin = time.perf_counter()
            result = match_pathway(session, pathway, DAY)
            engine_ms.append((time.perf_counter() - begin) * 1000)
            proposals.append(sum(len(each.proposals) for each in result.needs))
            profile = profile_of(session, pathway, DAY)
            begin = time.perf_counter()
            brute_force(services, pathway, profile)
            baseline_ms.append((time.perf_counter() - begin) * 1000)
        session.rollback()
    engine.dispose()
    print(
        f"engine median {statistics.median(engine_ms):.1f} ms, baseline median "
        f"{statistics.median(baseline_ms):.1f} ms, {len(services)} active services, "
        f"{statistics.mean(proposals):.1f} proposals shown per child"
    )
    engine_p95, baseline_p95 = p95(engine_ms), p95(baseline_ms)
    print(
        f"matching n={args.size} needs=5 p95_ms={engine_p95:.1f} baseline_p95_ms={baseline_p95:.1f}"
    )


if __name__ == "__main__":
    main()
