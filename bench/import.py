"""Import benchmark: a synthetic 100,000-line FINESS extract, end to end with indexing.

The baseline parses the same file and inserts the same rows with plain `sqlite3` executemany,
without validation or indexing.

python -m bench.import [--size 100000]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pyproj import Transformer
from sqlalchemy.orm import sessionmaker

from catalogue.geography import load_communes
from catalogue.resources import COMMUNES
from catalogue.search import SearchIndex
from catalogue.taxonomy import load_taxonomy
from importers.base import run_import
from importers.finess import FIELDS, FinessReader, insee_code, read_lines
from referral import database
from referral.search.sync import IndexSync, listen

# Categories with a PRE need (CMP, CMPP, CAMSP, PMI, CSAPA, IME, SESSAD…), about a fifth of lines.
IN_SCOPE = ["156", "189", "190", "223", "124", "228", "197", "183", "186", "188", "192", "295"]
# Hospitals, nursing homes, pharmacies, laboratories, home care… and the excluded ones.
OUT_OF_SCOPE = ["355", "362", "500", "502", "620", "611", "354", "209", "460", "365", "696", "698"]
EXCLUDED = ["462", "175", "177", "236", "238", "241"]
TYPES = ["R", "AV", "BD", "PL", "CHE", "ALL"]
STREETS = [
    "DES ÉCOLES",
    "JEAN JAURÈS",
    "DE LA RÉPUBLIQUE",
    "VICTOR HUGO",
    "DU GÉNÉRAL DE GAULLE",
    "PASTEUR",
]
WORDS = ["CENTRE", "SERVICE", "MAISON", "POLE", "ANTENNE", "UNITE"]
OVERSEAS = {"971": ("9A", 32620), "972": ("9B", 32620), "973": ("9C", 32622), "974": ("9D", 32740)}


def communes(rng: random.Random, count: int = 3000) -> list[dict[str, str]]:
    """Return a sample of real communes (for valid codes, postcodes and points)."""
    with gzip.open(COMMUNES, "rt", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["postcodes"] and row["kind"] == "COM"]
    return rng.sample(rows, count)


def _category(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.2:
        return rng.choice(IN_SCOPE)
    if draw < 0.22:
        return rng.choice(EXCLUDED)
    return rng.choice(OUT_OF_SCOPE)


def _department(code: str) -> tuple[str, str]:
    if code[:3] in OVERSEAS:
        return OVERSEAS[code[:3]][0], code[2:]
    return code[:2], code[2:]


def generate(path: Path, size: int, seed: int = 11) -> None:
    """Write a FINESS extract of `size` establishments with their geolocation lines."""
    rng = random.Random(seed)
    places = communes(rng)
    lambert = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    utm = {
        epsg: Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
        for _, epsg in OVERSEAS.values()
    }
    lines, geo = [f"finess;etalab;{size};2025-01-15"], []
    for number in range(size):
        commune = rng.choice(places)
        et, line = _establishment(rng, commune, number)
        lines.append(line)
        if rng.random() < 0.97:
            geo.append(_geolocation(rng, commune, et, lambert, utm))
    path.write_bytes("\r\n".join(lines + geo).encode("cp1252", errors="replace") + b"\r\n")


def _establishment(rng: random.Random, commune: dict[str, str], number: int) -> tuple[str, str]:
    """Return an establishment's FINESS number and its `structureet` line."""
    department, local = _department(commune["insee_code"])
    # FINESS numbers start with the département (97x overseas, 2A/2B in Corsica).
    prefix = commune["insee_code"][:3] if commune["insee_code"][:3] in OVERSEAS else department
    et = f"{prefix}{number:0{9 - len(prefix)}d}"
    ej = f"{prefix}{number // 3:0{9 - len(prefix)}d}"
    category = _category(rng)
    name = f"{rng.choice(WORDS)} {commune['name'].upper()} {number}"
    postcode = commune["postcodes"].split()[0]
    head = ["structureet", et, ej, name[:38], name, "", "", str(rng.randint(1, 120))]
    street = [rng.choice(TYPES), rng.choice(STREETS), "", "", local, department]
    where = [commune["department_name"], f"{postcode} {commune['name'].upper()}"]
    contact = [f"05{rng.randint(10_000_000, 99_999_999)}", "", category, f"Catégorie {category}"]
    dates = ["2001-01-01", "2001-01-01", "2024-01-01", ""]
    return et, ";".join([*head, *street, *where, *contact, *[""] * 8, *dates])


def _geolocation(
    rng: random.Random, commune: dict[str, str], et: str, lambert: Any, utm: dict[int, Any]
) -> str:
    """Return the `geolocalisation` line of an establishment near its commune's point."""
    latitude = float(commune["latitude"]) + rng.uniform(-0.01, 0.01)
    longitude = float(commune["longitude"]) + rng.uniform(-0.01, 0.01)
    if commune["insee_code"][:3] in OVERSEAS:
        epsg = OVERSEAS[commune["insee_code"][:3]][1]
        x, y = utm[epsg].transform(longitude, latitude)
        system = f"UTM_{'N' if epsg < 32700 else 'S'}{epsg % 100}"
    else:
        x, y = lambert.transform(longitude, latitude)
        system = "LAMBERT_93"
    source = f"1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,{system}"
    return f"geolocalisation;{et};{x:.1f};{y:.1f};{source};2024-01-01"


