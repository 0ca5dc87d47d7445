"""Exits: the review page, the exit rule (covered, relayed or justified), exit and post-exit."""

from __future__ import annotations

import datetime as dt

import pytest

from referral.exits import services as exits
from referral.pathways.services import ExitBlocked
from tests.common.referrals_world import make_world


@pytest.fixture
def app_settings():
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def world(app, db_session):
    with app.test_request_context():
        created = make_world()
    created.pathway.state = "exit_review"
    created.pathway.contract_end = dt.date.today() + dt.timedelta(days=60)
    db_session.flush()
    return created


def test_an_open_need_without_relay_blocks_the_exit(db_session, world):
    with pytest.raises(ExitBlocked) as blocked:
        exits.prepare_exit(db_session, world.pathway, "exit_review", None)
    assert blocked.value.needs == [world.need]


def test_a_sent_referral_relays_the_need(db_session, world):
    world.referral("waitlisted")
    exits.prepare_exit(db_session, world.pathway, "exit_review", None)
    assert world.pathway.state == "exit_prepared"


def test_a_referral_refused_by_the_partner_does_not_relay(db_session, world):
    world.referral("declined_by_partner")
    with pytest.raises(ExitBlocked):
        exits.prepare_exit(db_session, world.pathway, "exit_review", None)


def test_a_written_justification_unblocks_the_need(db_session, world):
    exits.justify_need(db_session, world.need, "La famille suit déjà un soutien privé.", None)
    exits.prepare_exit(db_session, world.pathway, "exit_review", None)
    assert world.pathway.state == "exit_prepared"


def test_exit_records_its_reason(db_session, world):
    world.need.status = "covered"
    exits.prepare_exit(db_session, world.pathway, "exit_review", None)
    exits.exit_pathway(
        db_session, world.pathway, "exit_prepared", "mainstream_relay", None, dt.date.today()
    )
    assert (world.pathway.state, world.pathway.exit_reason) == ("exited", "mainstream_relay")


def test_post_exit_check_records_whether_the_relay_worked(db_session, world):
    world.pathway.state = "exited"
    exits.record_post_exit_check(db_session, world.pathway, effective=True, day=dt.date.today())
    assert world.pathway.post_exit_relay_effective is True


def test_review_page_shows_status_in_words_not_colour_alone(client, signed_in, world):
    world.referral("relay_accepted")
    page = signed_in(client, world.coordinator).get("/exits")
    assert page.status_code == 200
    assert "Relayé :" in page.text and "relay-relayed" in page.text


def test_review_page_refusal_lists_the_blocking_needs(client, signed_in, world):
    page = signed_in(client, world.coordinator).post(
        f"/exits/{world.pathway.uid}/prepare", data={"from": "exit_review"}
    )
    assert page.status_code == 422 and "Besoins qui bloquent" in page.text
    assert world.need.term.label in page.text


def test_a_blank_justification_is_refused_beside_its_field(client, signed_in, world):
    page = signed_in(client, world.coordinator).post(
        f"/exits/needs/{world.need.uid}/justify", data={"justification": "   "}
    )
    field = f"j-{world.need.uid}"
    assert page.status_code == 400 and f'aria-describedby="{field}-error"' in page.text
    assert f'id="{field}-error">Écrivez la justification.</p>' in page.text
    assert world.need.justification == ""


def test_an_unknown_exit_reason_is_refused_beside_its_field(client, signed_in, db_session, world):
    world.need.status = "covered"
    world.pathway.state = "exit_prepared"
    db_session.flush()
    page = signed_in(client, world.coordinator).post(
        f"/exits/{world.pathway.uid}/exit", data={"from": "exit_prepared", "reason": "lune"}
    )
    field = f"r-{world.pathway.uid}"
    assert page.status_code == 400 and f'aria-describedby="{field}-error"' in page.text
    assert f'id="{field}-error">Choisissez le motif de sortie.</p>' in page.text
    assert world.pathway.state == "exit_prepared"
