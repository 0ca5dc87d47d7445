"""Small-cell suppression on hand-built tables: primary, secondary, totals, figures."""

from __future__ import annotations

from referral.indicators.suppression import suppress_small_cells, withhold_small_bases
from referral.indicators.tables import Figure, Row, Table


def table(rows: dict[str, dict[str, int]], columns=("a", "b"), total_column=False) -> Table:
    cols = [(c, c) for c in columns] + ([("total", "total")] if total_column else [])
    built = [
        Row(k, k, {**v, **({"total": sum(v.values())} if total_column else {})})
        for k, v in rows.items()
    ]
    total = Row("total", "Total", {c: sum(r.values.get(c, 0) for r in built) for c, _ in cols})
    return Table("t", "T", "x", cols, built, total)


def recomputable(t: Table) -> list[tuple[str, str]]:
    """Return the hidden cells that a line with a shown total gives away by subtraction."""
    found = []
    lines = [[(r.key, c) for r in t.all_rows()] for c, _ in t.columns]
    if t.has_total_column:
        lines += [[(r.key, c) for c, _ in t.columns] for r in t.all_rows()]
    for line in lines:
        hidden = [cell for cell in line if cell in t.hidden]
        if len(hidden) == 1:
            found.append(hidden[0])
    return found


def test_cells_under_five_are_shown_as_less_than_five():
    result = suppress_small_cells(
        table({"x": {"a": 3, "b": 10}, "y": {"a": 8, "b": 9}, "z": {"a": 7, "b": 6}})
    )
    assert result.shown(result.rows[0], "a") == "< 5"


def test_cells_of_five_or_more_and_zeros_stay_visible():
    result = suppress_small_cells(table({"x": {"a": 5, "b": 0}, "y": {"a": 9, "b": 12}}))
    assert result.hidden == set()


def test_a_lone_hidden_cell_in_a_column_hides_the_next_smallest_of_that_column():
    result = suppress_small_cells(
        table({"x": {"a": 3, "b": 10}, "y": {"a": 8, "b": 9}, "z": {"a": 7, "b": 6}})
    )
    assert ("z", "a") in result.hidden and ("y", "a") not in result.hidden


def test_no_hidden_cell_can_be_recomputed_from_the_totals():
    result = suppress_small_cells(
        table(
            {"x": {"a": 3, "b": 10}, "y": {"a": 8, "b": 2}, "z": {"a": 7, "b": 6}},
            total_column=True,
        )
    )
    assert result.hidden and recomputable(result) == []


def test_a_small_total_is_hidden_with_its_only_cell():
    result = suppress_small_cells(table({"x": {"a": 2}, "y": {"a": 0}}, columns=("a",)))
    assert {("x", "a"), ("total", "a")} <= result.hidden
    assert recomputable(result) == []


def test_suppression_leaves_the_original_table_untouched():
    original = table({"x": {"a": 1, "b": 10}, "y": {"a": 8, "b": 9}})
    suppress_small_cells(original)
    assert original.hidden == set()


def test_a_rate_resting_on_fewer_than_five_cases_is_withheld():
    assert (
        withhold_small_bases(Figure("r", "taux", 50.0, base=4, unit="%")).shown() == "secret (< 5)"
    )
    assert withhold_small_bases(Figure("r", "taux", 50.0, base=6, unit="%")).shown() == "50,0 %"
