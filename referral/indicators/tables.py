"""The shapes of a report: count tables with totals, single figures, and the report itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

TOTAL = "total"
SUPPRESSED = "< 5"  # a count from 1 to 4 (primary suppression)
WITHHELD = "secret"  # hidden to protect another figure: says nothing about its own size


@dataclass
class Row:
    """One line of a table: a category and its counts per column."""

    key: str
    label: str
    values: dict[str, int]
    point: tuple[float, float] | None = None  # a commune's point, for the map
    group: str | None = None  # the row of a coarser table this row adds up into (need → domain)


@dataclass
class Table:
    """Counts by category; `total` sums the rows column by column, a `total` column sums a row."""

    key: str
    title: str
    row_header: str
    columns: list[tuple[str, str]]
    rows: list[Row]
    total: Row | None = None
    unit: str = "enfants"
    note: str = ""
    hidden: set[tuple[str, str]] = field(default_factory=set)
    secret: set[tuple[str, str]] = field(default_factory=set)  # the hidden cells not under 5

    def label(self, row: Row, column: str) -> str | None:
        """Return what replaces a hidden cell (« < 5 » or « secret »), None when shown."""
        cell = (row.key, column)
        if cell not in self.hidden:
            return None
        return WITHHELD if cell in self.secret else SUPPRESSED

    @property
    def has_total_column(self) -> bool:
        """Tell whether the last column is the sum of the others."""
        return any(key == TOTAL for key, _ in self.columns)

    def all_rows(self) -> list[Row]:
        """Return the rows, then the total row when there is one."""
        return [*self.rows, *([self.total] if self.total else [])]

    def shown(self, row: Row, column: str) -> str:
        """Return the cell as shown: the count, or « < 5 » / « secret » when suppressed."""
        return self.label(row, column) or str(row.values.get(column, 0))

    def exported(self, row: Row, column: str) -> int | str:
        """Return the cell for CSV and JSON: an integer, or « < 5 » / « secret » when suppressed."""
        return self.label(row, column) or row.values.get(column, 0)

    def as_dict(self) -> dict[str, Any]:
        """Return the table as plain data (suppressed cells already replaced)."""
        return {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "columns": [{"key": key, "label": label} for key, label in self.columns],
            "rows": [self._row_dict(row) for row in self.rows],
            "total": self._row_dict(self.total) if self.total else None,
        }

    def _row_dict(self, row: Row) -> dict[str, Any]:
        return {
            "key": row.key,
            "label": row.label,
            "values": {key: self.exported(row, key) for key, _ in self.columns},
        }


@dataclass
class Figure:
    """A single figure (rate, median, count) with the number of cases it rests on."""

    key: str
    label: str
    value: float | int | None
    base: int
    unit: str = ""
    secret: bool = False  # withheld from funders
    small: bool = False  # withheld because the count itself is from 1 to 4

    def hidden_label(self) -> str:
        """Return what replaces the withheld figure: « < 5 » for a small count, else « secret »."""
        return SUPPRESSED if self.small else WITHHELD

    def shown(self) -> str:
        """Return the figure in French, or why it is not shown."""
        if self.secret:
            return self.hidden_label()
        if self.value is None:
            return "—"
        if self.unit == "%":
            return f"{self.value:.1f} %".replace(".", ",")
        unit = self.unit[:-1] if self.unit.endswith("s") and abs(self.value) < 2 else self.unit
        if isinstance(self.value, float):
            return f"{self.value:.1f}".replace(".", ",") + (f" {unit}" if unit else "")
        return f"{self.value}" + (f" {unit}" if unit else "")

    def exported(self) -> float | int | str | None:
        """Return the figure for CSV and JSON."""
        return self.hidden_label() if self.secret else self.value


@dataclass
class Report:
    """Every indicator of a programme over a period, for one audience."""

    programme_name: str
    programme_uid: str
    start: dt.date
    end: dt.date
    audience: str
    figures: list[Figure]
    tables: list[Table]

    def table(self, key: str) -> Table:
        """Return a table by its key."""
        return next(each for each in self.tables if each.key == key)

    def figure(self, key: str) -> Figure:
        """Return a figure by its key."""
        return next(each for each in self.figures if each.key == key)

    def as_dict(self) -> dict[str, Any]:
        """Return the whole report as plain data, for JSON."""
        return {
            "programme": {"id": self.programme_uid, "name": self.programme_name},
            "period": {"from": self.start.isoformat(), "to": self.end.isoformat()},
            "audience": self.audience,
            "figures": [
                {"key": f.key, "label": f.label, "value": f.exported(), "unit": f.unit}
                for f in self.figures
            ],
            "tables": [each.as_dict() for each in self.tables],
        }
