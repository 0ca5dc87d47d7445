"""Funder reports built from plain pathway facts (no database): the two leaks of issue 16."""

from __future__ import annotations

import copy
import datetime as dt

from referral.indicators.facts import PathwayFact, ReferralFact
from referral.indicators.figures import Labels, Period, compute
from referral.indicators.tables import Report

YEAR = Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def fact(
    *,
    sex: str = "F",
    born: dt.date = dt.date(2016, 6, 1),
    identified: dt.date = dt.date(2025, 2, 1),
    exited: dt.date | None = None,
    referrals: tuple[ReferralFact, ...] = (),
    school_level: str = "elementaire",
    qpv: bool = True,
) -> PathwayFact:
    """Return one pathway's facts with everything not asked for left plain."""
    return PathwayFact(
        identified_on=identified,
        agreed_on=identified,
        exited_on=exited,
        exit_reason="goals_met" if exited else None,
        sex=sex,
        birth_date=born,
        school_level=school_level,
        school_priority="rep",
        qpv=qpv,
        commune=None,
        every_open_need_relayed=True if exited else None,
        post_exit_checked_on=None,
        post_exit_relay_effective=None,
        referrals=referrals,
    )


def report_of(facts: list[PathwayFact], period: Period = YEAR) -> Report:
    """Return the coordinator's report of the facts over the period."""
    figures, tables = compute(facts, period, Labels())
    return Report("PRE", "uid", period.start, period.end, "coordinator", figures, tables)


def closed_leak() -> Report:
    """30 children opened in 2025, 2 closed (a girl of 8, a boy of 13): closed = 30 - 28."""
    girls = [fact(sex="F", born=dt.date(2017, 1, 1)) for _ in range(14)]
    boys = [fact(sex="M", born=dt.date(2012, 1, 1)) for _ in range(14)]
    closed = [
        fact(sex="F", born=dt.date(2017, 1, 1), exited=dt.date(2025, 10, 1)),
        fact(sex="M", born=dt.date(2012, 1, 1), exited=dt.date(2025, 11, 1)),
    ]
    return report_of(girls + boys + closed)


def proposed(kind: str) -> ReferralFact:
    """Return a referral proposed in 2025 to a partner of a kind, in the school domain."""
    return ReferralFact(
        need_code="scolarite--soutien-scolaire",
        domain="scolarite",
        partner_kind=kind,
        state="proposed",
        reached={"proposed": dt.date(2025, 3, 1)},
    )


def zeros_leak() -> Report:
    """Five referrals proposed, one to each of five kinds of partner; nothing else happened."""
    kinds = ["caf", "cmp", "pmi", "club", "association"]
    facts = [fact(referrals=(proposed(kind),)) for kind in kinds]
    facts += [fact() for _ in range(10)]
    return report_of(facts)


def only_small_cells_hidden(report: Report) -> Report:
    """Return the report with only its counts from 1 to 4 hidden: what leaked before issue 16."""
    result = copy.deepcopy(report)
    result.audience = "funder"
    for table in result.tables:
        table.hidden = {
            (row.key, column)
            for row in table.all_rows()
            for column, _ in table.columns
            if 1 <= row.values.get(column, 0) <= 4
        }
    for figure in result.figures:
        small = figure.unit != "%" and isinstance(figure.value, int) and 1 <= figure.value <= 4
        figure.secret = figure.small = small
        figure.secret = figure.secret or 0 < figure.base < 5
    return result
