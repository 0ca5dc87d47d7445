"""The linear programme of one group of linked hidden cells, solved by HiGHS (`highspy`).

Its unknowns are the hidden cells of the group (and the quantities never published, such as the
pathways carried over); its rows are the identities touching them, with every shown cell
replaced by its value. Each solve also leaves a feasible point: a cell that reaches 1 (or 4) in
some solution needs no solve of its own to know its interval does too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import highspy
import numpy as np

from referral.indicators.identities import LATENT, Cell, Identity
from referral.indicators.tables import WITHHELD

LOW, HIGH = 1, 4  # a small cell: a true count from 1 to 4
TOLERANCE = 1e-6
MIN, MAX = "min", "max"


class InconsistentReport(ValueError):
    """The published figures contradict the declared identities (a bug, never served)."""


def _bounds(cell: Cell, hidden: Mapping[Cell, str]) -> tuple[float, float]:
    """A « secret » cell or an unpublished quantity is >= 0; a « < 5 » cell is in [1, 4]."""
    if cell[0] == LATENT or hidden.get(cell) == WITHHELD:
        return 0.0, highspy.kHighsInf
    return float(LOW), float(HIGH)


# The bare solver (exported by highspy): its `Highs` wrapper prints a banner on stdout when it is
# created, which would corrupt the CSV that `relais stats` prints.
BareHighs: Any = highspy._Highs  # type: ignore[attr-defined]


def _new_solver() -> Any:
    solver = BareHighs()
    solver.setOptionValue("output_flag", False)
    return solver


@dataclass
class ComponentModel:
    """One group of linked unknown cells, its identities, and what its solves have shown."""

    cells: list[Cell]
    solver: Any
    optimum: dict[tuple[Cell, str], float] = field(default_factory=dict)
    reaches_low: set[Cell] = field(default_factory=set)
    reaches_high: set[Cell] = field(default_factory=set)
    pushed: set[str] = field(default_factory=set)
    small: np.ndarray = field(default_factory=lambda: np.zeros(0))  # bounded by [1, 4]

    @classmethod
    def build(
        cls,
        cells: list[Cell],
        rows: list[Identity],
        hidden: Mapping[Cell, str],
        values: Mapping[Cell, int],
    ) -> ComponentModel:
        """Return the model of a component: its unknowns bounded by their labels, its rows."""
        solver = _new_solver()
        index = {cell: i for i, cell in enumerate(cells)}
        bounds = np.array([_bounds(cell, hidden) for cell in cells])
        solver.addVars(len(cells), bounds[:, 0], bounds[:, 1])
        for identity in rows:
            columns: dict[int, float] = {}
            constant = 0.0
            for cell, coefficient in identity.terms:
                if cell in index:
                    columns[index[cell]] = columns.get(index[cell], 0.0) + coefficient
                else:
                    constant += coefficient * values[cell]
            lower = -highspy.kHighsInf if identity.at_most else -constant
            indices = np.array(list(columns), dtype=np.int32)
            solver.addRow(lower, -constant, len(columns), indices, np.array(list(columns.values())))
        return cls(cells, solver, small=np.isfinite(bounds[:, 1]))

    def bound(self, cell: Cell, direction: str) -> float:
        """Return the minimum (MIN) or maximum (MAX) of a cell over the component's solutions."""
        if (cell, direction) not in self.optimum:
            self.optimum[(cell, direction)] = self._solve(cell, direction)
        return self.optimum[(cell, direction)]

    def reaches(self, cell: Cell, direction: str) -> bool:
        """Tell whether a cell can be as low as 1 (MIN) or as high as 4 (MAX)."""
        witnessed = self.reaches_low if direction == MIN else self.reaches_high
        if cell not in witnessed and direction not in self.pushed:
            self.pushed.add(direction)  # one solve pushing every cell at once often settles most
            self._run(self.small.astype(float), direction)
        if cell in witnessed:
            return True
        value = self.bound(cell, direction)
        return value <= LOW + TOLERANCE if direction == MIN else value >= HIGH - TOLERANCE

    def _solve(self, cell: Cell, direction: str) -> float:
        costs = np.zeros(len(self.cells))
        costs[self.cells.index(cell)] = 1.0
        value = self._run(costs, direction)
        if math.isinf(value):
            self.reaches_high.add(cell)
        return value

    def _run(self, costs: np.ndarray, direction: str) -> float:
        count = len(self.cells)
        self.solver.changeColsCost(count, np.arange(count, dtype=np.int32), costs)
        sense = highspy.ObjSense.kMinimize if direction == MIN else highspy.ObjSense.kMaximize
        self.solver.changeObjectiveSense(sense)
        self.solver.run()
        status = self.solver.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            return math.inf
        if status != highspy.HighsModelStatus.kOptimal:
            message = self.solver.modelStatusToString(status)
            raise InconsistentReport(f"Chiffres incohérents : {message}")
        self._witness(self.solver.getSolution().col_value)
        return float(self.solver.getInfo().objective_function_value)

    def _witness(self, point: list[float]) -> None:
        for cell, value in zip(self.cells, point, strict=True):
            if value <= LOW + TOLERANCE:
                self.reaches_low.add(cell)
            if value >= HIGH - TOLERANCE:
                self.reaches_high.add(cell)
