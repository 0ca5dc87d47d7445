"""Small-cell suppression for funders, checked by its own disclosure audit.

Primary: every count from 1 to 4 is hidden (« < 5 »); zero is shown. Secondary: while the audit
(`disclosure.py`) finds a « < 5 » cell that a reader can narrow, using every table of the report
and the identities between them, hide one more linked figure (« secret »): the one that frees
that cell at the least cost (a small, non-total cell first). Then each secondary suppression is
shown again when the audit still passes without it, so that each one left is necessary. Every
figure still shown is the coordinator's. Rates and medians resting on a hidden count, or on 1 to
4 cases, are withheld.
"""

from __future__ import annotations

import copy

from referral.indicators.disclosure import HIGH, LOW, MIN, Cell, Disclosure
from referral.indicators.identities import FIGURE, FIGURES, figure_cell
from referral.indicators.tables import SUPPRESSED, TOTAL, WITHHELD, Figure, Report

THRESHOLD = 5


class SuppressionFailed(RuntimeError):
    """No set of hidden cells protects the small cells (never expected; the report is refused)."""


def _cost(disclosure: Disclosure, cell: Cell) -> tuple[int, int, Cell]:
    """Rank the cells to hide: detail cells before totals, totals before headline figures."""
    rank = 2 if cell[0] == FIGURE else int(cell[1] == TOTAL)
    return rank, disclosure.values[cell], cell


def _loosens(disclosure: Disclosure, hidden: dict[Cell, str], leak: tuple[Cell, str]) -> float:
    cell, direction = leak
    value = disclosure.bound(hidden, cell, direction)
    return LOW - value if direction == MIN else value - HIGH


def _candidates(disclosure: Disclosure, hidden: dict[Cell, str], cell: Cell) -> list[Cell]:
    """Return the « < 5 » cells linked to `cell`, then the shown ones by cost."""
    linked, _ = disclosure.component(hidden, cell)
    small = sorted(c for c in linked if hidden.get(c) == SUPPRESSED and c != cell)
    shown = sorted(disclosure.neighbours(hidden, cell), key=lambda c: _cost(disclosure, c))
    return small + shown


def _complement(
    disclosure: Disclosure, hidden: dict[Cell, str], leak: tuple[Cell, str]
) -> list[Cell]:
    """Return the cheapest cell to label « secret » that frees the leaking cell (or them all).

    A small cell relabelled « secret » loses only its « < 5 » (which, beside a small total,
    would tell that its parts are at most 3); a shown cell hidden loses its figure.
    """
    candidates = _candidates(disclosure, hidden, leak[0])
    if not candidates:
        raise SuppressionFailed(f"Aucune case ne peut protéger {leak[0]}.")
    before = _loosens(disclosure, hidden, leak)
    best: tuple[float, Cell] | None = None
    for candidate in candidates:
        gain = _loosens(disclosure, {**hidden, candidate: WITHHELD}, leak)
        if gain >= 0:
            return [candidate]
        if gain > before and (best is None or gain > best[0]):
            best = (gain, candidate)
    return [best[1]] if best else candidates


def _prune(disclosure: Disclosure, hidden: dict[Cell, str]) -> dict[Cell, str]:
    """Show again each secondary cell the audit does not need (the most useful first), then
    give back « < 5 » to each small cell labelled « secret » that does not need it."""
    small = set(disclosure.primary)
    secret = [cell for cell, label in hidden.items() if label == WITHHELD]
    order = sorted(secret, key=lambda c: (c in small, _cost(disclosure, c)), reverse=True)
    for cell in sorted(order, key=lambda c: c in small):
        trial = {c: label for c, label in hidden.items() if c != cell}
        if cell in small:
            trial[cell] = SUPPRESSED
        if disclosure.first_leak(trial) is None:
            hidden = trial
    return hidden


def protect(disclosure: Disclosure) -> dict[Cell, str]:
    """Return the hidden cells and their labels: the small ones, and those protecting them."""
    hidden: dict[Cell, str] = {
        cell: SUPPRESSED for cell, value in disclosure.values.items() if LOW <= value <= HIGH
    }
    while (leak := disclosure.first_leak(hidden)) is not None:
        for cell in _complement(disclosure, hidden, leak):
            hidden[cell] = WITHHELD
    return _prune(disclosure, hidden)


def _withheld(figure: Figure, hidden: dict[Cell, str]) -> Figure:
    result = copy.copy(figure)
    declared = FIGURES[figure.key]
    label = hidden.get(figure_cell(figure.key))
    if declared.count:
        result.secret, result.small = label is not None, label == SUPPRESSED
    else:
        on_hidden = any(cell in hidden for cell in declared.rests_on)
        result.secret = on_hidden or 0 < figure.base < THRESHOLD
    return result


def for_funders(report: Report) -> Report:
    """Return the report as a funder may see it: no cell under 5, none recoverable."""
    hidden = protect(Disclosure.of(report))
    result = copy.copy(report)
    result.audience = "funder"
    result.tables = []
    for table in report.tables:
        each = copy.deepcopy(table)
        mine = {
            (row, column): label for (key, row, column), label in hidden.items() if key == table.key
        }
        each.hidden = set(mine)
        each.secret = {cell for cell, label in mine.items() if label == WITHHELD}
        result.tables.append(each)
    result.figures = [_withheld(figure, hidden) for figure in report.figures]
    return result
