"""The disclosure audit catches what a reader infers across linked tables; suppression fixes it."""

from __future__ import annotations

import copy

import pytest

from referral.indicators.disclosure import Disclosure, audit
from referral.indicators.identities import FIGURES, UndeclaredIndicator, identities
from referral.indicators.report import DisclosureRefused, funder_version
from referral.indicators.solver import InconsistentReport
from referral.indicators.suppression import for_funders
from referral.indicators.tables import Row, Table
from tests.referral.indicators.reports import (
    closed_leak,
    only_small_cells_hidden,
    report_of,
    zeros_leak,
)

CLOSED = ("figure", "children_closed", "value")
PROPOSED = [
    ("referrals_by_partner_kind", kind, "proposed")
    for kind in ("association", "caf", "club", "cmp", "pmi")
]


def intervals(report, every=False):
    return {i.cell: (i.low, i.high) for i in audit(report, every_hidden_cell=every).intervals}


def test_the_audit_finds_closed_as_recorded_minus_open_at_end():
    found = intervals(only_small_cells_hidden(closed_leak()))
    assert found[CLOSED] == (2, 2)
    assert found[("children_by_sex", "F", "closed")] == (1, 1)
    assert not audit(only_small_cells_hidden(closed_leak())).passed


def test_the_audit_finds_zeros_beside_a_shown_total_pinning_hidden_cells_to_one():
    found = intervals(only_small_cells_hidden(zeros_leak()))
    assert [found[cell] for cell in PROPOSED] == [(1, 1)] * 5


def test_suppression_leaves_closed_anything_from_one_to_four():
    funder = for_funders(closed_leak())
    assert audit(funder).passed
    assert intervals(funder)[CLOSED] == (1, 4)


def test_suppression_frees_the_cells_the_zeros_pinned():
    funder = for_funders(zeros_leak())
    found = intervals(funder)
    assert audit(funder).passed
    assert all(found[cell][0] <= 1 and found[cell][1] >= 4 for cell in PROPOSED)


@pytest.mark.parametrize("build", [closed_leak, zeros_leak])
def test_each_secondary_suppression_is_necessary(build):
    funder = for_funders(build())
    secrets = [(t, cell) for t in funder.tables for cell in t.secret]
    secrets += [
        (f, None) for f in funder.figures if f.secret and not f.small and FIGURES[f.key].count
    ]
    assert secrets
    for owner, cell in secrets:
        shown_again = copy.deepcopy(funder)
        _show(shown_again, owner, cell)
        assert not audit(shown_again).passed, (owner.key, cell)


def _show(report, owner, cell):
    """Show a « secret » cell again (or give a small one back its « < 5 »)."""
    if cell is None:
        figure = report.figure(owner.key)
        figure.small = figure.secret = 1 <= figure.value <= 4
        return
    table = report.table(owner.key)
    table.secret.discard(cell)
    row = next(r for r in table.all_rows() if r.key == cell[0])
    if not 1 <= row.values.get(cell[1], 0) <= 4:
        table.hidden.discard(cell)


def test_secondary_suppressions_say_secret_and_small_cells_say_less_than_five():
    funder = for_funders(closed_leak())
    for table in funder.tables:
        for row in table.all_rows():
            for column, _ in table.columns:
                value, label = row.values.get(column, 0), table.label(row, column)
                assert label != "< 5" or 1 <= value <= 4
                assert 1 <= value <= 4 or label in (None, "secret")


def test_every_shown_figure_is_the_coordinators():
    coordinator = closed_leak()
    funder = for_funders(coordinator)
    for mine, theirs in zip(funder.tables, coordinator.tables, strict=True):
        for row, same in zip(mine.all_rows(), theirs.all_rows(), strict=True):
            for column, _ in mine.columns:
                assert mine.exported(row, column) in ("< 5", "secret", same.values.get(column, 0))


def test_a_rate_resting_on_a_hidden_count_is_withheld():
    funder = for_funders(closed_leak())
    assert funder.figure("exits_all_relayed").shown() == "secret"
    assert funder.figure("median_pathway_days").shown() == "secret"


def test_the_audit_refuses_a_rate_shown_beside_its_hidden_count():
    funder = for_funders(closed_leak())
    funder.figure("exits_all_relayed").secret = False
    assert not audit(funder).passed


def test_the_audit_refuses_a_small_count_shown():
    funder = for_funders(closed_leak())
    funder.figure("children_closed").secret = False
    assert not audit(funder).passed


@pytest.mark.parametrize("build", [closed_leak, zeros_leak])
def test_the_declared_identities_hold_on_the_coordinators_figures(build):
    Disclosure.of(build()).check_published({})  # raises on the first false identity


def test_a_false_identity_is_caught():
    coordinator = closed_leak()
    coordinator.figure("children_recorded").value = 31
    with pytest.raises(InconsistentReport):
        Disclosure.of(coordinator).check_published({})


def test_a_table_without_declared_relations_cannot_be_audited():
    report = report_of([])
    report.tables.append(
        Table("new_table", "Nouveau", "x", [("count", "n")], [], Row("total", "Total", {}))
    )
    with pytest.raises(UndeclaredIndicator):
        identities(report)


def test_the_audit_refuses_a_rate_resting_on_fewer_than_five_cases():
    funder = for_funders(closed_leak())
    rate = funder.figure("individualisation_rate")
    rate.base, rate.secret = 3, False
    assert not audit(funder).passed


def test_a_funder_report_with_an_undeclared_table_is_refused():
    report = closed_leak()
    report.tables.append(
        Table("new_table", "Nouveau", "x", [("count", "n")], [], Row("total", "Total", {}))
    )
    with pytest.raises(DisclosureRefused, match="contrôle de confidentialité a échoué"):
        funder_version(report)
