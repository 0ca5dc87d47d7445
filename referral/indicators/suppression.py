"""Small-cell suppression for funders: one function, applied to pages, CSV, JSON and the CLI.

Primary: every count from 1 to 4 is hidden ("< 5"); zero is shown (it tells nothing about a
person). Secondary: in each line that adds up to a shown total (a column with its total row, a
row with its total column), one hidden cell alone could be recomputed by subtraction, so the
smallest other cell of that line is hidden too (a non-zero one first), until no line has a
single hidden cell. Rates and medians resting on fewer than 5 cases are withheld.
"""

from __future__ import annotations

import copy

from referral.indicators.tables import TOTAL, Figure, Report, Table

THRESHOLD = 5
Cell = tuple[str, str]


def _lines(table: Table) -> list[list[Cell]]:
    """Return the groups of cells bound by an addition: each includes its total cell."""
    data_columns = [key for key, _ in table.columns if key != TOTAL]
    lines: list[list[Cell]] = []
    if table.total is not None:
        for column, _ in table.columns:
            lines.append([(row.key, column) for row in table.all_rows()])
    if table.has_total_column:
        for row in table.all_rows():
            lines.append([(row.key, column) for column in [*data_columns, TOTAL]])
    return lines


def _values(table: Table) -> dict[Cell, int]:
    return {
        (row.key, column): row.values.get(column, 0)
        for row in table.all_rows()
        for column, _ in table.columns
    }


def _next_to_hide(line: list[Cell], values: dict[Cell, int], hidden: set[Cell]) -> Cell | None:
    """Return the smallest shown cell of a line: non-zero data cells first, the total last."""
    shown = [cell for cell in line if cell not in hidden]
    if not shown:
        return None
    return min(shown, key=lambda c: (TOTAL in c, values[c] == 0, values[c]))


def suppress_small_cells(table: Table, threshold: int = THRESHOLD) -> Table:
    """Return a copy of a table with small cells, and the cells revealing them, hidden."""
    result = copy.deepcopy(table)
    values = _values(result)
    hidden = {cell for cell, value in values.items() if 0 < value < threshold}
    lines = _lines(result)
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(cell in hidden for cell in line) == 1:
                extra = _next_to_hide(line, values, hidden)
                if extra is not None:
                    hidden.add(extra)
                    changed = True
    result.hidden = hidden
    return result


def withhold_small_bases(figure: Figure, threshold: int = THRESHOLD) -> Figure:
    """Return a copy of a figure, withheld when it rests on 1 to 4 cases."""
    result = copy.copy(figure)
    result.secret = 0 < figure.base < threshold
    return result


def for_funders(report: Report) -> Report:
    """Return the report as a funder may see it: aggregates with no cell under 5."""
    result = copy.copy(report)
    result.audience = "funder"
    result.tables = [suppress_small_cells(each) for each in report.tables]
    result.figures = [withhold_small_bases(each) for each in report.figures]
    return result
