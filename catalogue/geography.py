"""Communes and EPCI: loading the gazetteer, lookups; distances, boxes and grid cells."""

from __future__ import annotations

import csv
import gzip
import io
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from catalogue import commune_boxes
from catalogue.models import Commune, Epci
from catalogue.resources import COMMUNES
from catalogue.taxonomy import LoadReport
from catalogue.text import fold

EARTH_RADIUS_KM = 6371.0088
#: Kilometres in a degree of latitude (and of longitude at the equator), on the mean radius.
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
GAZETTEER_COLUMNS = {
    "insee_code",
    "name",
    "kind",
    "postcodes",
    "department_code",
    "department_name",
    "epci_siren",
    "epci_name",
    "epci_kind",
    "population",
    "latitude",
    "longitude",
    "bbox",
}


class GazetteerError(ValueError):
    """The gazetteer file cannot be read or lacks a column."""


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two WGS84 points, in km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def km_per_degree_longitude(latitude: float) -> float:
    """Return the kilometres in a degree of longitude at a latitude (never zero)."""
    return KM_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01)


def bounding_box(
    latitude: float, longitude: float, radius_km: float
) -> tuple[float, float, float, float]:
    """Return (south, north, west, east) of a box that contains the circle."""
    dlat = radius_km / KM_PER_DEGREE
    dlon = radius_km / km_per_degree_longitude(latitude)
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon


def grid_position(latitude: float, longitude: float, size: float) -> tuple[int, int]:
    """Return the (row, column) of the grid cell of `size` degrees holding a point."""
    return math.floor(latitude / size), math.floor(longitude / size)


def grid_cell(latitude: float, longitude: float, size: float) -> str:
    """Return the id (`row_column`) of the grid cell of `size` degrees holding a point."""
    row, column = grid_position(latitude, longitude, size)
    return f"{row}_{column}"


def cells_in_circle(latitude: float, longitude: float, radius_km: float, size: float) -> list[str]:
    """Return the ids of the grid cells of `size` degrees that the circle reaches."""
    south, north, west, east = bounding_box(latitude, longitude, radius_km)
    found = []
    for row in range(math.floor(south / size), math.floor(north / size) + 1):
        for col in range(math.floor(west / size), math.floor(east / size) + 1):
            near_lat = min(max(latitude, row * size), (row + 1) * size)
            near_lon = min(max(longitude, col * size), (col + 1) * size)
            # A small margin: the nearest point of a lat/lon box is nearly, not exactly, this one.
            if haversine_km(latitude, longitude, near_lat, near_lon) <= radius_km * 1.01 + 0.05:
                found.append(f"{row}_{col}")
    return found


def _open_text(path: Path) -> io.TextIOBase:
    raw = path.read_bytes()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return io.StringIO(data.decode("utf-8-sig"))


def read_gazetteer(path: Path = COMMUNES) -> Iterator[dict[str, str]]:
    """Yield the rows of a gazetteer file (gzip or plain CSV)."""
    try:
        reader = csv.DictReader(_open_text(path))
        missing = GAZETTEER_COLUMNS - set(reader.fieldnames or [])
    except (OSError, UnicodeDecodeError) as error:
        raise GazetteerError(
            f"Impossible de lire le fichier des communes {path} : {error}"
        ) from error
    if missing:
        raise GazetteerError(f"Colonnes manquantes dans {path} : {', '.join(sorted(missing))}")
    yield from reader


def _commune_row(row: dict[str, str]) -> dict[str, Any]:
    south, west, north, east = (float(value) for value in row["bbox"].split(","))
    return {
        "insee_code": row["insee_code"],
        "name": row["name"],
        "search_name": fold(row["name"]),
        "kind": row["kind"],
        "postcodes": row["postcodes"],
        "department_code": row["department_code"],
        "department_name": row["department_name"],
        "epci_siren": row["epci_siren"] or None,
        "population": int(row["population"] or 0),
        "latitude": float(row["latitude"]),
        "longitude": float(row["longitude"]),
        "south": south,
        "west": west,
        "north": north,
        "east": east,
    }


