"""Which communes' boxes may hold a point: a grid of the boxes, built once per process.

Finding the commune at a point used to scan the box of every commune (≈35,000) on each search
from a point. The grid narrows that to the few communes whose boxes reach the point's cell; the
database still decides on those rows, so it always answers from the communes as they are. Only a
box that grows into a new cell, or a new commune, needs a new grid: it is built again when this
process loads the gazetteer (`forget`), and when a check made at most once a minute finds the
boxes changed (a load by another process: the command line, another worker).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from time import monotonic
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from catalogue.models import Commune

CELL_DEGREES = 0.1  # a dozen boxes per cell, 38 at most, 89,000 entries in all
CHECK_SECONDS = 60.0

Cell = tuple[int, int]


@dataclass(frozen=True)
class BoxGrid:
    """The INSEE codes of the communes whose boxes reach each cell, and what they were built on."""

    cells: dict[Cell, tuple[str, ...]]
    fingerprint: tuple[Any, ...]
    checked_at: float


_grids: dict[str, BoxGrid] = {}


def cell_of(latitude: float, longitude: float) -> Cell:
    """Return the grid cell holding a point (a box holds a point only if both share a cell)."""
    return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)


def candidates(session: Session, latitude: float, longitude: float) -> tuple[str, ...]:
    """Return the codes of the communes whose boxes may hold the point (a superset of them)."""
    return _grid(session).cells.get(cell_of(latitude, longitude), ())


def forget() -> None:
    """Drop every grid: the next lookup builds its grid again (after a gazetteer load)."""
    _grids.clear()


def _grid(session: Session) -> BoxGrid:
    key = session.get_bind().engine.url.render_as_string(hide_password=False)
    grid, now = _grids.get(key), monotonic()
    if grid is not None and now - grid.checked_at < CHECK_SECONDS:
        return grid
    if grid is None or _fingerprint(session) != grid.fingerprint:
        grid = _build(session, now)
    else:
        grid = replace(grid, checked_at=now)
    _grids[key] = grid
    return grid


def _fingerprint(session: Session) -> tuple[Any, ...]:
    """Return what a new commune or a moved box changes (rounded: sums of floats may wobble)."""
    boxes = Commune.south + Commune.north + Commune.west + Commune.east
    count, total = session.execute(select(func.count(), func.sum(boxes))).one()
    return count, round(total or 0.0, 3)


def _build(session: Session, now: float) -> BoxGrid:
    fingerprint = _fingerprint(session)  # first: a load committed meanwhile is seen next check
    cells: dict[Cell, list[str]] = {}
    rows = session.execute(
        select(Commune.insee_code, Commune.south, Commune.north, Commune.west, Commune.east)
    )
    for code, south, north, west, east in rows:
        (bottom, left), (top, right) = cell_of(south, west), cell_of(north, east)
        for row in range(bottom, top + 1):
            for column in range(left, right + 1):
                cells.setdefault((row, column), []).append(code)
    return BoxGrid({cell: tuple(codes) for cell, codes in cells.items()}, fingerprint, now)
