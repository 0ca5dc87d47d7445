"""Two programmes in one instance, carried by one organisation or by two.

Each side is a programme with its team (coordinator, référent, EPS member on a meeting held
today with the charter accepted, DPO, funder), a child named after the side, a need, a consent,
a sent referral, a meeting and a search-vocabulary entry. `probe` lends one side's objects to
the permission matrix's URL builders, so that every route of the matrix that takes a case
object can be walked against the other programme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from catalogue.db import Base
from referral.meetings.models import CharterAcceptance, Meeting
from referral.search.models import VocabularyEntry
from tests.common.factories import OrganisationFactory, ProgrammeFactory, UserFactory
from tests.common.referrals_world import make_world
from tests.referral.access import ROLES, SAMPLES, World

STAFF = ("coordinator", "referent", "eps_member", "dpo", "funder")

# The matrix's sample objects that belong to a programme, and the side's object standing in.
CASE_SAMPLES = {
    "programme": "programme",
    "pathway": "pathway",
    "tracking_pathway": "pathway",
    "privacy_pathway": "pathway",
    "tracking_referral": "referral",
    "privacy_consent": "consent",
    "meeting": "meeting",
    "vocabulary_entry": "vocabulary_entry",
}
# The matrix's other sample objects: the shared catalogue, accounts, imports, set-up.
SHARED_SAMPLES = {
    "service",
    "pending_service",
    "place",
    "error_report",
    "invited_user",
    "colleague",
    "import_run",
    "duplicate_flag",
    "set_up_programme",
}


@dataclass
class Side:
    """One programme and what belongs to it."""

    programme: Any
    users: dict[str, Any]
    pathway: Any
    referral: Any
    meeting: Any
    consent: Any
    vocabulary_entry: Any
    first_name: str

    def traces(self) -> list[str]:
        """Return what no page shown to the other programme may contain."""
        objects = (self.pathway, self.referral, self.meeting, self.programme)
        return [self.first_name, *(str(each.uid) for each in objects)]


def build_sides(session: Session, carrier: str) -> dict[str, Side]:
    """Build programmes a and b, carried by one organisation (`shared`) or by two."""
    shared = OrganisationFactory(name="CCAS départemental", kind="pre")
    bodies = [shared, shared] if carrier == "shared" else [shared, None]
    return {
        key: _side(session, body or OrganisationFactory(kind="pre"), first_name)
        for key, body, first_name in zip("ab", bodies, ("Aurélien", "Ysaline"), strict=True)
    }


def _side(session: Session, carrier: Any, first_name: str) -> Side:
    programme = ProgrammeFactory(organisation=carrier, name=f"PRE de {first_name}")
    world = make_world(programme=programme)
    world.pathway.child.first_name = first_name
    users = {"coordinator": world.coordinator, "referent": world.referent}
    for role in ("eps_member", "dpo", "funder"):
        users[role] = UserFactory(organisation=carrier, programme=programme, roles=[role])
    meeting = Meeting(
        programme=programme, held_on=dt.date.today(), members=[users["eps_member"]],
        agenda=[world.pathway],
    )  # fmt: skip
    session.add(meeting)
    session.add(CharterAcceptance(user_id=users["eps_member"].id, programme_id=programme.id))
    entry = VocabularyEntry(
        programme_id=programme.id, kind="generique", target="", entry=f"{first_name} lexique"
    )
    session.add(entry)
    referral = world.referral("sent")
    session.flush()
    return Side(
        programme, users, world.pathway, referral, meeting, world.consent, entry, first_name
    )


@dataclass
class Probe(World):
    """A matrix world whose case samples are one side's objects; it notes which it lent."""

    lent: set[str] = field(default_factory=set)

    def get(self, name: str) -> Any:
        """Return the sample object, noting a case object lent to a URL."""
        if name in CASE_SAMPLES:
            self.lent.add(name)
        return super().get(name)


def probe(session: Session, app: Any, user: Any, side: Side) -> Probe:
    """Return a matrix world for `user` whose case samples are `side`'s objects."""
    cache = {name: getattr(side, attribute) for name, attribute in CASE_SAMPLES.items()}
    users = dict.fromkeys(ROLES[1:], user)
    organisation = side.referral.service.organisation
    return Probe(session=session, app=app, users=users, organisation=organisation, cache=cache)


def unknown_samples() -> set[str]:
    """Return the matrix's sample objects this suite does not know to be shared or a case's."""
    return set(SAMPLES) - set(CASE_SAMPLES) - SHARED_SAMPLES


def snapshot(session: Session, side: Side) -> dict[str, list[str]]:
    """Return every row of the side's case tables, as text: a write shows as a difference."""
    session.expire_all()
    keys = {
        "programme_id": side.programme.id,
        "pathway_id": side.pathway.id,
        "need_id": side.referral.need_id,
        "referral_id": side.referral.id,
        "meeting_id": side.meeting.id,
    }
    rows: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for column, value in keys.items():
            if column in table.c and table.name != "users":
                found = session.execute(select(table).where(table.c[column] == value)).all()
                rows[f"{table.name}.{column}"] = sorted(str(tuple(row)) for row in found)
    for instance in (side.pathway, side.referral, side.meeting, side.pathway.child):
        table = inspect(instance).mapper.local_table
        found = session.execute(select(table).where(table.c.id == instance.id)).all()
        rows[table.name] = [str(tuple(row)) for row in found]
    return rows