def _sync_rows(session: Session, model: type, key: str, rows: list[dict[str, Any]]) -> LoadReport:
    table = model.__table__  # type: ignore[attr-defined]
    existing = {row[key]: dict(row) for row in session.execute(select(table)).mappings()}
    new = [row for row in rows if row[key] not in existing]
    changed = [row for row in rows if row[key] in existing and existing[row[key]] != row]
    if new:
        session.execute(insert(model), new)
    if changed:
        session.execute(update(model), changed)
    return LoadReport(len(new), len(changed))


def load_communes(
    session: Session, path: Path = COMMUNES, progress: Callable[[int], None] | None = None
) -> LoadReport:
    """Create or update communes and EPCI from a gazetteer file (idempotent)."""
    rows = [_commune_row(row) for row in read_gazetteer(path)]
    epcis: dict[str, dict[str, Any]] = {}
    for raw in read_gazetteer(path):
        if raw["epci_siren"]:
            epcis[raw["epci_siren"]] = {
                "siren": raw["epci_siren"],
                "name": raw["epci_name"],
                "kind": raw["epci_kind"],
            }
    first = _sync_rows(session, Epci, "siren", list(epcis.values()))
    second = _sync_rows(session, Commune, "insee_code", rows)
    if progress:
        progress(len(rows))
    session.flush()
    commune_boxes.forget()
    return LoadReport(first.created + second.created, first.updated + second.updated)


def get_commune(session: Session, insee_code: str) -> Commune | None:
    """Return the commune with this INSEE code, if any."""
    return session.get(Commune, insee_code)


def communes_for_postcode(session: Session, postcode: str) -> list[Commune]:
    """Return the communes a postcode serves, most populated first."""
    candidates = session.scalars(
        select(Commune)
        .where(Commune.postcodes.contains(postcode))
        .order_by(Commune.population.desc())
    )
    return [commune for commune in candidates if postcode in commune.postcode_list]


def find_communes(session: Session, name: str, limit: int = 10) -> list[Commune]:
    """Return communes whose name matches, ignoring accents, case and hyphens; exact first."""
    folded = fold(name)
    if not folded:
        return []
    exact = list(session.scalars(select(Commune).where(Commune.search_name == folded)))
    prefix = session.scalars(
        select(Commune)
        .where(Commune.search_name.startswith(folded), Commune.search_name != folded)
        .order_by(Commune.population.desc())
        .limit(limit)
    )
    exact.sort(key=lambda commune: -commune.population)
    return (exact + list(prefix))[:limit]


def communes_of_epci(session: Session, siren: str) -> list[Commune]:
    """Return the communes of an EPCI, by name."""
    return list(
        session.scalars(select(Commune).where(Commune.epci_siren == siren).order_by(Commune.name))
    )


def commune_at(session: Session, latitude: float, longitude: float) -> Commune | None:
    """Return the commune whose box holds the point and whose centre is nearest."""
    codes = commune_boxes.candidates(session, latitude, longitude)
    if not codes:
        return None
    candidates = session.scalars(
        select(Commune).where(
            Commune.insee_code.in_(codes),
            Commune.south <= latitude,
            Commune.north >= latitude,
            Commune.west <= longitude,
            Commune.east >= longitude,
        )
    )
    return min(
        candidates,
        key=lambda c: haversine_km(latitude, longitude, c.latitude, c.longitude),
        default=None,
    )


def resolve_commune(session: Session, text: str) -> list[Commune]:
    """Return the communes an INSEE code, a postcode or a name designates; one when unambiguous."""
    value = text.strip()
    by_code = get_commune(session, value) if len(value) == 5 else None
    if value.isdigit() and len(value) == 5:  # an INSEE code and a postcode can coincide
        served = communes_for_postcode(session, value)
        return ([by_code] if by_code else []) + [c for c in served if c is not by_code]
    if by_code is not None:
        return [by_code]
    matches = find_communes(session, value, limit=5)
    exact = [commune for commune in matches if commune.search_name == fold(value)]
    return exact or matches
