"""The disclosure audit: what a reader of the funder report can infer about each hidden cell.

For every hidden cell, the audit computes the smallest and the largest value it can take among
all the non-negative real numbers consistent with what is published: the shown figures, the
identities of `identities.py`, and what the labels say (a « < 5 » cell lies between 1 and 4, a
« secret » cell is only known to be at least 0; a shown 0 is 0). These are two linear programmes
per cell, solved by HiGHS (`solver.py`), as τ-ARGUS does for linked tables.

The rule: every « < 5 » cell can still be anything from 1 to 4, so the reader learns nothing
beyond « < 5 »; no count from 1 to 4 is shown; no rate or median rests on a hidden count.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from referral.indicators.identities import FIGURES, LATENT, Cell, Identity, figure_cell, identities
from referral.indicators.solver import (
    HIGH,
    LOW,
    MAX,
    MIN,
    TOLERANCE,
    ComponentModel,
    InconsistentReport,
)
from referral.indicators.tables import Report

Component = frozenset[tuple[Cell, str]]  # the unknown cells of a component, with their labels
Linked = tuple[frozenset[Cell], tuple[Identity, ...]]
PARTITIONS_KEPT = 256


def _link(identities: list[Identity], unknown: frozenset[Cell]) -> dict[Cell, Linked]:
    """Return, for each unknown cell, the cells linked to it and the identities between them."""
    parent: dict[Cell, Cell] = {}

    def root(cell: Cell) -> Cell:
        while parent.setdefault(cell, cell) != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    touching = []
    for identity in identities:
        cells = [cell for cell, _ in identity.terms if cell in unknown]
        if cells:
            touching.append((identity, cells))
            root(cells[0])  # a cell alone in an identity is a group of its own
            for other in cells[1:]:
                parent[root(other)] = root(cells[0])
    members: dict[Cell, set[Cell]] = {}
    rows: dict[Cell, list[Identity]] = {}
    for cell in list(parent):
        members.setdefault(root(cell), set()).add(cell)
    for identity, cells in touching:
        rows.setdefault(root(cells[0]), []).append(identity)
    linked = {top: (frozenset(group), tuple(rows.get(top, []))) for top, group in members.items()}
    return {cell: linked[root(cell)] for cell in parent}


def report_values(report: Report) -> dict[Cell, int]:
    """Return the value of every count cell of the report (tables and count figures)."""
    values: dict[Cell, int] = {}
    for table in report.tables:
        for row in table.all_rows():
            for column, _ in table.columns:
                values[(table.key, row.key, column)] = int(row.values.get(column, 0))
    for figure in report.figures:
        declared = FIGURES.get(figure.key)
        if declared is not None and declared.count:
            values[figure_cell(figure.key)] = int(figure.value or 0)
    return values


def report_labels(report: Report) -> dict[Cell, str]:
    """Return the label (« < 5 » or « secret ») of every hidden count cell of the report."""
    labels: dict[Cell, str] = {}
    for table in report.tables:
        for row in table.all_rows():
            for column, _ in table.columns:
                label = table.label(row, column)
                if label is not None:
                    labels[(table.key, row.key, column)] = label
    for figure in report.figures:
        if figure.secret and FIGURES.get(figure.key) and FIGURES[figure.key].count:
            labels[figure_cell(figure.key)] = figure.hidden_label()
    return labels


@dataclass
class Disclosure:
    """The identities of a report and its figures, ready to be audited under a set of labels."""

    identities: list[Identity]
    values: dict[Cell, int]
    _models: dict[Component, ComponentModel] = field(default_factory=dict)
    _partitions: dict[frozenset[Cell], dict[Cell, Linked]] = field(default_factory=dict)
    _latent: frozenset[Cell] = frozenset()

    def __post_init__(self) -> None:
        self._latent = frozenset(
            cell for identity in self.identities for cell, _ in identity.terms if cell[0] == LATENT
        )

    @classmethod
    def of(cls, report: Report) -> Disclosure:
        """Return the audit problem of a report."""
        return cls(identities(report), report_values(report))

    def _unknown(self, cell: Cell, hidden: Mapping[Cell, str]) -> bool:
        return cell[0] == LATENT or cell in hidden

    def _partition(self, hidden: Mapping[Cell, str]) -> dict[Cell, Linked]:
        """Group the unknown cells that identities link, each with the identities touching it."""
        key = frozenset(hidden)  # the labels bound the cells; they do not change the links
        if key not in self._partitions:
            if len(self._partitions) > PARTITIONS_KEPT:
                self._partitions.clear()
            self._partitions[key] = _link(self.identities, self._latent | key)
        return self._partitions[key]

    def component(self, hidden: Mapping[Cell, str], cell: Cell) -> Linked:
        """Return the unknown cells linked to `cell` through identities, and those identities."""
        return self._partition(hidden).get(cell, (frozenset({cell}), ()))

    def neighbours(self, hidden: Mapping[Cell, str], cell: Cell) -> set[Cell]:
        """Return the shown cells whose hiding could loosen what binds `cell`."""
        _, rows = self.component(hidden, cell)
        return {c for identity in rows for c, _ in identity.terms if not self._unknown(c, hidden)}

    def model(self, hidden: Mapping[Cell, str], cell: Cell) -> ComponentModel:
        """Return the linear programme of the component holding `cell`."""
        cells, rows = self.component(hidden, cell)
        key = frozenset((c, hidden.get(c, LATENT)) for c in cells)
        if key not in self._models:
            self._models[key] = ComponentModel.build(sorted(cells), list(rows), hidden, self.values)
        return self._models[key]

    def bound(self, hidden: Mapping[Cell, str], cell: Cell, direction: str) -> float:
        """Return the smallest (MIN) or largest (MAX) value a reader can give a hidden cell."""
        return self.model(hidden, cell).bound(cell, direction)

    def leak(self, hidden: Mapping[Cell, str], cell: Cell) -> str | None:
        """Return the direction in which a small cell is narrowed within [1, 4], or None."""
        model = self.model(hidden, cell)
        for direction in (MIN, MAX):
            if not model.reaches(cell, direction):
                return direction
        return None

    @property
    def primary(self) -> list[Cell]:
        """Return the cells whose true count is from 1 to 4."""
        return sorted(c for c, value in self.values.items() if LOW <= value <= HIGH)

    def first_leak(self, hidden: Mapping[Cell, str]) -> tuple[Cell, str] | None:
        """Return the first small cell a reader can narrow, with the direction, or None."""
        self.check_published(hidden)
        for cell in self.primary:
            if cell not in hidden:
                raise InconsistentReport(f"La case {cell} est publiée.")
            direction = self.leak(hidden, cell)
            if direction is not None:
                return cell, direction
        return None

    def check_published(self, hidden: Mapping[Cell, str]) -> None:
        """Raise when the identities between shown cells alone do not hold."""
        for identity in self.identities:
            if any(self._unknown(cell, hidden) for cell, _ in identity.terms):
                continue
            total = sum(k * self.values[cell] for cell, k in identity.terms)
            if total > 0 or (total < 0 and not identity.at_most):
                raise InconsistentReport(f"Identité fausse : {identity.name}")


@dataclass(frozen=True)
class Interval:
    """What a reader can infer about one hidden cell: its label and its feasible range."""

    cell: Cell
    label: str
    low: float
    high: float
    primary: bool

    @property
    def protected(self) -> bool:
        """Tell whether a small cell (true count 1 to 4) can still be anything from 1 to 4."""
        if not self.primary:
            return True
        return self.low <= LOW + TOLERANCE and self.high >= HIGH - TOLERANCE

    def shown(self) -> str:
        """Return the interval in French, e.g. « [1 ; 4] » or « [0 ; +∞[ »."""
        high = "+∞[" if math.isinf(self.high) else f"{self.high:g}]"
        return f"[{self.low:g} ; {high}"


@dataclass
class Audit:
    """The result of the disclosure audit of a funder report."""

    intervals: list[Interval]
    problems: list[str]

    @property
    def passed(self) -> bool:
        """Tell whether the report may be served."""
        return not self.problems


def _shown_problems(report: Report, values: dict[Cell, int], labels: dict[Cell, str]) -> list[str]:
    problems = [
        f"la case {cell} vaut {value} et est publiée"
        for cell, value in values.items()
        if LOW <= value <= HIGH and cell not in labels
    ]
    for figure in report.figures:
        declared = FIGURES.get(figure.key)
        if declared and not figure.secret and any(c in labels for c in declared.rests_on):
            problems.append(f"le chiffre « {figure.label} » repose sur une case masquée")
        if declared and not declared.count and not figure.secret and LOW <= figure.base <= HIGH:
            problems.append(f"le chiffre « {figure.label} » repose sur {figure.base} cas")
    return problems


def _interval(disclosure: Disclosure, labels: dict[Cell, str], cell: Cell) -> Interval:
    return Interval(
        cell,
        labels[cell],
        disclosure.bound(labels, cell, MIN),
        disclosure.bound(labels, cell, MAX),
        primary=LOW <= disclosure.values[cell] <= HIGH,
    )


def audit(report: Report, every_hidden_cell: bool = False) -> Audit:
    """Audit a funder report: the intervals of its small cells (or of every hidden one)."""
    disclosure = Disclosure.of(report)
    labels = report_labels(report)
    problems = _shown_problems(report, disclosure.values, labels)
    wanted = sorted(labels) if every_hidden_cell else [c for c in disclosure.primary if c in labels]
    try:
        disclosure.check_published(labels)
        intervals = [_interval(disclosure, labels, cell) for cell in wanted]
    except InconsistentReport as error:
        return Audit([], [*problems, str(error)])
    problems += [
        f"la case {i.cell} se déduit dans {i.shown()}" for i in intervals if not i.protected
    ]
    return Audit(intervals, problems)
