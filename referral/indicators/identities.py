"""What a reader knows binds the report's figures together, declared next to the figures.

Every table and every figure of `figures.compute` has an entry here; `identities` refuses a
report holding one that has not, so a new indicator cannot be published without its relations.
Each identity is a linear relation between cells, true of the coordinator's figures:
- in every table, each column's total is the sum of its rows (the margins);
- the children tables all count the same children: their totals are the headline figures;
- for the children of each row: `open_at_end + closed = opened + carried_over`, where
  `carried_over` (pathways opened before the period) is never published but is not negative;
- overall, `recorded = open_at_end + closed` and `recorded = opened + carried_over`;
- the exits by reason add up to the pathways closed; the refusals by reason to the refusals;
- the needs by need add up, domain by domain, to the needs by domain; every needs table counts
  the same needs; the unmet needs of a kind are at most the needs of that kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from referral.indicators.tables import TOTAL, Report, Table

FIGURE = "figure"
LATENT = "latent"
VALUE = "value"
Cell = tuple[str, str, str]  # (table key, or FIGURE, or LATENT; row key; column key)
Terms = tuple[tuple[Cell, int], ...]

CARRIED_OVER: Cell = (LATENT, "carried_over", VALUE)


def figure_cell(key: str) -> Cell:
    """Return the cell of a headline figure."""
    return (FIGURE, key, VALUE)


@dataclass(frozen=True)
class Identity:
    """`sum(coefficient * cell) == 0` (or `<= 0` when `at_most`), true of the real figures."""

    name: str
    terms: Terms
    at_most: bool = False


@dataclass(frozen=True)
class TableRelations:
    """What binds a table to the rest of the report, beyond its own margins."""

    totals_equal: dict[str, Cell] = field(default_factory=dict)
    row_balance: bool = False
    grouped_into: str | None = None
    at_most: str | None = None


@dataclass(frozen=True)
class FigureRelations:
    """A figure is a count (a cell of the audit) or derived from counts (hidden with them)."""

    count: bool = False
    rests_on: tuple[Cell, ...] = ()


def _children(prefix: str = "children_") -> TableRelations:
    return TableRelations(
        totals_equal={
            "open_at_end": figure_cell(f"{prefix}open_at_end"),
            "opened": figure_cell(f"{prefix}opened"),
            "closed": figure_cell(f"{prefix}closed"),
        },
        row_balance=True,
    )


def _referral_total(column: str) -> Cell:
    return ("referrals_by_domain", TOTAL, column)


TABLES: dict[str, TableRelations] = {
    "children_by_sex": _children(),
    "children_by_age": _children(),
    "children_by_school_level": _children(),
    "children_by_school_priority": _children(),
    "children_by_qpv": _children(),
    "needs_by_domain": TableRelations(),
    "needs_by_need": TableRelations(
        totals_equal={"count": ("needs_by_domain", TOTAL, "count")},
        grouped_into="needs_by_domain",
    ),
    "needs_by_origin": TableRelations(totals_equal={"count": ("needs_by_domain", TOTAL, "count")}),
    "referrals_by_domain": TableRelations(),
    "referrals_by_partner_kind": TableRelations(
        totals_equal={
            column: _referral_total(column)
            for column in (
                "proposed",
                "family_agreed",
                "sent",
                "relay_accepted",
                "declined_by_partner",
                "expired",
            )
        }
    ),
    "declines_by_reason": TableRelations(
        totals_equal={"count": _referral_total("declined_by_partner")}
    ),
    "exits_by_reason": TableRelations(totals_equal={"count": figure_cell("children_closed")}),
    "unmet_by_commune": TableRelations(totals_equal={"count": ("unmet_by_need", TOTAL, "count")}),
    "unmet_by_need": TableRelations(at_most="needs_by_need"),
}

FIGURES: dict[str, FigureRelations] = {
    "children_recorded": FigureRelations(count=True),
    "children_open_at_end": FigureRelations(count=True),
    "children_opened": FigureRelations(count=True),
    "children_closed": FigureRelations(count=True),
    "individualisation_rate": FigureRelations(rests_on=(figure_cell("children_recorded"),)),
    "acceptance_rate": FigureRelations(
        rests_on=tuple(
            _referral_total(c) for c in ("relay_accepted", "declined_by_partner", "expired")
        )
    ),
    "median_days_to_relay": FigureRelations(rests_on=(_referral_total("relay_accepted"),)),
    "exits_all_relayed": FigureRelations(rests_on=(figure_cell("children_closed"),)),
    "post_exit_confirmed": FigureRelations(count=True),
    "post_exit_confirmed_rate": FigureRelations(rests_on=(figure_cell("post_exit_confirmed"),)),
    "median_pathway_days": FigureRelations(rests_on=(figure_cell("children_closed"),)),
}

HEADLINE = (
    Identity(
        "recorded = open_at_end + closed",
        (
            (figure_cell("children_recorded"), 1),
            (figure_cell("children_open_at_end"), -1),
            (figure_cell("children_closed"), -1),
        ),
    ),
    Identity(
        "recorded = opened + carried_over",
        (
            (figure_cell("children_recorded"), 1),
            (figure_cell("children_opened"), -1),
            (CARRIED_OVER, -1),
        ),
    ),
)


class UndeclaredIndicator(LookupError):
    """A table or figure of the report has no declared relations."""


def _margins(table: Table) -> Iterator[Identity]:
    for column, _ in table.columns:
        terms = [((table.key, row.key, column), 1) for row in table.rows]
        yield Identity(f"{table.key}: total {column}", (((table.key, TOTAL, column), -1), *terms))


def _balance(table: Table) -> Iterator[Identity]:
    """Per row: open_at_end + closed = opened + carried_over (of that row), which adds up."""
    carried = [(LATENT, f"{table.key}.{row.key}", VALUE) for row in table.rows]
    for row, latent in zip(table.rows, carried, strict=True):
        yield Identity(
            f"{table.key} {row.key}: open_at_end + closed = opened + carried_over",
            (
                ((table.key, row.key, "open_at_end"), 1),
                ((table.key, row.key, "closed"), 1),
                ((table.key, row.key, "opened"), -1),
                (latent, -1),
            ),
        )
    terms = tuple((latent, 1) for latent in carried)
    yield Identity(f"{table.key}: carried_over adds up", ((CARRIED_OVER, -1), *terms))


def _grouped(table: Table, parent: Table) -> Iterator[Identity]:
    for target in parent.rows:
        terms = [((table.key, r.key, "count"), 1) for r in table.rows if r.group == target.key]
        yield Identity(
            f"{table.key} of {target.key} = {parent.key}",
            (((parent.key, target.key, "count"), -1), *terms),
        )


def _bounded(table: Table, other: Table) -> Iterator[Identity]:
    known = {row.key for row in other.rows}
    for row in table.rows:
        if row.key in known:
            yield Identity(
                f"{table.key} {row.key} <= {other.key}",
                (((table.key, row.key, "count"), 1), ((other.key, row.key, "count"), -1)),
                at_most=True,
            )


def _table_identities(table: Table, report: Report) -> Iterator[Identity]:
    declared = TABLES.get(table.key)
    if declared is None:
        raise UndeclaredIndicator(f"Le tableau « {table.key} » n'a pas de relations déclarées.")
    if table.total is not None:
        yield from _margins(table)
    for column, cell in declared.totals_equal.items():
        yield Identity(
            f"{table.key}: total {column} = {cell}", (((table.key, TOTAL, column), 1), (cell, -1))
        )
    if declared.row_balance:
        yield from _balance(table)
    if declared.grouped_into:
        yield from _grouped(table, report.table(declared.grouped_into))
    if declared.at_most:
        yield from _bounded(table, report.table(declared.at_most))


def identities(report: Report) -> list[Identity]:
    """Return every identity between the report's cells; refuse an undeclared indicator."""
    for figure in report.figures:
        if figure.key not in FIGURES:
            raise UndeclaredIndicator(
                f"Le chiffre « {figure.key} » n'a pas de relations déclarées."
            )
    found = [*HEADLINE]
    for table in report.tables:
        found.extend(_table_identities(table, report))
    return found
