"""A per-process candidate index for large catalogues: needs × grid cells → services in memory.

Below `INDEX_THRESHOLD` active services, candidates come straight from SQL (always exact,
fast enough). Above it, each process keeps every matchable service's matching columns in
memory, bucketed per need code and per grid cell of `CELL_DEGREES`, plus the remote
services per need. The index refreshes itself from the database: at most every
`CHECK_SECONDS`, the services (and places) updated since the last look are reloaded —
`services.updated_at` and `places.updated_at` are indexed for this (migration 0006); a full
rebuild every `REBUILD_SECONDS` also catches changes that touch only the links
(needs, places) or deleted rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Text, cast, func, select
from sqlalchemy.orm import Session

from catalogue.geography import bounding_box, grid_position
from catalogue.models import Place, Service, ServiceStatus
from catalogue.models.service import service_needs, service_places
from referral.database import read_only
from referral.matching.candidates import (
    COLUMNS,
    Candidate,
    candidate_of,
    load_candidates,
)

INDEX_THRESHOLD = 20_000
CELL_DEGREES = 0.1
CHECK_SECONDS = 5.0
REBUILD_SECONDS = 900.0
DECISION_SECONDS = 600.0
MATCHABLE = (ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED)

Cell = tuple[int, int]
COLUMN_NAMES = [column.key for column in COLUMNS]
JSON_NAMES = [column.key for column in COLUMNS if isinstance(column.type, JSON)]
#: JSON columns read as text and decoded through a cache: most values repeat ("[]", ["child"]).
RAW_COLUMNS = [cast(c, Text).label(c.key) if c.key in JSON_NAMES else c for c in COLUMNS]


@functools.lru_cache(maxsize=65_536)
def _decoded_text(raw: str) -> Any:
    return json.loads(raw)


def _decoded(raw: Any) -> Any:
    """Decode a JSON column read as text (shared, read-only values: never mutate them)."""
    if raw is None:
        return []
    return _decoded_text(raw) if isinstance(raw, str) else raw


def cell_of(latitude: float, longitude: float) -> Cell:
    """Return the grid cell of a point."""
    return grid_position(latitude, longitude, CELL_DEGREES)


class MemoryIndex:
    """Matchable services in memory, found by need code and grid cell."""

    def __init__(self) -> None:
        self.services: dict[int, Candidate] = {}
        self.cells: dict[str, dict[Cell, set[int]]] = {}
        self.remote: dict[str, set[int]] = {}
        self.by_code: dict[str, set[int]] = {}
        self.services_mark: dt.datetime | None = None
        self.places_mark: dt.datetime | None = None
        self.built_at = 0.0
        self.checked_at = 0.0
        self.lock = threading.Lock()

    def build(self, session: Session) -> MemoryIndex:
        """Load every matchable service, its needs and its places."""
        self.services_mark, self.places_mark = _marks(session)
        self.services, self.cells, self.remote, self.by_code = {}, {}, {}, {}
        self._load(session, None)
        self.built_at = self.checked_at = time.monotonic()
        return self

    def refresh(self, session: Session) -> None:
        """Reload what changed since the last look (or everything, now and then)."""
        now = time.monotonic()
        if now - self.checked_at < CHECK_SECONDS:
            return
        with self.lock:
            if now - self.built_at > REBUILD_SECONDS:
                self.build(session)
                return
            self.checked_at = now
            services_mark, places_mark = _marks(session)
            if (services_mark, places_mark) == (self.services_mark, self.places_mark):
                return
            changed = _changed_ids(session, self.services_mark, self.places_mark)
            self.services_mark, self.places_mark = services_mark, places_mark
            for service_id in changed:
                self._remove(service_id)
            self._load(session, changed)

    def _load(self, session: Session, ids: set[int] | None) -> None:
        query = select(*RAW_COLUMNS).where(Service.status.in_([str(s) for s in MATCHABLE]))
        needs_query = select(service_needs.c.service_id, service_needs.c.need_code)
        places_query = select(service_places.c.service_id, Place.latitude, Place.longitude).join(
            Place, Place.id == service_places.c.place_id
        )
        if ids is not None:
            wanted = sorted(ids)
            query = query.where(Service.id.in_(wanted))
            needs_query = needs_query.where(service_needs.c.service_id.in_(wanted))
            places_query = places_query.where(service_places.c.service_id.in_(wanted))
        loaded = {}
        for row in session.execute(query):
            values = dict(zip(COLUMN_NAMES, row, strict=True))
            for name in JSON_NAMES:
                values[name] = _decoded(values[name])
            loaded[values["id"]] = candidate_of(values)
        for service_id, code in session.execute(needs_query):
            if service_id in loaded:
                loaded[service_id].needs.add(code)
        for service_id, lat, lon in session.execute(places_query):
            if service_id in loaded and lat is not None and lon is not None:
                loaded[service_id].points.append((lat, lon))
        for candidate in loaded.values():
            self._add(candidate)

    def _add(self, candidate: Candidate) -> None:
        self.services[candidate.id] = candidate
        cells = {cell_of(lat, lon) for lat, lon in candidate.points}
        for code in candidate.needs:
            self.by_code.setdefault(code, set()).add(candidate.id)
            if not cells:
                self.remote.setdefault(code, set()).add(candidate.id)
            for cell in cells:
                self.cells.setdefault(code, {}).setdefault(cell, set()).add(candidate.id)

    def _remove(self, service_id: int) -> None:
        candidate = self.services.pop(service_id, None)
        if candidate is None:
            return
        for code in candidate.needs:
            self.by_code.get(code, set()).discard(service_id)
            self.remote.get(code, set()).discard(service_id)
            for lat, lon in candidate.points:
                self.cells.get(code, {}).get(cell_of(lat, lon), set()).discard(service_id)

    def candidates(
        self,
        codes: Iterable[str],
        day: dt.date,
        *,
        point: tuple[float, float] | None,
        radius_km: float,
    ) -> dict[int, Candidate]:
        """Return the matchable services covering the codes near the point (or remote)."""
        ids: set[int] = set()
        wanted = set(codes)
        if point is None:
            for code in wanted:
                ids |= self.by_code.get(code, set())
        else:
            south, north, west, east = bounding_box(*point, radius_km)
            (low_lat, low_lon), (high_lat, high_lon) = cell_of(south, west), cell_of(north, east)
            for code in wanted:
                ids |= self.remote.get(code, set())
                grid = self.cells.get(code, {})
                for lat in range(low_lat, high_lat + 1):
                    for lon in range(low_lon, high_lon + 1):
                        ids |= grid.get((lat, lon), set())
        found = {}
        for service_id in ids:
            candidate = self.services[service_id]
            if candidate.is_active_on(day):
                found[service_id] = candidate
        return found


def _marks(session: Session) -> tuple[dt.datetime | None, dt.datetime | None]:
    return (
        session.scalar(select(func.max(Service.updated_at))),
        session.scalar(select(func.max(Place.updated_at))),
    )


def _changed_ids(
    session: Session, services_mark: dt.datetime | None, places_mark: dt.datetime | None
) -> set[int]:
    services_query = select(Service.id)
    if services_mark is not None:
        services_query = services_query.where(Service.updated_at > services_mark)
    places_query = select(service_places.c.service_id).join(
        Place, Place.id == service_places.c.place_id
    )
    if places_mark is not None:
        places_query = places_query.where(Place.updated_at > places_mark)
    return set(session.scalars(services_query)) | set(session.scalars(places_query))


_INDEXES: dict[str, MemoryIndex] = {}
_DECISIONS: dict[str, tuple[float, bool]] = {}
_GUARD = threading.Lock()
_BUILDING: set[str] = set()


def _uses_index(session: Session, key: str) -> bool:
    """Decide, every `DECISION_SECONDS`, whether the catalogue is large enough for the index."""
    decided = _DECISIONS.get(key)
    if decided is not None and time.monotonic() - decided[0] < DECISION_SECONDS:
        return decided[1]
    count = (
        session.scalar(select(func.count(Service.id)).where(Service.status == ServiceStatus.ACTIVE))
        or 0
    )
    _DECISIONS[key] = (time.monotonic(), count >= INDEX_THRESHOLD)
    return count >= INDEX_THRESHOLD


def _key(session: Session) -> str:
    return session.get_bind().engine.url.render_as_string()


def _build_in_background(session: Session, key: str) -> None:
    """Build the process index in a thread with its own session (the request goes on with SQL)."""
    engine = session.get_bind().engine

    def build() -> None:
        with Session(read_only(engine)) as own:  # a long read: no SQLite write lock
            _INDEXES[key] = MemoryIndex().build(own)
        _BUILDING.discard(key)

    with _GUARD:
        if key in _BUILDING or key in _INDEXES:
            return
        _BUILDING.add(key)
    threading.Thread(target=build, name="relais-matching-index", daemon=True).start()


def ensure_index(session: Session) -> MemoryIndex:
    """Build the process index now, in this session (CLI warm-up, benchmark)."""
    key = _key(session)
    with _GUARD:
        if key not in _INDEXES:
            _INDEXES[key] = MemoryIndex().build(session)
        _DECISIONS[key] = (time.monotonic(), True)
        return _INDEXES[key]


def find_candidates(
    session: Session,
    codes: Iterable[str],
    day: dt.date,
    *,
    point: tuple[float, float] | None,
    radius_km: float,
) -> dict[int, Candidate]:
    """Return the candidates: from SQL for a small catalogue, else from the process index.

    While a large catalogue's index is being built (in the background, once per process),
    requests are answered from SQL: slower, never wrong.
    """
    key = _key(session)
    index = _INDEXES.get(key)
    if index is None:
        if _uses_index(session, key):
            _build_in_background(session, key)
        return load_candidates(session, codes, day, point=point, radius_km=radius_km)
    index.refresh(session)
    return index.candidates(codes, day, point=point, radius_km=radius_km)


def forget_indexes() -> None:
    """Drop every in-memory index and decision (tests, or after a bulk import)."""
    _INDEXES.clear()
    _DECISIONS.clear()
