"""Who may see and change a pathway (DESIGN §7)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from referral.meetings.models import CharterAcceptance, Meeting
from referral.pathways.models import Delegation
from referral.permissions import (
    can_edit_pathway,
    can_view_pathway,
    pathway_refusal_status,
    visible_pathways_query,
)
from tests.common.factories import PathwayFactory, UserFactory

TODAY = dt.date(2026, 11, 30)


def _eps_setup(db_session: Session, *, accept: bool) -> tuple[object, object]:
    pathway = PathwayFactory()
    member = UserFactory(roles=["eps_member"], programme=pathway.programme)
    db_session.add(
        Meeting(programme=pathway.programme, held_on=TODAY, members=[member], agenda=[pathway])
    )
    if accept:
        db_session.add(CharterAcceptance(user_id=member.id, programme_id=pathway.programme_id))
    db_session.flush()
    return member, pathway


def test_referent_sees_own_caseload(db_session: Session) -> None:
    referent = UserFactory()
    pathway = PathwayFactory(referent=referent)
    assert can_view_pathway(referent, pathway, TODAY)


def test_referent_does_not_see_a_colleague_pathway(db_session: Session) -> None:
    pathway = PathwayFactory(referent=UserFactory())
    assert not can_view_pathway(UserFactory(), pathway, TODAY)


def test_delegation_lends_the_caseload_for_its_period_only(db_session: Session) -> None:
    owner, delegate = UserFactory(), UserFactory()
    pathway = PathwayFactory(referent=owner)
    db_session.add(
        Delegation(from_user_id=owner.id, to_user_id=delegate.id, starts_on=TODAY, ends_on=TODAY)
    )
    db_session.flush()
    assert can_view_pathway(delegate, pathway, TODAY)
    assert not can_view_pathway(delegate, pathway, TODAY + dt.timedelta(days=1))


def test_coordinator_sees_the_programme_pathways(db_session: Session) -> None:
    pathway = PathwayFactory()
    coordinator = UserFactory(
        roles=["coordinator"],
        organisation=pathway.programme.organisation,
        programme=pathway.programme,
    )
    assert can_edit_pathway(coordinator, pathway, TODAY)


def test_coordinator_of_another_programme_sees_nothing(db_session: Session) -> None:
    pathway = PathwayFactory()
    assert not can_view_pathway(UserFactory(roles=["coordinator"]), pathway, TODAY)


def test_eps_member_sees_agenda_on_meeting_day_after_charter(db_session: Session) -> None:
    member, pathway = _eps_setup(db_session, accept=True)
    assert can_view_pathway(member, pathway, TODAY)
    assert not can_edit_pathway(member, pathway, TODAY)


def test_eps_member_without_charter_sees_nothing(db_session: Session) -> None:
    member, pathway = _eps_setup(db_session, accept=False)
    assert not can_view_pathway(member, pathway, TODAY)


def test_eps_member_outside_the_meeting_day_is_refused_with_403(db_session: Session) -> None:
    member, pathway = _eps_setup(db_session, accept=True)
    assert not can_view_pathway(member, pathway, TODAY + dt.timedelta(days=1))
    assert pathway_refusal_status(member, pathway) == 403


def test_unknown_pathway_is_refused_with_404(db_session: Session) -> None:
    assert pathway_refusal_status(UserFactory(), PathwayFactory()) == 404


def test_visible_pathways_query_lists_the_caseload(db_session: Session) -> None:
    referent = UserFactory()
    mine = PathwayFactory(referent=referent)
    PathwayFactory(referent=UserFactory())
    assert db_session.scalars(visible_pathways_query(referent, TODAY)).all() == [mine]


def test_admin_sees_no_case_content(db_session: Session) -> None:
    pathway = PathwayFactory()
    admin = UserFactory(
        roles=["admin"], organisation=pathway.programme.organisation, programme=pathway.programme
    )
    assert db_session.scalars(visible_pathways_query(admin, TODAY)).all() == []
    assert not can_view_pathway(admin, pathway, TODAY)
