"""The commune at a point, found through the grid of boxes: the same as a scan of every box."""

import gzip
import random

import pytest
from sqlalchemy import select, update

from catalogue import commune_boxes
from catalogue.geography import GAZETTEER_COLUMNS, commune_at, haversine_km, load_communes
from catalogue.models import Commune

SEA = (45.0, -5.0)


def scanned(session, latitude, longitude):
    """The commune at a point as it was found before the grid: a scan of every box."""
    holding = session.scalars(
        select(Commune).where(
            Commune.south <= latitude,
            Commune.north >= latitude,
            Commune.west <= longitude,
            Commune.east >= longitude,
        )
    )
    nearest = min(
        holding,
        key=lambda c: haversine_km(latitude, longitude, c.latitude, c.longitude),
        default=None,
    )
    return None if nearest is None else nearest.insee_code


def found(session, latitude, longitude):
    commune = commune_at(session, latitude, longitude)
    return None if commune is None else commune.insee_code


@pytest.fixture
def fresh_grids():
    """Build the grid anew for the test, and again after it (its changes are rolled back)."""
    commune_boxes.forget()
    yield
    commune_boxes.forget()


def test_the_commune_at_a_point_is_the_one_a_scan_of_every_box_finds(db_session):
    rng = random.Random(15)
    communes = db_session.execute(
        select(Commune.latitude, Commune.longitude, Commune.south, Commune.west, Commune.north,
               Commune.east)
    ).all()  # fmt: skip
    points = [(rng.uniform(41.0, 51.5), rng.uniform(-5.5, 10.0)) for _ in range(120)]
    for lat, lon, south, west, north, east in rng.sample(communes, 60):
        points.append((lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05)))
        points += [(south, west), (north, east)]  # a box's own corners are inside it
    assert [found(db_session, *point) for point in points] == [
        scanned(db_session, *point) for point in points
    ]


def test_a_point_far_from_every_box_has_no_commune(db_session):
    assert commune_at(db_session, -60.0, 100.0) is None


def test_a_commune_loaded_by_this_process_is_found_at_once(db_session, tmp_path, fresh_grids):
    assert commune_at(db_session, *SEA) is None  # the grid is built without it
    load_communes(db_session, _gazetteer(tmp_path, "99901", box="44.9,-5.1,45.1,-4.9"))
    assert found(db_session, *SEA) == "99901"


def test_a_box_moved_by_another_process_is_found_within_a_minute(
    db_session, monkeypatch, fresh_grids
):
    assert commune_at(db_session, *SEA) is None  # the grid is built without the moved box
    db_session.execute(  # as another process's load would: this one is not told
        update(Commune)
        .where(Commune.insee_code == "86194")
        .values(south=44.9, west=-5.1, north=45.1, east=-4.9, latitude=45.0, longitude=-5.0)
    )
    later = commune_boxes.monotonic() + commune_boxes.CHECK_SECONDS + 1
    monkeypatch.setattr(commune_boxes, "monotonic", lambda: later)
    assert found(db_session, *SEA) == "86194"


def test_a_box_edited_in_place_is_read_from_the_database(db_session, fresh_grids):
    poitiers = db_session.get(Commune, "86194")
    assert commune_at(db_session, poitiers.latitude, poitiers.longitude) is poitiers
    poitiers.south = poitiers.latitude + 0.001  # the box no longer holds its own centre
    db_session.flush()
    assert found(db_session, poitiers.latitude, poitiers.longitude) != "86194"


def _gazetteer(folder, code, box):
    """Write a gazetteer of one commune (in the sea) and return its path."""
    south, west, north, east = box.split(",")
    row = dict.fromkeys(GAZETTEER_COLUMNS, "") | {
        "insee_code": code, "name": "Île d'essai", "kind": "COM", "postcodes": "99900",
        "department_code": "99", "department_name": "Essai", "population": "1",
        "latitude": str((float(south) + float(north)) / 2),
        "longitude": str((float(west) + float(east)) / 2), "bbox": box,
    }  # fmt: skip
    columns = sorted(GAZETTEER_COLUMNS)
    text = ",".join(columns) + "\n" + ",".join(f'"{row[column]}"' for column in columns) + "\n"
    path = folder / "communes.csv.gz"
    path.write_bytes(gzip.compress(text.encode()))
    return path
