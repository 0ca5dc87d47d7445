"""Random programmes: every funder report passes its audit and shows only the coordinator's figures.

Small counts, many zeros and pathways carried over from before the period are what makes linked
tables leak; the generator favours them.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from referral.indicators.disclosure import audit
from referral.indicators.facts import NeedFact, PathwayFact, ReferralFact
from referral.indicators.suppression import for_funders
from tests.referral.indicators.reports import YEAR, report_of

NEEDS = {"scolarite--soutien-scolaire": "scolarite", "sante--suivi-medical": "sante"}
STATES = ["proposed", "family_agreed", "sent", "relay_accepted", "declined_by_partner", "expired"]
BEFORE, IN, AFTER = dt.date(2024, 6, 1), dt.date(2025, 3, 1), dt.date(2026, 2, 1)


def day(within: dt.date) -> st.SearchStrategy[dt.date]:
    return st.integers(0, 200).map(lambda n: within + dt.timedelta(days=n))


@st.composite
def referrals(draw) -> ReferralFact:
    states = draw(st.lists(st.sampled_from(STATES), min_size=1, max_size=3, unique=True))
    code = draw(st.sampled_from(sorted(NEEDS)))
    return ReferralFact(
        need_code=code,
        domain=NEEDS[code],
        partner_kind=draw(st.sampled_from(["caf", "cmp", "club"])),
        state=states[-1],
        reached={state: draw(day(IN)) for state in states},
        decline_reason=draw(st.sampled_from(["full", "age"])),
    )


@st.composite
def needs(draw) -> NeedFact:
    code = draw(st.sampled_from(sorted(NEEDS)))
    return NeedFact(
        code=code,
        domain=NEEDS[code],
        origin=draw(st.sampled_from(["school", "family"])),
        identified_on=draw(day(IN)),
        commune=draw(st.sampled_from(["86194", "86066"])),
        unmet=draw(st.booleans()),
    )


@st.composite
def pathways(draw) -> PathwayFact:
    identified = draw(day(draw(st.sampled_from([BEFORE, IN]))))  # carried over, or opened
    exited = draw(st.sampled_from([None, "in", "after"]))
    exit_day = None if exited is None else draw(day(IN if exited == "in" else AFTER))
    exit_day = exit_day if exit_day is None or exit_day >= identified else identified
    return PathwayFact(
        identified_on=identified,
        agreed_on=draw(st.sampled_from([None, identified])),
        exited_on=exit_day,
        exit_reason=draw(st.sampled_from(["goals_met", "moved"])) if exit_day else None,
        sex=draw(st.sampled_from(["F", "M"])),
        birth_date=dt.date(draw(st.integers(2010, 2021)), 6, 1),
        school_level=draw(st.sampled_from(["elementaire", "college"])),
        school_priority=draw(st.sampled_from(["rep", "none"])),
        qpv=draw(st.booleans()),
        commune=None,
        every_open_need_relayed=draw(st.booleans()) if exit_day else None,
        post_exit_checked_on=None,
        post_exit_relay_effective=None,
        needs=tuple(draw(st.lists(needs(), max_size=2))),
        referrals=tuple(draw(st.lists(referrals(), max_size=2))),
    )


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking takes minutes here
)
@given(st.lists(pathways(), max_size=24))
def test_every_funder_report_passes_its_audit_and_shows_only_true_figures(facts):
    coordinator = report_of(facts, YEAR)
    funder = for_funders(coordinator)
    assert audit(funder).passed, audit(funder).problems
    for mine, theirs in zip(funder.tables, coordinator.tables, strict=True):
        for row, same in zip(mine.all_rows(), theirs.all_rows(), strict=True):
            for column, _ in mine.columns:
                shown = mine.exported(row, column)
                assert shown in ("< 5", "secret") or shown == same.values.get(column, 0)
                assert shown != "< 5" or 1 <= same.values.get(column, 0) <= 4
    for mine_figure, their_figure in zip(funder.figures, coordinator.figures, strict=True):
        assert mine_figure.secret or mine_figure.value == their_figure.value
