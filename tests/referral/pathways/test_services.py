"""Pathway services: creation, needs, consents, lifecycle, journal, transfer, danger reports."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.audit.models import AuditEvent
from referral.pathways import services
from referral.pathways.models import NeedStatus, PathwayState
from tests.common.factories import (
    NeedFactory,
    PathwayFactory,
    ProgrammeFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
)

CHILD = {
    "first_name": "Lina",
    "last_name": "Fictive",
    "sex": "F",
    "birth_date": dt.date(2016, 3, 2),
}
FAMILY = {"commune_insee": "86194", "latitude": 46.58, "longitude": 0.34, "languages": ["fr"]}


def test_create_pathway_starts_identified_with_an_event(db_session: Session) -> None:
    pathway = services.create_pathway(
        db_session, ProgrammeFactory(), child=CHILD, family=FAMILY, actor_id=None
    )
    assert pathway.state == PathwayState.IDENTIFIED
    assert [event.to_state for event in pathway.events] == ["identified"]
    assert pathway.child.family.commune_insee == "86194"


def test_audit_events_carry_ids_and_no_name(db_session: Session) -> None:
    pathway = services.create_pathway(
        db_session, ProgrammeFactory(), child=CHILD, family=FAMILY, actor_id=None
    )
    services.record_read(db_session, pathway, actor_id=None)
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.target_id == str(pathway.uid))
    ).all()
    assert [event.action for event in events] == ["create_pathway", "read_pathway"]
    assert all(event.category == "case" and "Lina" not in str(event.details) for event in events)


def test_add_need_rejects_an_unknown_code(db_session: Session) -> None:
    with pytest.raises(services.PathwayError):
        services.add_need(db_session, PathwayFactory(), need_code="inconnu--x", actor_id=None)


def test_stale_from_state_is_a_conflict(db_session: Session) -> None:
    pathway = PathwayFactory(state="identified")
    with pytest.raises(services.StaleTransition):
        services.transition(
            db_session, pathway, from_state="active", to_state="exit_review", actor_id=None
        )


def test_forbidden_move_lists_the_allowed_ones(db_session: Session) -> None:
    pathway = PathwayFactory(state="identified")
    with pytest.raises(services.ForbiddenTransition) as raised:
        services.transition(
            db_session, pathway, from_state="identified", to_state="active", actor_id=None
        )
    assert raised.value.allowed == ["family_informed", "exited"]


def test_family_agreement_sets_its_date(db_session: Session) -> None:
    pathway = PathwayFactory(state="family_informed")
    services.transition(
        db_session,
        pathway,
        from_state="family_informed",
        to_state="family_agreed",
        actor_id=None,
        on=dt.date(2026, 10, 1),
    )
    assert pathway.family_agreed_on == dt.date(2026, 10, 1)


def test_exit_prepared_is_blocked_by_an_open_need(db_session: Session) -> None:
    need = NeedFactory(pathway=PathwayFactory(state="exit_review"))
    with pytest.raises(services.ExitBlocked) as raised:
        services.transition(
            db_session,
            need.pathway,
            from_state="exit_review",
            to_state="exit_prepared",
            actor_id=None,
        )
    assert raised.value.needs == [need]


def test_exit_prepared_accepts_relayed_or_justified_needs(db_session: Session) -> None:
    pathway = PathwayFactory(state="exit_review")
    ReferralFactory(need=NeedFactory(pathway=pathway), state="sent")
    NeedFactory(pathway=pathway, justification="La famille ne souhaite pas poursuivre.")
    NeedFactory(pathway=pathway, status=NeedStatus.COVERED)
    services.transition(
        db_session, pathway, from_state="exit_review", to_state="exit_prepared", actor_id=None
    )
    assert pathway.state == "exit_prepared"


def test_a_declined_referral_does_not_relay_a_need(db_session: Session) -> None:
    pathway = PathwayFactory(state="exit_review")
    ReferralFactory(need=NeedFactory(pathway=pathway), state="declined_by_partner")
    with pytest.raises(services.ExitBlocked):
        services.transition(
            db_session, pathway, from_state="exit_review", to_state="exit_prepared", actor_id=None
        )


def test_consent_scope_covers_only_listed_services_and_items(db_session: Session) -> None:
    pathway = PathwayFactory()
    listed, other = ServiceFactory(), ServiceFactory()
    consent = services.record_consent(
        db_session,
        pathway,
        given_by="Mère",
        given_on=dt.date.today(),
        information=["child_first_name", "need"],
        actor_id=None,
        services=[listed],
    )
    today = dt.date.today()
    assert consent.covers(listed, {"child_first_name", "need"}, today)
    assert not consent.covers(other, {"need"}, today)
    assert not consent.covers(listed, {"parent_contact"}, today)


def test_contact_journal_gives_the_last_contact(db_session: Session) -> None:
    pathway = PathwayFactory()
    services.add_contact(
        db_session, pathway, on=dt.date(2026, 9, 1), kind="call", note="", actor_id=None
    )
    services.add_contact(
        db_session, pathway, on=dt.date(2026, 10, 5), kind="visit", note="", actor_id=None
    )
    db_session.refresh(pathway)
    assert pathway.last_contact_on == dt.date(2026, 10, 5)


def test_transfer_changes_the_referent(db_session: Session) -> None:
    pathway, colleague = PathwayFactory(referent=UserFactory()), UserFactory()
    services.transfer_pathway(db_session, pathway, to_referent_id=colleague.id, actor_id=None)
    assert pathway.referent_id == colleague.id


def test_danger_report_records_only_the_transmission(db_session: Session) -> None:
    report = services.record_danger_report(
        db_session,
        PathwayFactory(),
        transmitted_on=dt.date.today(),
        recipient="crip",
        actor_id=None,
    )
    assert report.recipient == "crip" and report.transmitted_on == dt.date.today()


def test_exit_review_is_due_three_months_before_the_end(db_session: Session) -> None:
    pathway = PathwayFactory(contract_end=dt.date(2027, 5, 31))
    assert services.exit_review_due_on(pathway) == dt.date(2027, 2, 28)
