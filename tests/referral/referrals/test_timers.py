"""`relais referrals tick` on a frozen clock: reminders, expiry, exit reviews, post-exit checks."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from referral import database
from referral.referrals.models import Notification, Referral
from referral.referrals.timers import TimerSettings, add_months, tick
from tests.common import factories
from tests.common.referrals_world import PARTNER_EMAIL, make_world
from tests.referral.referrals.test_concurrency import real_app  # noqa: F401

NOW = dt.datetime(2030, 3, 15, 6, 0, tzinfo=dt.UTC)
SETTINGS = TimerSettings()


@pytest.fixture
def app_settings(mail_settings):
    return dict(mail_settings)


def _sent_days_ago(app, days: int, **kwargs):
    with app.test_request_context():
        world = make_world()
        return world, world.referral("sent", sent_at=NOW - dt.timedelta(days=days), **kwargs)


def _tick(app, session, at=NOW, settings=SETTINGS):
    with app.test_request_context(), time_machine.travel(at, tick=False):
        return tick(session, at, settings)


def test_no_reminder_before_ten_days(app, db_session, smtp_server):
    _sent_days_ago(app, 9)
    assert _tick(app, db_session).counts["reminders"] == 0
    assert smtp_server.received.to(PARTNER_EMAIL) == []


def test_a_reminder_at_ten_days_then_none_on_a_second_run(app, db_session, smtp_server):
    _, referral = _sent_days_ago(app, 10)
    first, second = _tick(app, db_session), _tick(app, db_session)
    assert (first.counts["reminders"], second.counts["reminders"]) == (1, 0)
    assert referral.reminders_sent == 1
    assert len(smtp_server.received.to(PARTNER_EMAIL)) == 1


def test_a_second_reminder_at_twenty_days(app, db_session):
    _, referral = _sent_days_ago(app, 21, reminders_sent=1)
    assert _tick(app, db_session).counts["reminders"] == 1
    assert referral.reminders_sent == 2


def test_expiry_at_thirty_days_notifies_the_referent(app, db_session):
    world, referral = _sent_days_ago(app, 30)
    assert _tick(app, db_session).counts["expired"] == 1
    assert referral.state == "expired"
    kinds = db_session.scalars(
        select(Notification.kind).where(Notification.user_id == world.referent.id)
    ).all()
    assert "referral_expired" in kinds


def test_delays_are_configurable(app, db_session):
    _, referral = _sent_days_ago(app, 5)
    _tick(app, db_session, settings=TimerSettings(reminder_days=(3,), expiry_days=5))
    assert referral.state == "expired"


def test_an_answered_referral_gets_no_reminder(app, db_session):
    _, referral = _sent_days_ago(app, 15)
    referral.state = "acknowledged"
    assert _tick(app, db_session).counts["reminders"] == 0


def test_pathway_moves_to_exit_review_three_months_before_the_end(app, db_session):
    with app.test_request_context():
        world = make_world()
    world.pathway.contract_end = add_months(NOW.date(), 3)
    report = _tick(app, db_session)
    assert report.counts["exit_reviews"] == 1 and world.pathway.state == "exit_review"
    told = db_session.scalars(
        select(Notification.user_id).where(
            Notification.kind == "exit_review", Notification.pathway_id == world.pathway.id
        )
    ).all()
    assert set(told) == {world.referent.id, world.coordinator.id}


def test_pathway_further_from_its_end_stays_active(app, db_session):
    with app.test_request_context():
        world = make_world()
    world.pathway.contract_end = add_months(NOW.date(), 3) + dt.timedelta(days=1)
    _tick(app, db_session)
    assert world.pathway.state == "active"


def test_a_late_evening_tick_counts_the_day_in_france(app, db_session):
    late = dt.datetime(2030, 1, 14, 23, 30, tzinfo=dt.UTC)  # already 15 January in Paris
    with app.test_request_context():
        world = make_world()
    world.pathway.contract_end = add_months(dt.date(2030, 1, 15), 3)
    _tick(app, db_session, at=late)
    assert world.pathway.state == "exit_review"


def test_post_exit_check_is_asked_once_three_months_after_the_exit(app, db_session):
    with app.test_request_context():
        world = make_world()
    world.pathway.state, world.pathway.exited_on = "exited", add_months(NOW.date(), -3)
    first, second = _tick(app, db_session), _tick(app, db_session)
    assert (first.counts["post_exit"], second.counts["post_exit"]) == (1, 0)


def _run_tick(app, out: list, barrier: threading.Barrier) -> None:
    with app.test_request_context(), Session(database.get_database(app).engine) as session:
        barrier.wait(timeout=20)
        report = tick(session, NOW, SETTINGS)
        session.commit()
        out.append(report.counts)


def test_two_ticks_at_once_remind_and_expire_once(real_app):  # noqa: F811
    with real_app.test_request_context(), Session(database.get_database(real_app).engine) as s:
        factories.bind(s)
        world = make_world()
        world.referral("sent", sent_at=NOW - dt.timedelta(days=12))
        other = make_world()
        other.referral("sent", sent_at=NOW - dt.timedelta(days=31))
        s.commit()
    out: list = []
    barrier = threading.Barrier(2)
    threads = [threading.Thread(target=_run_tick, args=(real_app, out, barrier)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(c["reminders"] for c in out) == [0, 1]
    assert sorted(c["expired"] for c in out) == [0, 1]
    with Session(database.get_database(real_app).engine) as s:
        states = dict(
            s.execute(select(Referral.state, func.count()).group_by(Referral.state)).all()
        )
    assert states == {"sent": 1, "expired": 1}
