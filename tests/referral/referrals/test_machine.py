"""The transition table: every transition allowed and refused per actor, and the doc is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from referral.referrals import machine
from referral.referrals.machine import ActorKind
from referral.referrals.models import ReferralState
from referral.referrals.services import ForbiddenTransition, transition
from tests.common.referrals_world import make_world

DOC = Path(__file__).parents[3] / "docs" / "referral-states.md"
CASES = [(rule, kind) for rule in machine.TRANSITIONS for kind in ActorKind]


def _arguments(rule: machine.Transition) -> dict:
    return {
        "reason": "full",
        "note": "Une note.",
        "dates": {"expected_on": "2030-01-15", "appointment_on": "2030-01-10"},
    }


@pytest.mark.parametrize(
    ("rule", "kind"), CASES, ids=[f"{r.source}-{r.target}-{k}" for r, k in CASES]
)
def test_each_transition_is_allowed_exactly_to_its_actors(app, db_session, rule, kind):
    with app.test_request_context():
        world = make_world()
        referral = world.referral(str(rule.source))
        call = lambda: transition(  # noqa: E731
            db_session,
            referral,
            from_state=str(rule.source),
            to_state=str(rule.target),
            actor=world.actor(kind),
            **_arguments(rule),
        )
        if kind in rule.actors:
            event = call()
            assert (referral.state, event.to_state) == (rule.target, rule.target)
        else:
            with pytest.raises(ForbiddenTransition):
                call()
            assert referral.state == rule.source


def test_no_move_outside_the_table_is_allowed(app, db_session):
    every_kind = frozenset(ActorKind)
    with app.test_request_context():
        world = make_world()
        referral = world.referral("draft")
        for source in ReferralState:
            for target in ReferralState:
                if machine.find(source, target) is not None:
                    continue
                referral.state = str(source)
                with pytest.raises(ForbiddenTransition):
                    transition(
                        db_session,
                        referral,
                        from_state=str(source),
                        to_state=str(target),
                        actor=world.actor(ActorKind.REFERENT).__class__(None, every_kind),
                    )


def test_terminal_states_have_no_way_out():
    for state in machine.TERMINAL_STATES:
        assert machine.allowed_from(state, ActorKind) == []


def test_forbidden_transition_lists_the_allowed_ones(app, db_session):
    with app.test_request_context():
        world = make_world()
        referral = world.referral("sent")
        with pytest.raises(ForbiddenTransition) as refused:
            transition(
                db_session,
                referral,
                from_state="sent",
                to_state="closed",
                actor=world.actor(ActorKind.PARTNER),
            )
    assert set(refused.value.allowed) == {
        "acknowledged",
        "waitlisted",
        "appointment_set",
        "relay_accepted",
        "declined_by_partner",
    }


def test_the_states_document_is_generated_from_the_table():
    assert DOC.read_text(encoding="utf-8") == machine.markdown_table(), (
        "docs/referral-states.md is stale: run `relais referrals states-table "
        "--output docs/referral-states.md`"
    )


def test_every_state_appears_in_the_document():
    table = machine.markdown_table()
    assert all(f"`{state}`" in table for state in ReferralState)
