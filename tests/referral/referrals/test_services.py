"""Referral services: creation, consent gate, payload, conflicts, on-behalf answers, notices."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from referral.referrals.machine import ActorKind
from referral.referrals.models import Notification, Referral
from referral.referrals.services import (
    ConflictError,
    TrackingError,
    create_referral,
    reorient,
    team_actor,
    transition,
)
from tests.common.factories import ServiceFactory
from tests.common.referrals_world import make_world


def _send(db_session, world, referral):
    return transition(
        db_session,
        referral,
        from_state="family_agreed",
        to_state="sent",
        actor=world.actor(ActorKind.REFERENT),
    )


def test_create_referral_starts_as_a_draft_with_an_event(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = create_referral(
            db_session, need=world.need, service=world.service, actor=team_actor(world.referent)
        )
    assert referral.state == "draft"
    assert [(e.from_state, e.to_state) for e in referral.events] == [(None, "draft")]


def test_partner_cannot_create_a_referral(app, db_session):
    with app.test_request_context():
        world = make_world()
        with pytest.raises(TrackingError):
            create_referral(
                db_session,
                need=world.need,
                service=world.service,
                actor=world.actor(ActorKind.PARTNER),
            )


def test_sending_builds_the_payload_with_exactly_the_listed_keys(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("family_agreed", family_message="Lina aime le dessin.")
        _send(db_session, world, referral)
    assert set(referral.payload) == {
        "child_first_name", "child_age", "school_level", "need", "parent_contact",
        "referent_contact", "family_message",
    }  # fmt: skip
    assert referral.payload["child_first_name"] == "Lina"
    [guardian] = referral.payload["parent_contact"]
    assert set(guardian) == {"name", "relationship", "phone", "email", "language"}
    assert "Zorglub" not in str(
        {k: v for k, v in referral.payload.items() if k != "parent_contact"}
    )
    assert referral.consent_id == world.consent.id and referral.sent_at is not None


def test_the_partner_gets_only_the_guardians_marked_for_contact(app, db_session):
    with app.test_request_context():
        world = make_world()
        world.pathway.child.family.guardians = [
            {"name": "Samia Zorglub", "phone": "06 00 00 00 01", "may_contact": True},
            {"name": "Karim Zorglub", "phone": "06 00 00 00 02", "may_contact": False},
        ]
        referral = world.referral("family_agreed")
        _send(db_session, world, referral)
    assert [g["name"] for g in referral.payload["parent_contact"]] == ["Samia Zorglub"]
    assert "06 00 00 00 02" not in str(referral.payload)


def test_sending_without_consent_is_refused(app, db_session):
    with app.test_request_context():
        world = make_world()
        world.consent.organisations = []
        referral = world.referral("family_agreed")
        with pytest.raises(TrackingError, match="accord"):
            _send(db_session, world, referral)
    assert referral.state == "family_agreed"


def test_sending_under_a_withdrawn_consent_is_refused(app, db_session):
    with app.test_request_context():
        world = make_world()
        world.consent.withdrawn_on = dt.date.today()
        referral = world.referral("family_agreed")
        with pytest.raises(TrackingError):
            _send(db_session, world, referral)


def test_sending_information_the_family_did_not_agree_to_is_refused(app, db_session):
    with app.test_request_context():
        world = make_world()
        world.consent.information = ["child_first_name", "child_age", "need", "parent_contact"]
        referral = world.referral("family_agreed", family_message="Un message.")
        with pytest.raises(TrackingError):
            _send(db_session, world, referral)


def test_a_consent_naming_the_service_itself_is_enough(app, db_session):
    with app.test_request_context():
        world = make_world()
        world.consent.organisations = []
        world.consent.services = [world.service]
        referral = world.referral("family_agreed")
        _send(db_session, world, referral)
    assert referral.state == "sent"


def test_stale_from_state_is_a_conflict(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("acknowledged")
        with pytest.raises(ConflictError) as conflict:
            transition(
                db_session,
                referral,
                from_state="sent",
                to_state="relay_accepted",
                actor=world.actor(ActorKind.PARTNER),
            )
    assert conflict.value.current == "acknowledged"


def test_a_referral_changed_behind_our_back_is_a_conflict(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        db_session.flush()  # this request read version 1; another writer now moves it
        db_session.execute(
            update(Referral)
            .where(Referral.id == referral.id)
            .values(state="declined_by_partner", version=Referral.version + 1)
            .execution_options(synchronize_session=False)
        )
        with pytest.raises(ConflictError) as conflict:
            transition(
                db_session,
                referral,
                from_state="sent",
                to_state="relay_accepted",
                actor=world.actor(ActorKind.PARTNER),
            )
    assert conflict.value.current == "declined_by_partner"


def test_decline_needs_a_coded_reason(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        with pytest.raises(TrackingError) as refused:
            transition(
                db_session,
                referral,
                from_state="sent",
                to_state="declined_by_partner",
                actor=world.actor(ActorKind.PARTNER),
                reason="pas envie",
            )
    assert "reason" in refused.value.errors


def test_waitlist_carries_its_expected_date(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        event = transition(
            db_session,
            referral,
            from_state="sent",
            to_state="waitlisted",
            actor=world.actor(ActorKind.PARTNER),
            dates={"expected_on": "2030-02-01"},
        )
    assert referral.expected_on == dt.date(2030, 2, 1)
    assert event.dates == {"expected_on": "2030-02-01"}


def test_referent_records_a_partner_answer_on_its_behalf(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        event = transition(
            db_session,
            referral,
            from_state="sent",
            to_state="acknowledged",
            actor=world.actor(ActorKind.ON_BEHALF),
        )
    assert event.on_behalf_of_partner is True


def test_partner_answer_notifies_the_referent_in_app(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        transition(
            db_session,
            referral,
            from_state="sent",
            to_state="relay_accepted",
            actor=world.actor(ActorKind.PARTNER),
        )
    notices = db_session.scalars(
        select(Notification).where(Notification.user_id == world.referent.id)
    ).all()
    assert [n.kind for n in notices] == ["referral_relay_accepted"]


def test_reorienting_creates_a_new_referral_linked_to_the_old_one(app, db_session):
    with app.test_request_context():
        world = make_world()
        old = world.referral("declined_by_partner")
        new = reorient(db_session, old, ServiceFactory(), team_actor(world.referent))
    assert (new.previous_id, new.state, old.state) == (old.id, "draft", "declined_by_partner")


def test_an_open_referral_cannot_be_reoriented(app, db_session):
    with app.test_request_context():
        world = make_world()
        with pytest.raises(TrackingError):
            reorient(
                db_session, world.referral("sent"), ServiceFactory(), team_actor(world.referent)
            )


def test_referent_noting_no_follow_up_acts_in_its_own_name(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("waitlisted")
        event = transition(
            db_session, referral, from_state="waitlisted", to_state="no_follow_up",
            actor=team_actor(world.referent),
        )  # fmt: skip
    assert event.on_behalf_of_partner is False
