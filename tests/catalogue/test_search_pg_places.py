"""The PostgreSQL search rows near a family: found by the nearest point, at its exact distance.

The rows are found through the box of their points (one GiST index with the filters' GIN
indexes); these tests hold that the box only narrows the search and never decides it.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from catalogue.geography import haversine_km
from catalogue.search import FamilyPlace, SearchQuery, ServiceDocument
from catalogue.search.pg import PostgresBackend, PostgresIndex
from tests.common import databases

pytestmark = pytest.mark.skipif(
    databases.backend() != "postgresql", reason="the PostgreSQL search rows (RELAIS_TEST_DB)"
)

TODAY = dt.date(2026, 3, 10)
POITIERS = (46.5802, 0.3404)
HERE = FamilyPlace(*POITIERS, commune="86194", department="86", epci="248600413")


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    """Return the point `km` due north (south when negative), along a meridian."""
    return point[0] + math.degrees(km / 6371.0088), point[1]


def found(connection, points: list[tuple[float, float]], radius_km: float = 10.0) -> list:
    """Write one service with these points and return the hits of a search around Poitiers."""
    document = ServiceDocument(id=1, name="Service", text="Service", points=points)
    PostgresIndex(connection).write([document], [])
    query = SearchQuery(day=TODAY, place=HERE, radius_km=radius_km)
    return PostgresBackend(connection).search(query).hits


def test_a_service_is_found_by_its_nearest_point_at_that_distance(connection):
    near = north_of(POITIERS, 3)
    hits = found(connection, [north_of(POITIERS, 50), near])
    assert [hit.service_id for hit in hits] == [1]
    assert hits[0].distance_km == pytest.approx(haversine_km(*POITIERS, *near))


def test_a_service_whose_points_surround_the_family_from_afar_is_not_found(connection):
    assert found(connection, [north_of(POITIERS, 20), north_of(POITIERS, -20)]) == []


def test_a_wider_radius_reaches_the_nearest_of_points_that_surround_the_family(connection):
    hits = found(connection, [north_of(POITIERS, 20), north_of(POITIERS, -20)], radius_km=25)
    assert [round(hit.distance_km, 3) for hit in hits] == [20.0]


def test_a_service_without_points_is_found_from_anywhere_without_a_distance(connection):
    assert [(hit.service_id, hit.distance_km) for hit in found(connection, [])] == [(1, None)]


def test_a_service_moved_away_is_no_longer_found_near_its_old_place(connection):
    found(connection, [POITIERS])
    assert found(connection, [north_of(POITIERS, 50)]) == []
