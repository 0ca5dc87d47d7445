"""Two programmes in one instance: nobody of one reads or writes the other's case content.

Each programme has its carrying organisation, its team (coordinator, référent, EPS member on a
meeting held today with the charter accepted, DPO, funder), a child, a need, a sent referral and
a meeting. Every user of one programme then tries the other's objects by id (pages, API, writes)
and reads its own listings looking for the other's child.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from referral.meetings.models import CharterAcceptance, Meeting
from tests.common.factories import UserFactory
from tests.common.referrals_world import make_world

ROLES = ("coordinator", "referent", "eps_member", "dpo", "funder")


@dataclass
class Side:
    """One programme and what belongs to it."""

    users: dict[str, Any]
    pathway: Any
    referral: Any
    meeting: Any
    first_name: str

    @property
    def programme(self) -> Any:
        return self.pathway.programme


def _side(session, first_name: str) -> Side:
    world = make_world()
    world.pathway.child.first_name = first_name
    organisation = world.pathway.programme.organisation
    users = {"coordinator": world.coordinator, "referent": world.referent}
    for role in ("eps_member", "dpo", "funder"):
        users[role] = UserFactory(organisation=organisation, roles=[role])
    meeting = Meeting(
        programme=world.pathway.programme,
        held_on=dt.date.today(),
        members=[users["eps_member"]],
        agenda=[world.pathway],
    )
    session.add(meeting)
    session.add(
        CharterAcceptance(user_id=users["eps_member"].id, programme_id=world.pathway.programme_id)
    )
    referral = world.referral("sent")
    session.flush()
    return Side(users, world.pathway, referral, meeting, first_name)


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture
def sides(db_session) -> dict[str, Side]:
    return {"a": _side(db_session, "Aurélien"), "b": _side(db_session, "Ysaline")}


def _reads(other: Side) -> list[str]:
    pathway, referral, meeting = other.pathway.uid, other.referral.uid, other.meeting.uid
    return [
        f"/pathways/{pathway}",
        f"/pathways/{pathway}/consent",
        f"/pathways/{pathway}/referrals",
        f"/referrals/{referral}",
        f"/referrals/{referral}/family-sheet",
        f"/meetings/{meeting}",
        f"/meetings/{meeting}/minutes",
        f"/data-protection/pathways/{pathway}",
        f"/data-protection/pathways/{pathway}/export",
        f"/data-protection/pathways/{pathway}/export.json",
        f"/api/v1/pathways/{pathway}",
        f"/api/v1/pathways/{pathway}/proposals",
        f"/api/v1/referrals/{referral}",
        f"/indicators/{other.programme.uid}",
        f"/indicators/{other.programme.uid}/indicateurs.json",
    ]


def _writes(other: Side) -> list[tuple[str, dict[str, Any]]]:
    pathway, referral, meeting = other.pathway.uid, other.referral.uid, other.meeting.uid
    return [
        (f"/pathways/{pathway}/needs", {"need": "scolarite--soutien-scolaire"}),
        (f"/pathways/{pathway}/transition", {"to": "active"}),
        (f"/pathways/{pathway}/contacts", {"note": "appel"}),
        (f"/pathways/{pathway}/referrals", {"need": "x", "service": "y"}),
        (f"/referrals/{referral}", {"from": "sent", "to": "cancelled"}),
        (f"/exits/{pathway}/prepare", {}),
        (f"/meetings/{meeting}/decisions/{pathway}", {"decision": "x"}),
        (f"/data-protection/pathways/{pathway}/rectify", {"first_name": "Pirate"}),
        (f"/api/v1/pathways/{pathway}/needs", {"need": "scolarite--soutien-scolaire"}),
        (f"/api/v1/referrals/{referral}/transitions", {"to": "cancelled"}),
    ]


@pytest.mark.parametrize("direction", ["ab", "ba"])
@pytest.mark.parametrize("role", ROLES)
def test_nobody_reads_the_other_programme_by_id(client, signed_in, sides, role, direction):
    mine, other = sides[direction[0]], sides[direction[1]]
    signed_in(client, mine.users[role])
    answers = {url: client.get(url) for url in _reads(other)}
    leaks = {url: r.status_code for url, r in answers.items() if r.status_code < 400}
    named = [url for url, r in answers.items() if other.first_name in r.get_data(as_text=True)]
    assert (leaks, named) == ({}, [])


@pytest.mark.parametrize("direction", ["ab", "ba"])
@pytest.mark.parametrize("role", ROLES)
def test_nobody_writes_to_the_other_programme_by_id(client, signed_in, sides, role, direction):
    mine, other = sides[direction[0]], sides[direction[1]]
    signed_in(client, mine.users[role])
    answers = {url: client.post(url, data=data).status_code for url, data in _writes(other)}
    assert {url: status for url, status in answers.items() if status < 400} == {}


LISTINGS = ["/pathways", "/meetings", "/exits", "/indicators/", "/audit", "/data-protection/audit"]


@pytest.mark.parametrize("direction", ["ab", "ba"])
@pytest.mark.parametrize("role", ROLES)
def test_listings_never_show_the_other_programmes_children(
    client, signed_in, sides, role, direction
):
    mine, other = sides[direction[0]], sides[direction[1]]
    signed_in(client, other.users["referent"]).get(f"/pathways/{other.pathway.uid}")  # audited
    signed_in(client, mine.users[role])
    pages = {url: client.get(url).get_data(as_text=True) for url in LISTINGS}
    seen = [url for url, page in pages.items() if other.first_name in page]
    traced = [url for url, page in pages.items() if str(other.pathway.uid) in page]
    assert (seen, traced) == ([], [])


OWN = {
    "coordinator": lambda side: f"/pathways/{side.pathway.uid}",
    "referent": lambda side: f"/referrals/{side.referral.uid}",
    "eps_member": lambda side: f"/meetings/{side.meeting.uid}",
    "dpo": lambda side: f"/data-protection/pathways/{side.pathway.uid}",
    "funder": lambda side: f"/indicators/{side.programme.uid}",
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_still_reaches_its_own_programme(client, signed_in, sides, role):
    mine = sides["a"]
    assert signed_in(client, mine.users[role]).get(OWN[role](mine)).status_code == 200


@pytest.mark.parametrize("role", ["coordinator", "dpo"])
def test_the_audit_log_shows_ones_own_programmes_case_events(client, signed_in, sides, role):
    mine = sides["a"]
    signed_in(client, mine.users["referent"]).get(f"/pathways/{mine.pathway.uid}")
    signed_in(client, mine.users[role])
    assert str(mine.pathway.uid) in client.get("/data-protection/audit").get_data(as_text=True)
