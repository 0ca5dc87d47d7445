"""EPS meetings: creation, the meeting screen, the charter gate, decisions and the relevé."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
import time_machine
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from referral.audit.models import AuditEvent
from referral.meetings.models import CharterAcceptance, Meeting
from referral.meetings.views import long_french_date
from tests.common.factories import NeedFactory, PathwayFactory, UserFactory
from tests.common.matching_helpers import SOUTIEN, service

TODAY = dt.date.today()


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def world(db_session: Session) -> dict[str, Any]:
    pathway = PathwayFactory()
    NeedFactory(pathway=pathway, need_code=SOUTIEN)
    coordinator = UserFactory(
        roles=["coordinator"],
        organisation=pathway.programme.organisation,
        programme=pathway.programme,
    )
    member = UserFactory(roles=["eps_member"], programme=pathway.programme)
    meeting = Meeting(
        programme=pathway.programme, held_on=TODAY, members=[member], agenda=[pathway]
    )
    db_session.add(meeting)
    db_session.flush()
    return {"pathway": pathway, "coordinator": coordinator, "member": member, "meeting": meeting}


def _accept(db_session: Session, world: dict[str, Any]) -> None:
    db_session.add(
        CharterAcceptance(user_id=world["member"].id, programme_id=world["pathway"].programme_id)
    )
    db_session.flush()


def test_coordinator_creates_a_meeting(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    signed_in(client, world["coordinator"])
    data = {"held_on": "2026-12-10", "title": "EPS de décembre", "member": str(world["member"].uid),
            "pathway": str(world["pathway"].uid)}  # fmt: skip
    assert client.post("/meetings/new", data=data).status_code == 302
    created = db_session.scalar(select(Meeting).where(Meeting.title == "EPS de décembre"))
    assert (
        created is not None
        and created.agenda == [world["pathway"]]
        and created.members == [world["member"]]
    )


def test_meeting_screen_shows_synthesis_and_proposals(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    helper = service(db_session, SOUTIEN, name="Accompagnement à la scolarité fictif")
    signed_in(client, world["coordinator"])
    html = client.get(f"/meetings/{world['meeting'].uid}").get_data(as_text=True)
    assert world["pathway"].child.first_name in html and helper.name in html


def test_member_must_accept_the_charter_first(
    client: FlaskClient, signed_in: Any, world: dict[str, Any]
) -> None:
    signed_in(client, world["member"])
    response = client.get(f"/meetings/{world['meeting'].uid}")
    assert response.status_code == 302 and "/meetings/charter/" in response.headers["Location"]


def test_accepting_the_charter_opens_the_meeting(
    client: FlaskClient, signed_in: Any, world: dict[str, Any]
) -> None:
    signed_in(client, world["member"])
    programme = world["pathway"].programme
    client.post(
        f"/meetings/charter/{programme.uid}",
        data={"accept": "on", "next": str(world["meeting"].uid)},
    )
    assert client.get(f"/meetings/{world['meeting'].uid}").status_code == 200


def test_member_outside_the_meeting_day_gets_403(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    _accept(db_session, world)
    world["meeting"].held_on = TODAY - dt.timedelta(days=1)
    db_session.flush()
    signed_in(client, world["member"])
    assert client.get(f"/meetings/{world['meeting'].uid}").status_code == 403
    assert client.get(f"/pathways/{world['pathway'].uid}").status_code == 403


def test_outside_the_day_the_page_says_when_the_children_are_visible(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    _accept(db_session, world)
    world["meeting"].held_on = TODAY + dt.timedelta(days=1)
    db_session.flush()
    page = signed_in(client, world["member"]).get(f"/meetings/{world['meeting'].uid}")
    expected = long_french_date(TODAY + dt.timedelta(days=1))
    assert page.status_code == 403
    assert f"visible le jour de la réunion ({expected})" in page.text


def test_the_meeting_day_is_written_in_french() -> None:
    with time_machine.travel(dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC), tick=False):
        assert long_french_date(dt.date(2026, 12, 8)) == "mardi 8 décembre"
        assert long_french_date(dt.date(2027, 1, 1)) == "vendredi 1er janvier 2027"


def test_member_on_the_day_reads_the_child_page(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    _accept(db_session, world)
    signed_in(client, world["member"])
    html = client.get(f"/pathways/{world['pathway'].uid}").get_data(as_text=True)
    assert "Ajouter le besoin" not in html and "Propositions" in html


def test_member_reads_are_audited(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    _accept(db_session, world)
    signed_in(client, world["member"]).get(f"/meetings/{world['meeting'].uid}")
    actions = db_session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.actor_id == world["member"].id, AuditEvent.category == "case"
        )
    ).all()
    assert actions == ["read_meeting"]


def test_decision_then_minutes(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    helper = service(db_session, SOUTIEN, name="Aide aux devoirs fictive")
    signed_in(client, world["coordinator"])
    meeting, pathway = world["meeting"], world["pathway"]
    data = {
        "orientation": f"{SOUTIEN}|{helper.uid}|{helper.name}",
        "notes": "Proposer l'aide aux devoirs.",
        "next_review_on": "2027-01-15",
    }
    client.post(f"/meetings/{meeting.uid}/decisions/{pathway.uid}", data=data)
    html = client.get(f"/meetings/{meeting.uid}/minutes").get_data(as_text=True)
    assert "Aide aux devoirs fictive" in html and "15/01/2027" in html


def test_member_of_another_meeting_gets_404(
    client: FlaskClient, signed_in: Any, world: dict[str, Any]
) -> None:
    signed_in(client, UserFactory(roles=["eps_member"]))
    assert client.get(f"/meetings/{world['meeting'].uid}").status_code == 404


def test_a_malformed_meeting_date_is_refused_in_french_next_to_the_field(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    signed_in(client, world["coordinator"])
    data = {"held_on": "10/12/2026", "title": "EPS de décembre", "member": str(world["member"].uid)}
    response = client.post("/meetings/new", data=data)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert 'id="held_on-error">N\'est pas une date valide.' in page
    assert 'value="EPS de décembre"' in page
    assert re.search(f'<input checked[^>]*value="{world["member"].uid}"', page)
    assert db_session.scalar(select(Meeting).where(Meeting.title == "EPS de décembre")) is None


def test_a_meeting_without_a_date_asks_for_one(
    client: FlaskClient, signed_in: Any, world: dict[str, Any]
) -> None:
    signed_in(client, world["coordinator"])
    response = client.post("/meetings/new", data={"title": "Sans date"})
    assert response.status_code == 400
    assert "Indiquez la date de la réunion." in response.get_data(as_text=True)


def test_a_malformed_review_date_is_refused_and_nothing_is_recorded(
    client: FlaskClient, signed_in: Any, world: dict[str, Any]
) -> None:
    signed_in(client, world["coordinator"])
    meeting, pathway = world["meeting"], world["pathway"]
    data = {"notes": "À revoir.", "next_review_on": "15 janvier"}
    response = client.post(f"/meetings/{meeting.uid}/decisions/{pathway.uid}", data=data)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert f'id="review-{pathway.uid}-error">N\'est pas une date valide.' in page
    assert ">À revoir.</textarea>" in page and 'value="15 janvier"' in page
    assert meeting.decisions == []


def test_the_charter_unticked_is_refused_next_to_its_box(
    client: FlaskClient, signed_in: Any, world: dict[str, Any], db_session: Session
) -> None:
    signed_in(client, world["member"])
    programme = world["pathway"].programme
    response = client.post(f"/meetings/charter/{programme.uid}", data={"next": "pas-un-uuid"})
    assert response.status_code == 400
    assert 'id="accept-error">Cochez la case pour accepter la charte.' in response.get_data(
        as_text=True
    )
    assert db_session.scalar(select(CharterAcceptance)) is None


def test_a_tampered_next_is_ignored_once_the_charter_is_accepted(
    client: FlaskClient, signed_in: Any, world: dict[str, Any]
) -> None:
    signed_in(client, world["member"])
    programme = world["pathway"].programme
    data = {"accept": "y", "next": "pas-un-uuid"}
    response = client.post(f"/meetings/charter/{programme.uid}", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/meetings")
