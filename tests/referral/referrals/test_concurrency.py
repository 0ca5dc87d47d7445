"""Two people answer the same referral at the same moment: exactly one wins (real commits)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral import database
from referral.referrals.machine import ActorKind
from referral.referrals.models import Referral, ReferralEvent
from referral.referrals.services import Actor, ConflictError, transition
from tests.common import databases, factories
from tests.common.apps import make_test_app
from tests.common.referrals_world import make_world


@pytest.fixture
def real_app(tmp_path) -> Iterator[Any]:
    """An app on a database of its own, where commits are real."""
    with databases.isolated_url(tmp_path) as url:
        engine = database.make_engine(url)
        databases.prepare(engine)
        engine.dispose()
        app = make_test_app(url, tmp_path)
        yield app
        database.get_database(app).engine.dispose()


def _sent_referral(app: Any) -> int:
    with app.test_request_context(), Session(database.get_database(app).engine) as session:
        factories.bind(session)
        world = make_world()
        referral = world.referral("sent")
        session.commit()
        return referral.id


def _answer(app: Any, referral_id: int, target: str, barrier: threading.Barrier, out: dict) -> None:
    """Read the referral, wait until the other reader has read it too, then answer."""
    with app.test_request_context(), Session(database.get_database(app).engine) as session:
        referral = session.get(Referral, referral_id)
        assert referral is not None
        if databases.backend() == "postgresql":
            # SQLite begins IMMEDIATE: the second reader waits for the first commit instead.
            barrier.wait(timeout=20)
        try:
            transition(
                session,
                referral,
                from_state="sent",
                to_state=target,
                reason="full",
                actor=Actor(None, frozenset({ActorKind.PARTNER}), "link"),
            )
            session.commit()
            out[target] = "won"
        except ConflictError:
            session.rollback()
            out[target] = "conflict"


def test_accept_and_decline_at_once_one_wins_the_other_gets_a_conflict(real_app):
    referral_id = _sent_referral(real_app)
    barrier, out = threading.Barrier(2), {}
    threads = [
        threading.Thread(target=_answer, args=(real_app, referral_id, target, barrier, out))
        for target in ("relay_accepted", "declined_by_partner")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(out.values()) == ["conflict", "won"]
    with Session(database.get_database(real_app).engine) as session:
        referral = session.get(Referral, referral_id)
        events = session.scalars(
            select(ReferralEvent.to_state).where(
                ReferralEvent.referral_id == referral_id, ReferralEvent.from_state == "sent"
            )
        ).all()
    winner = next(target for target, result in out.items() if result == "won")
    assert referral is not None and referral.state == winner
    assert events == [winner]
