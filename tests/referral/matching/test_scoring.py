"""Scoring order on hand-built cases, each reason text, and the combined plan."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from referral.matching.history import ServiceHistory
from referral.matching.reasons import km, waiting_time
from referral.matching.scoring import history_part
from referral.referrals.models import ReferralEvent
from tests.common.factories import ReferralFactory
from tests.common.matching_helpers import (
    DAY,
    LECTURE,
    SOUTIEN,
    SPORT,
    child_pathway,
    for_need,
    proposed,
    run,
    service,
)


def texts(result, service_id: int, code: str = SOUTIEN) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the reason texts of a proposal."""
    proposal = next(p for p in for_need(result, code).proposals if p.service_id == service_id)
    return [r["text"] for r in proposal.reasons]


def test_nearer_ranks_first(db_session: Session) -> None:
    pathway = child_pathway()
    far, near = service(db_session, km_north=6), service(db_session, km_north=1)
    assert proposed(run(db_session, pathway)) == [near.id, far.id]


def test_a_service_covering_two_needs_ranks_above_one_covering_one(db_session: Session) -> None:
    pathway = child_pathway(needs=(SOUTIEN, SPORT))
    single, double = (
        service(db_session, SOUTIEN, km_north=1),
        service(db_session, SOUTIEN, SPORT, km_north=3),
    )
    assert proposed(run(db_session, pathway)) == [double.id, single.id]


def test_free_first_when_the_family_asks(db_session: Session) -> None:
    pathway = child_pathway(free_only=True)
    paid, free = (
        service(db_session, km_north=1, cost="paid"),
        service(db_session, km_north=4, cost="free"),
    )
    assert proposed(run(db_session, pathway)) == [free.id, paid.id]


def test_open_ranks_above_a_long_waiting_list(db_session: Session) -> None:
    pathway = child_pathway()
    waiting = service(db_session, capacity="waitlist", waitlist_weeks=13)
    open_ = service(db_session, capacity="open")
    assert proposed(run(db_session, pathway)) == [open_.id, waiting.id]


def test_a_language_of_the_family_ranks_higher(db_session: Session) -> None:
    pathway = child_pathway(languages=["fr", "ar"])
    plain, speaks = service(db_session), service(db_session, languages=["fr", "ar"])
    result = run(db_session, pathway)
    assert proposed(result) == [speaks.id, plain.id]
    assert "parle arabe" in texts(result, speaks.id)


def test_a_stale_entry_ranks_lower(db_session: Session) -> None:
    pathway = child_pathway()
    stale = service(db_session, last_verified_on=DAY - dt.timedelta(days=400))
    fresh = service(db_session, last_verified_on=DAY)
    result = run(db_session, pathway)
    assert proposed(result) == [fresh.id, stale.id]
    assert "fiche non vérifiée depuis 13 mois" in texts(result, stale.id)


def test_past_acceptances_for_the_programme_rank_higher(db_session: Session) -> None:
    pathway = child_pathway()
    accepting, other = service(db_session), service(db_session)
    sent = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
    for _ in range(3):
        referral = ReferralFactory(
            need=pathway.needs[0], service=accepting, state="relay_accepted", sent_at=sent
        )
        db_session.add(
            ReferralEvent(
                referral=referral, to_state="acknowledged", at=sent + dt.timedelta(days=4)
            )
        )
    result = run(db_session, pathway)
    assert proposed(result) == [accepting.id, other.id]
    assert texts(result, accepting.id)[-2:] == ["3 relais acceptés sur 3", "répond en ~4 jours"]


def test_reason_texts_of_a_plain_proposal(db_session: Session) -> None:
    pathway = child_pathway()
    plain = service(db_session, km_north=1.2, cost="free")
    assert texts(run(db_session, pathway), plain.id) == [
        "correspond exactement au besoin",
        "à 1,2 km",
        "gratuit",
        "accepte les orientations",
    ]


def test_waiting_list_and_cost_texts(db_session: Session) -> None:
    pathway = child_pathway()
    waiting = service(db_session, capacity="waitlist", waitlist_weeks=13, cost="income_based")
    assert texts(run(db_session, pathway), waiting.id)[2:] == [
        "selon le quotient familial",
        "liste d'attente ~3 mois",
    ]


def test_also_covers_names_the_other_need(db_session: Session) -> None:
    pathway = child_pathway(needs=(SPORT, SOUTIEN))
    both = service(db_session, SOUTIEN, SPORT)
    assert "couvre aussi : soutien scolaire et aide aux devoirs" in texts(
        run(db_session, pathway), both.id, SPORT
    )


def test_remote_service_reason(db_session: Session) -> None:
    pathway = child_pathway()
    remote = service(db_session, km_north=None)
    assert texts(run(db_session, pathway), remote.id)[1] == "à distance ou sans lieu d'accueil"


def test_distance_and_waiting_formats() -> None:
    assert (km(0.45), km(12.34), waiting_time(2), waiting_time(None)) == (
        "450 m",
        "12,3 km",
        "liste d'attente ~2 semaines",
        "liste d'attente",
    )


def test_plan_covers_every_need_with_few_services(db_session: Session) -> None:
    pathway = child_pathway(needs=(SOUTIEN, SPORT, LECTURE))
    service(db_session, SOUTIEN, km_north=0.5)
    service(db_session, SPORT, km_north=0.5)
    double = service(db_session, SOUTIEN, SPORT, km_north=2)
    lecture = service(db_session, LECTURE, km_north=2)
    result = run(db_session, pathway)
    assert [item.service_id for item in result.plan] == [double.id, lecture.id]
    assert result.uncovered == []
    assert result.plan[0].explanation.startswith("Couvre 2 besoins à la fois")


def test_plan_lists_the_needs_nothing_covers(db_session: Session) -> None:
    pathway = child_pathway(needs=(SOUTIEN, SPORT))
    only = service(db_session, SOUTIEN)
    result = run(db_session, pathway)
    assert [item.service_id for item in result.plan] == [only.id]
    assert [need.need_code for need in result.uncovered] == [SPORT]


def test_closed_needs_are_not_matched(db_session: Session) -> None:
    pathway = child_pathway(needs=(SOUTIEN, SPORT))
    pathway.needs[1].status = "covered"
    service(db_session, SPORT)
    assert [each.need.need_code for each in run(db_session, pathway).needs] == [SOUTIEN]


def _history_texts(history: ServiceHistory) -> list[str]:
    return [r["text"] for r in history_part(history)[2]]


def test_one_acceptance_and_a_one_day_answer_read_in_the_singular() -> None:
    history = ServiceHistory(accepted=1, refused=1, answer_days=[0.4])
    assert _history_texts(history) == ["1 relais accepté sur 2", "répond en ~1 jour"]


def test_several_acceptances_and_days_read_in_the_plural() -> None:
    history = ServiceHistory(accepted=2, refused=0, answer_days=[3.0])
    assert _history_texts(history) == ["2 relais acceptés sur 2", "répond en ~3 jours"]


def test_a_one_week_waiting_list_reads_in_the_singular() -> None:
    assert waiting_time(1) == "liste d'attente ~1 semaine"