def prepare(url: str) -> None:
    """Create the schema and load the reference data (not timed)."""
    engine = database.make_engine(url)
    database.upgrade(engine)
    with sessionmaker(bind=engine)() as session:
        load_taxonomy(session)
        load_communes(session)
        session.commit()
    engine.dispose()


def timed_import(url: str, path: Path, index_dir: Path) -> tuple[float, dict[str, int]]:
    """Import the extract through the importer, commit, and write the index; return seconds."""
    engine = database.make_engine(url)
    maker = sessionmaker(bind=engine, expire_on_commit=False)
    sync = IndexSync(SearchIndex(index_dir))
    listen(maker, sync)
    started, cpu = time.perf_counter(), time.process_time()
    with maker() as session:
        report = run_import(session, FinessReader(path))
        session.commit()
    seconds = time.perf_counter() - started
    print(f"import : {time.process_time() - cpu:.1f} s de processeur", file=sys.stderr)
    engine.dispose()
    counts = {key: getattr(report, key) for key in ("created", "skipped", "rejected", "warnings")}
    return seconds, {**counts, "indexed": len(sync.index.fingerprints())}


BASELINE_SCHEMA = """
CREATE TABLE organisations (id INTEGER PRIMARY KEY, source_id TEXT UNIQUE, name TEXT);
CREATE TABLE places (id INTEGER PRIMARY KEY, source_id TEXT UNIQUE, address TEXT, postcode TEXT,
  commune_insee TEXT, latitude REAL, longitude REAL);
CREATE TABLE services (id INTEGER PRIMARY KEY, source_id TEXT UNIQUE, organisation TEXT, name TEXT,
  description TEXT, phone TEXT);
"""


def baseline(path: Path, folder: Path, in_scope: set[str]) -> float:
    """Parse the same file and insert the same rows with plain sqlite3 executemany."""
    started = time.perf_counter()
    establishments, points = _read_extract(path)
    kept = [row for row in establishments if row["categetab"] in in_scope]
    organisations = {row["nofinessej"]: (row["nofinessej"], row["rslongue"]) for row in kept}
    places, services = _baseline_rows(kept, points)
    connection = sqlite3.connect(folder / "baseline.sqlite3")
    connection.executescript(BASELINE_SCHEMA)
    connection.executemany(
        "INSERT INTO organisations (source_id, name) VALUES (?, ?)", list(organisations.values())
    )
    connection.executemany(
        "INSERT INTO places (source_id, address, postcode, commune_insee, latitude, longitude)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        places,
    )
    connection.executemany(
        "INSERT INTO services (source_id, organisation, name, description, phone)"
        " VALUES (?, ?, ?, ?, ?)",
        services,
    )
    connection.commit()
    connection.close()
    return time.perf_counter() - started


def _read_extract(path: Path) -> tuple[list[dict[str, str]], dict[str, tuple[float, float]]]:
    """Return the extract's establishments and their Lambert-93 points, by FINESS number."""
    establishments, points = [], {}
    for _, fields in read_lines(path):
        if fields[0] == "structureet":
            establishments.append(dict(zip(FIELDS, fields, strict=False)))
        elif fields[0] == "geolocalisation":
            points[fields[1]] = (float(fields[2]), float(fields[3]))
    return establishments, points


def _baseline_rows(
    kept: list[dict[str, str]], points: dict[str, tuple[float, float]]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Return the place and service rows of the kept establishments (points in WGS 84)."""
    lambert = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)
    places, services = [], []
    for row in kept:
        x, y = points.get(row["nofinesset"], (None, None))
        longitude, latitude = lambert.transform(x, y) if x is not None else (None, None)
        address = f"{row['numvoie']} {row['typvoie']} {row['voie']}"
        commune = insee_code(row["departement"], row["commune"])
        postcode = row["ligneacheminement"][:5]
        places.append((row["nofinesset"], address, postcode, commune, latitude, longitude))
        services.append(
            (
                row["nofinesset"],
                row["nofinessej"],
                row["rslongue"],
                row["libcategetab"],
                row["telephone"],
            )
        )
    return places, services


def _in_scope_categories(url: str) -> set[str]:
    """Return the FINESS categories the needs taxonomy maps to."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        in_scope = {
            str(value)
            for (values,) in connection.execute(text("SELECT finess_categories FROM need_terms"))
            for value in json.loads(values)
        }
    engine.dispose()
    return in_scope


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures; the last line is the summary."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relais-bench-import-") as tmp:
        folder = Path(tmp)
        extract = folder / "etalab-cs1100507-stock.csv"
        generate(extract, args.size)
        url = f"sqlite:///{folder / 'relais.sqlite3'}"
        prepare(url)
        print(
            f"extrait FINESS synthétique : {args.size} établissements, "
            f"{extract.stat().st_size // 1024} Kio",
            file=sys.stderr,
        )
        seconds, counts = timed_import(url, extract, folder / "index")
        print(f"import : {seconds:.1f} s — {counts}", file=sys.stderr)
        in_scope = _in_scope_categories(url)
        base = baseline(extract, folder, in_scope - set(EXCLUDED))
        print(f"baseline sqlite3 executemany : {base:.2f} s", file=sys.stderr)
    print(
        f"import n={args.size} seconds={seconds:.1f} rows_per_s={args.size / seconds:.0f}"
        f" baseline_seconds={base:.2f}"
    )


if __name__ == "__main__":
    main()
