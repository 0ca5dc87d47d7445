"""Each indicator on the hand-built programme of `indicators_data` (known answers)."""

from __future__ import annotations

import datetime as dt

import pytest

from referral.indicators.report import build_report
from tests.common import factories as f
from tests.common import indicators_data as data


@pytest.fixture
def report(db_session):
    built = data.build(db_session)
    return build_report(db_session, built.programme, data.START, data.END, today=data.END)


def values(report, table_key, column):
    table = report.table(table_key)
    return {row.key: row.values.get(column, 0) for row in table.rows if row.values.get(column, 0)}


def test_children_open_at_the_end_opened_and_closed(report):
    assert report.figure("children_open_at_end").value == 2
    assert report.figure("children_opened").value == 3
    assert report.figure("children_closed").value == 2


def test_children_by_sex(report):
    assert values(report, "children_by_sex", "open_at_end") == {"F": 2}
    assert values(report, "children_by_sex", "opened") == {"F": 2, "M": 1}
    assert values(report, "children_by_sex", "closed") == {"F": 1, "M": 1}


def test_children_by_age_band_on_the_last_day(report):
    assert values(report, "children_by_age", "open_at_end") == {"2-5": 1, "11-16": 1}
    assert values(report, "children_by_age", "opened") == {"6-10": 1, "11-16": 2}


def test_children_by_school_level_priority_and_qpv(report):
    assert values(report, "children_by_school_level", "opened") == {"elementaire": 1, "college": 2}
    assert values(report, "children_by_school_priority", "open_at_end") == {
        "rep_plus": 1,
        "none": 1,
    }
    assert values(report, "children_by_qpv", "open_at_end") == {"qpv": 2}
    assert values(report, "children_by_qpv", "closed") == {"hors_qpv": 2}


def test_table_totals_sum_the_rows(report):
    assert report.table("children_by_sex").total.values == {
        "open_at_end": 2,
        "opened": 3,
        "closed": 2,
    }


def test_needs_by_domain_need_and_origin(report):
    assert values(report, "needs_by_domain", "count") == {
        "scolarite": 2,
        "sante": 1,
        "sante-mentale": 1,
    }
    assert values(report, "needs_by_need", "count")["scolarite--soutien-scolaire"] == 1
    assert values(report, "needs_by_origin", "count") == {"school": 2, "referent": 1, "family": 1}


def test_referrals_by_domain_per_stage(report):
    table = report.table("referrals_by_domain")
    sante = next(row for row in table.rows if row.key == "sante")
    assert sante.values == {
        "proposed": 2,
        "family_agreed": 2,
        "sent": 2,
        "relay_accepted": 1,
        "declined_by_partner": 1,
    }


def test_referrals_by_partner_kind(report):
    assert values(report, "referrals_by_partner_kind", "relay_accepted") == {
        "association": 1,
        "cmp": 1,
    }
    assert values(report, "referrals_by_partner_kind", "expired") == {"cmp": 1}


def test_declines_by_reason(report):
    assert values(report, "declines_by_reason", "count") == {"full": 1}


def test_acceptance_rate_and_median_delay(report):
    assert report.figure("acceptance_rate").value == 50.0
    assert report.figure("median_days_to_relay").value == 24.5


def test_exits_by_reason(report):
    assert values(report, "exits_by_reason", "count") == {"mainstream_relay": 1, "goals_met": 1}


def test_share_of_exits_with_every_open_need_relayed(report):
    assert report.figure("exits_all_relayed").value == 50.0


def test_post_exit_relays_confirmed(report):
    assert report.figure("post_exit_confirmed").value == 1
    assert report.figure("post_exit_confirmed_rate").value == 50.0


def test_taux_d_individualisation(report):
    assert report.figure("individualisation_rate").value == 75.0


def test_median_pathway_length(report):
    assert report.figure("median_pathway_days").value == 182.0


def test_unmet_needs_by_commune_and_need(report):
    assert values(report, "unmet_by_need", "count") == {
        "sante--suivi-medical": 1,
        "sante-mentale--souffrance-psychique": 1,
        "scolarite--absenteisme-decrochage": 1,
    }
    assert values(report, "unmet_by_commune", "count") == {"86194": 2, data.CHATELLERAULT: 1}


def test_unmet_commune_rows_carry_the_commune_point(report):
    row = next(r for r in report.table("unmet_by_commune").rows if r.key == data.CHATELLERAULT)
    assert row.label == "Châtellerault"
    assert row.point is not None


def test_classes_fold_into_school_levels_and_rep_plus_spellings_agree(db_session):
    programme = f.ProgrammeFactory()
    for level, priority in (("CM1", "rep+"), ("6e", "rep_plus")):
        child = f.ChildFactory(
            family=f.FamilyFactory(programme=programme),
            school_level=level,
            school_priority=priority,
        )
        f.PathwayFactory(child=child, programme=programme, identified_on=dt.date(2025, 2, 1))
    report = build_report(db_session, programme, data.START, data.END, today=data.END)
    assert values(report, "children_by_school_level", "opened") == {"elementaire": 1, "college": 1}
    assert values(report, "children_by_school_priority", "opened") == {"rep_plus": 2}
