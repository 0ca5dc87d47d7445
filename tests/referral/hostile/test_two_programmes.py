"""Two programmes in one instance: nobody of one reads or writes the other's case content.

Both programmes are carried by one organisation (a département's CCAS running two PRE: what
the old rule, "the programmes my organisation carries", got wrong) or by two. Every route of
the permission matrix that takes a case object is walked by each staff member of one programme
with the other's objects, for each method the route answers; every listing they may open is
read looking for the other's child.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from referral.meetings.models import Meeting
from tests.referral.access import walk
from tests.referral.hostile.sides import STAFF, Side, build_sides, probe, snapshot, unknown_samples

REFUSED = {403, 404}


@pytest.fixture
def app_settings() -> dict[str, Any]:
    return {"WTF_CSRF_ENABLED": False}


@pytest.fixture(params=["shared", "separate"], ids=["one-carrier", "two-carriers"])
def sides(request, db_session) -> dict[str, Side]:
    return build_sides(db_session, request.param)


def _case_routes(app, db_session, user, side: Side) -> list[tuple[str, Any]]:
    """Return every matrix route that takes a case object, with its URL filled with side's."""
    urls = []
    for rule in walk.rules():
        if walk.tables()["ROUTES"][rule.endpoint]["anonymous"] == 200:
            continue  # a public capability link (the partner's token), not a programme's page
        world = probe(db_session, app, user, side)
        url = walk.url_of(app, rule, world)
        if world.lent:
            urls.append((url, rule))
    return urls


def _walk(client, urls: list[tuple[str, Any]], traces: list[str]) -> dict[str, str]:
    """Try every method of every URL; return what was not refused or showed a trace."""
    found = {}
    for url, rule in urls:
        for method in walk.methods_of(rule):
            data = walk.tables()["DATA"].get(rule.endpoint) if method != "GET" else None
            response = client.open(url, method=method, data=data)
            shown = [trace for trace in traces if trace in response.get_data(as_text=True)]
            if response.status_code not in REFUSED or shown:
                found[f"{method} {url}"] = f"{response.status_code} {shown}"
    return found


def test_the_walk_knows_every_sample_object_of_the_matrix():
    assert unknown_samples() == set()


def test_the_walk_reaches_every_kind_of_case_object(app, db_session, sides):
    mine, other = sides["a"], sides["b"]
    routes = _case_routes(app, db_session, mine.users["referent"], other)
    endpoints = {rule.endpoint for _, rule in routes}
    expected = {
        "pathways.show", "pathways.set_need_status", "referrals.referral", "meetings.decide",
        "privacy.withdraw_consent", "exits.justify_need", "indicators.dashboard",
        "api.pathways.get_pathway", "api.referrals.post_transition",
        "search.remove_vocabulary_entry", "moderation.set_moderation", "meetings.charter",
    }  # fmt: skip
    assert expected <= endpoints


@pytest.mark.parametrize("direction", ["ab", "ba"])
@pytest.mark.parametrize("role", STAFF)
def test_nobody_reads_or_writes_the_other_programme_by_id(
    app, client, signed_in, db_session, sides, role, direction
):
    mine, other = sides[direction[0]], sides[direction[1]]
    urls = _case_routes(app, db_session, mine.users[role], other)
    before = snapshot(db_session, other)
    signed_in(client, mine.users[role])
    assert _walk(client, urls, other.traces()) == {}
    assert snapshot(db_session, other) == before


def _listings(role: str) -> list[str]:
    """Return the pages without parameters the matrix opens to a role (its listings)."""
    routes = walk.tables()["ROUTES"]
    return [
        rule.rule
        for rule in walk.rules()
        if not rule.arguments
        and "GET" in (rule.methods or ())
        and routes[rule.endpoint][role] == 200
    ]


@pytest.mark.parametrize("direction", ["ab", "ba"])
@pytest.mark.parametrize("role", STAFF)
def test_listings_never_show_the_other_programme(client, signed_in, sides, role, direction):
    mine, other = sides[direction[0]], sides[direction[1]]
    signed_in(client, other.users["referent"]).get(f"/pathways/{other.pathway.uid}")  # audited
    signed_in(client, mine.users[role])
    pages = {url: client.get(url).get_data(as_text=True) for url in _listings(role)}
    shown = {url: [t for t in other.traces() if t in page] for url, page in pages.items()}
    assert {url: traces for url, traces in shown.items() if traces} == {}


OWN = {
    "coordinator": lambda side: f"/pathways/{side.pathway.uid}",
    "referent": lambda side: f"/referrals/{side.referral.uid}",
    "eps_member": lambda side: f"/meetings/{side.meeting.uid}",
    "dpo": lambda side: f"/data-protection/pathways/{side.pathway.uid}",
    "funder": lambda side: f"/indicators/{side.programme.uid}",
}


@pytest.mark.parametrize("role", STAFF)
def test_each_role_still_reaches_its_own_programme(client, signed_in, sides, role):
    mine = sides["a"]
    assert signed_in(client, mine.users[role]).get(OWN[role](mine)).status_code == 200


def test_ones_own_listings_show_ones_own_child(client, signed_in, sides):
    mine = sides["a"]
    signed_in(client, mine.users["coordinator"])
    assert mine.first_name in client.get("/pathways").get_data(as_text=True)


@pytest.mark.parametrize("role", ["coordinator", "dpo"])
def test_the_audit_log_shows_ones_own_programmes_case_events(client, signed_in, sides, role):
    mine = sides["a"]
    signed_in(client, mine.users["referent"]).get(f"/pathways/{mine.pathway.uid}")
    signed_in(client, mine.users[role])
    assert str(mine.pathway.uid) in client.get("/data-protection/audit").get_data(as_text=True)


def _bodies(other: Side) -> list[tuple[str, dict[str, Any]]]:
    """Writes that name the other programme's objects in their body, not in their URL."""
    child = {"first_name": "Pirate", "last_name": "Zorglub", "birth_date": "2015-01-01"}
    family = {"commune_insee": "86194"}
    return [
        ("/api/v1/referrals", {"json": {
            "need_id": str(other.referral.need.uid), "service_id": str(other.referral.service.uid),
        }}),
        ("/api/v1/pathways", {"json": {
            "child": child, "family": family, "programme": str(other.programme.uid),
        }}),
        ("/orient", {"data": {
            "service": str(other.referral.service.uid), "pathway": str(other.pathway.uid),
            "need": str(other.referral.need.uid), "send": "1",
        }}),
        ("/meetings", {"data": {
            "held_on": "2030-01-07", "pathway": str(other.pathway.uid),
            "member": str(other.users["eps_member"].uid),
        }}),
    ]  # fmt: skip


@pytest.mark.parametrize("direction", ["ab", "ba"])
@pytest.mark.parametrize("role", ["coordinator", "referent"])
def test_ids_in_a_body_never_reach_the_other_programme(
    client, signed_in, db_session, sides, role, direction
):
    mine, other = sides[direction[0]], sides[direction[1]]
    before = snapshot(db_session, other)
    signed_in(client, mine.users[role])
    for url, body in _bodies(other):
        client.post(url, **body)
    meetings = db_session.scalars(select(Meeting).where(Meeting.programme_id == mine.programme.id))
    strangers = [
        meeting.uid
        for meeting in meetings
        for member in [*meeting.members, *meeting.agenda]
        if member.programme_id != mine.programme.id
    ]
    assert (snapshot(db_session, other), strangers) == (before, [])
