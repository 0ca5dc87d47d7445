"""Services that do not run in the next eight weeks are near misses; how a service fits the need."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from referral.matching import match_pathway
from referral.matching.seasons import period_text, runs_soon, seasons_of
from tests.common.matching_helpers import (
    DAY,
    SOUTIEN,
    child_pathway,
    for_need,
    proposed,
    run,
    service,
)

SUMMER = "Jul 07-Aug 22 Mo-Fr 08:30-18:00"


def test_a_summer_activity_in_december_is_a_near_miss_with_its_period(db_session: Session) -> None:
    pathway = child_pathway()
    summer = service(db_session, opening_hours=SUMMER)
    result = run(db_session, pathway)
    assert proposed(result) == []
    [miss] = for_need(result, SOUTIEN).near_misses
    assert miss.service_id == summer.id
    assert [b["text"] for b in miss.blocking] == ["hors période : du 7 juillet au 22 août"]
    assert result.plan == []


def test_a_summer_activity_is_proposed_when_it_starts_within_eight_weeks(
    db_session: Session,
) -> None:
    pathway = child_pathway()
    summer = service(db_session, opening_hours=SUMMER)
    db_session.flush()
    result = match_pathway(db_session, pathway, dt.date(2027, 6, 1))
    assert [p.service_id for p in for_need(result, SOUTIEN).proposals] == [summer.id]


def test_school_holiday_rules_never_block(db_session: Session) -> None:
    pathway = child_pathway()
    holidays = service(db_session, opening_hours="SH Mo-Fr 08:00-18:00")
    assert proposed(run(db_session, pathway)) == [holidays.id]


def test_hours_without_months_run_all_year(db_session: Session) -> None:
    pathway = child_pathway()
    weekly = service(db_session, opening_hours="Mo-Fr 16:30-18:00")
    assert proposed(run(db_session, pathway)) == [weekly.id]


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        ("Jul-Aug Mo-Fr 09:00-17:00", "du 1er juillet au 31 août"),
        (SUMMER, "du 7 juillet au 22 août"),
        ("Apr 10-Apr 25 Mo-Fr 10:00-12:00; Jul Mo-Fr 10:00-12:00", "du 10 avril au 25 avril"),
    ],
)
def test_the_next_period_is_written_in_french(hours: str, text: str) -> None:
    seasons = seasons_of(hours)
    assert seasons is not None and not runs_soon(seasons, DAY)
    assert period_text(seasons, DAY) == text


def test_a_season_across_new_year_runs_in_december() -> None:
    assert runs_soon(seasons_of("Oct-Mar Sa 14:00-17:00"), DAY)


def test_an_exact_fit_says_so_and_ranks_above_a_domain_fit(db_session: Session) -> None:
    pathway = child_pathway()
    pathway.programme.match_by_domain = True
    domain = service(db_session, "scolarite--lien-famille-ecole", km_north=0.5)
    exact = service(db_session, SOUTIEN, km_north=0.5)
    result = run(db_session, pathway)
    assert proposed(result) == [exact.id, domain.id]
    reasons = {p.service_id: p.reasons[0]["text"] for p in for_need(result, SOUTIEN).proposals}
    assert reasons == {
        exact.id: "correspond exactement au besoin",
        domain.id: "couvre le domaine du besoin",
    }
