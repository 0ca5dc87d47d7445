"""A hand-built programme whose indicators are known by heart (period: the year 2025).

Pathways (age on 31/12/2025):
- A: girl, 5, identified 2024-09, agreed 2024-10, open; QPV, REP+, maternelle; one need in 2024.
- B: boy, 9, identified 2025-02-01, agreed 2025-03-01, exited 2025-11-30 (mainstream_relay);
  REP, elementaire; needs n1 (school, soutien scolaire), n2 (referent, suivi médical), both relayed.
- C: girl, 13, identified 2025-05-01, not agreed, open; QPV, collège, in Châtellerault;
  need n3 (family, souffrance psychique), its referral expired.
- D: boy, 17, exited 2024-12-15: outside the period.
- E: girl, 11, identified 2025-03-01, agreed 2025-04-01, exited 2025-06-30 (goals_met);
  need n5 (school, absentéisme) never relayed.
Referrals: r1 (n1, association) accepted after 20 days; r2 (n2, association) declined (full);
r3 (n3, cmp) expired; r4 (n2, cmp) accepted after 29 days.
Only n1 has an eligible service nearby: unmet = n2, n3, n5.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from catalogue.models import NeedTerm
from referral.pathways.models import Pathway
from referral.programmes.models import Programme
from referral.referrals.models import Referral, ReferralEvent
from tests.common import factories as f

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
CHATELLERAULT = "86066"


PATHWAYS: dict[str, dict[str, object]] = {
    "A": {
        "child__sex": "F",
        "child__birth_date": dt.date(2020, 6, 10),
        "child__school_level": "maternelle",
        "child__school_priority": "rep_plus",
        "family__qpv": True,
        "identified_on": dt.date(2024, 9, 1),
        "family_agreed_on": dt.date(2024, 10, 1),
    },
    "B": {
        "child__sex": "M",
        "child__birth_date": dt.date(2016, 3, 15),
        "child__school_level": "elementaire",
        "child__school_priority": "rep",
        "identified_on": dt.date(2025, 2, 1),
        "family_agreed_on": dt.date(2025, 3, 1),
        "exited_on": dt.date(2025, 11, 30),
        "exit_reason": "mainstream_relay",
        "state": "exited",
        "post_exit_checked_on": dt.date(2025, 12, 15),
        "post_exit_relay_effective": True,
    },
    "C": {
        "child__sex": "F",
        "child__birth_date": dt.date(2012, 1, 20),
        "child__school_level": "college",
        "family__qpv": True,
        "family__commune_insee": CHATELLERAULT,
        "family__latitude": 46.8178,
        "family__longitude": 0.5461,
        "identified_on": dt.date(2025, 5, 1),
        "state": "identified",
    },
    "D": {
        "child__sex": "M",
        "child__birth_date": dt.date(2008, 12, 31),
        "child__school_level": "lycee",
        "identified_on": dt.date(2023, 1, 1),
        "family_agreed_on": dt.date(2023, 2, 1),
        "exited_on": dt.date(2024, 12, 15),
        "exit_reason": "age_limit",
        "state": "exited",
    },
    "E": {
        "child__sex": "F",
        "child__birth_date": dt.date(2014, 7, 1),
        "child__school_level": "college",
        "identified_on": dt.date(2025, 3, 1),
        "family_agreed_on": dt.date(2025, 4, 1),
        "exited_on": dt.date(2025, 6, 30),
        "exit_reason": "goals_met",
        "state": "exited",
        "post_exit_checked_on": dt.date(2025, 9, 1),
        "post_exit_relay_effective": False,
    },
}

#: name: (need, partner kind, states with their days, other fields)
REFERRALS: dict[str, tuple[str, str, list[tuple[str, str]], dict[str, object]]] = {
    "r1": (
        "n1",
        "association",
        [
            ("proposed", "2025-03-12"),
            ("family_agreed", "2025-03-13"),
            ("sent", "2025-03-14"),
            ("relay_accepted", "2025-04-01"),
        ],
        {},
    ),
    "r2": (
        "n2",
        "association",
        [
            ("proposed", "2025-03-12"),
            ("family_agreed", "2025-03-13"),
            ("sent", "2025-03-14"),
            ("declined_by_partner", "2025-03-20"),
        ],
        {"decline_reason": "full"},
    ),
    "r3": (
        "n3",
        "cmp",
        [
            ("proposed", "2025-05-12"),
            ("family_agreed", "2025-05-13"),
            ("sent", "2025-05-14"),
            ("expired", "2025-06-13"),
        ],
        {},
    ),
    "r4": (
        "n2",
        "cmp",
        [
            ("proposed", "2025-04-01"),
            ("family_agreed", "2025-04-02"),
            ("sent", "2025-04-03"),
            ("relay_accepted", "2025-04-30"),
        ],
        {},
    ),
}


def noon(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00:00+00:00")


@dataclass
class Built:
    programme: Programme
    pathways: dict[str, Pathway]
    referrals: dict[str, Referral]


def _pathway(programme: Programme, **fields: object) -> Pathway:
    child_fields = {k[7:]: fields.pop(k) for k in list(fields) if k.startswith("child__")}
    family_fields = {k[8:]: fields.pop(k) for k in list(fields) if k.startswith("family__")}
    family = f.FamilyFactory(programme=programme, **family_fields)
    child = f.ChildFactory(family=family, **child_fields)
    return f.PathwayFactory(child=child, programme=programme, **fields)


def _referral(
    session, need, kind: str, states: list[tuple[str, str]], **fields: object
) -> Referral:
    organisation = f.OrganisationFactory(kind=kind)
    service = f.ServiceFactory(organisation=organisation)
    referral = f.ReferralFactory(
        need=need, pathway=need.pathway, service=service, state=states[-1][0], **fields
    )
    previous = None
    for state, day in states:
        session.add(
            ReferralEvent(referral=referral, at=noon(day), from_state=previous, to_state=state)
        )
        previous = state
    session.flush()
    return referral


def build(session) -> Built:
    """Create the programme described above and return its parts."""
    programme = f.ProgrammeFactory()
    p = {name: _pathway(programme, **fields) for name, fields in PATHWAYS.items()}
    needs = _needs(p)
    r = {
        name: _referral(session, needs[need], kind, states, **fields)
        for name, (need, kind, states, fields) in REFERRALS.items()
    }
    _services(session)
    session.flush()
    return Built(programme, p, r)


def _needs(p: dict[str, Pathway]) -> dict[str, Any]:
    """Create the needs of the pathways; return n1, n2 and n3 (those with referrals)."""
    f.NeedFactory(
        pathway=p["A"], need_code="langage--retard-langage-oral", created_at=noon("2024-10-10")
    )
    n1 = f.NeedFactory(
        pathway=p["B"],
        need_code="scolarite--soutien-scolaire",
        origin="school",
        status="in_progress",
        created_at=noon("2025-03-10"),
    )
    n2 = f.NeedFactory(
        pathway=p["B"],
        need_code="sante--suivi-medical",
        origin="referent",
        created_at=noon("2025-03-10"),
    )
    n3 = f.NeedFactory(
        pathway=p["C"],
        need_code="sante-mentale--souffrance-psychique",
        origin="family",
        created_at=noon("2025-05-10"),
    )
    f.NeedFactory(
        pathway=p["E"],
        need_code="scolarite--absenteisme-decrochage",
        origin="school",
        created_at=noon("2025-03-05"),
    )
    return {"n1": n1, "n2": n2, "n3": n3}


def _services(session) -> None:
    """One eligible service near Poitiers for n1; one for n3, too far away."""
    soutien = session.get(NeedTerm, "scolarite--soutien-scolaire")
    psy = session.get(NeedTerm, "sante-mentale--souffrance-psychique")
    f.ServiceFactory(need_terms=[soutien], at=[f.PlaceFactory()])
    far = f.PlaceFactory(latitude=45.0, longitude=1.0, commune_insee=None)
    f.ServiceFactory(need_terms=[psy], at=[far])  # 200 km away: does not meet n3
