"""The demo territory's pathways: every stage, realistic needs, sensible proposals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from referral.demo import load_demo
from referral.demo.pathways import PROGRAMME_NAME, demo_programme
from referral.matching import match_pathway
from referral.meetings.models import Meeting
from referral.pathways.models import Pathway, PathwayState
from referral.programmes.models import Programme
from tests.common.apps import make_test_app


@pytest.fixture(scope="module")
def demo(
    engine: Engine, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Session]:
    """Load the demo once for the module, in a transaction rolled back at the end."""
    app = make_test_app(database_url, tmp_path_factory.mktemp("demo"))
    with engine.connect() as connection, app.app_context():
        transaction = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        load_demo(session)
        session.flush()
        yield session
        session.close()
        transaction.rollback()


def _pathways(demo: Session) -> list[Pathway]:
    programme = demo.scalar(select(Programme).where(Programme.name == PROGRAMME_NAME))
    return list(
        demo.scalars(
            select(Pathway).where(Pathway.programme_id == programme.id).order_by(Pathway.id)
        )
    )


def test_about_thirty_children_at_every_stage(demo: Session) -> None:
    pathways = _pathways(demo)
    assert 25 <= len(pathways) <= 35
    assert {p.state for p in pathways} == {str(s) for s in PathwayState}


def test_children_are_assigned_to_demo_referents(demo: Session) -> None:
    assert all(p.referent is not None and p.referent.has_role("referent") for p in _pathways(demo))


def test_families_are_spread_over_several_communes(demo: Session) -> None:
    communes = {p.child.family.commune_insee for p in _pathways(demo)}
    assert len(communes) >= 6


def test_needs_are_mostly_of_categories_two_and_three(demo: Session) -> None:
    categories = [p.child.category for p in _pathways(demo)]
    assert sum(c in (2, 3) for c in categories) >= len(categories) * 0.6


def test_an_eps_meeting_is_held_on_the_day_the_demo_is_loaded(demo: Session) -> None:
    meeting = demo.scalar(select(Meeting).where(Meeting.held_on == dt.date.today()))
    assert meeting is not None and meeting.agenda and meeting.members


def test_a_past_meeting_has_its_releve(demo: Session) -> None:
    past = demo.scalar(select(Meeting).where(Meeting.held_on < dt.date.today()))
    assert past is not None and past.decisions
    assert {d.pathway_id for d in past.decisions} == {p.id for p in past.agenda}


def test_second_load_creates_no_pathway(demo: Session) -> None:
    before = demo.scalar(select(func.count(Pathway.id)))
    load_demo(demo)
    assert demo.scalar(select(func.count(Pathway.id))) == before


def test_active_children_get_proposals_with_reasons(demo: Session) -> None:
    today = dt.date.today()
    active = [p for p in _pathways(demo) if p.state == "active" and any(n.is_open for n in p.needs)]
    results = [match_pathway(demo, p, today) for p in active[:5]]
    proposals = [proposal for r in results for each in r.needs for proposal in each.proposals]
    assert len(proposals) >= 10
    assert all(p.reasons[0]["code"] in ("exact_fit", "domain_fit") for p in proposals)
    assert all(
        any(r["code"] in ("distance", "remote") for r in proposal.reasons) for proposal in proposals
    )
    assert all(r.plan for r in results)


def test_proposals_respect_the_family_distance(demo: Session) -> None:
    today = dt.date.today()
    for pathway in _pathways(demo)[:12]:
        limit = pathway.child.family.max_distance_km
        result = match_pathway(demo, pathway, today)
        distances = [
            p.distance_km
            for each in result.needs
            for p in each.proposals
            if p.distance_km is not None
        ]
        assert all(d <= limit for d in distances)


def test_demo_programme_is_found_again(demo: Session) -> None:
    assert demo_programme(demo).territory_epci == "200069854"


__all__ = ["Any", "Connection"]
