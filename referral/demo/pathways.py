"""Demo pathways: a PRE for Grand Poitiers, ~30 fictitious children at every stage, an EPS meeting.

Everything is fictitious and deterministic (seeded); a second load creates nothing. Children
are assigned to the demo référents of `referral.demo.accounts` (unassigned if none exist).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Commune
from referral.accounts.models import User
from referral.meetings.models import Meeting, MeetingDecision
from referral.pathways.models import (
    Child,
    ContactEntry,
    Family,
    Need,
    NeedStatus,
    Pathway,
    PathwayEvent,
    PathwayState,
)
from referral.programmes.models import Programme

if TYPE_CHECKING:
    from referral.demo import DemoReport

DEMO_EPCI = "200069854"
PROGRAMME_NAME = "PRE de Grand Poitiers (démonstration, fictif)"
CHARTER = (
    "Je m'engage à ne partager les informations évoquées en EPS qu'avec les professionnels qui en "
    "ont besoin pour accompagner l'enfant, à ne pas les noter en dehors de Relais, et à respecter "
    "le secret professionnel partagé (article L.226-2-2 du code de l'action sociale et des "
    "familles)."
)
SEED = 20261129
FIRST_NAMES = [
    ("Lina", "F"),
    ("Yanis", "M"),
    ("Inès", "F"),
    ("Noah", "M"),
    ("Aya", "F"),
    ("Adam", "M"),
    ("Jade", "F"),
    ("Ilyes", "M"),
    ("Maëlys", "F"),
    ("Sacha", "M"),
    ("Nour", "F"),
    ("Kylian", "M"),
    ("Zoé", "F"),
    ("Mohamed", "M"),
    ("Louise", "F"),
    ("Enzo", "M"),
    ("Sirine", "F"),
    ("Timéo", "M"),
    ("Léna", "F"),
    ("Rayan", "M"),
    ("Mila", "F"),
    ("Ethan", "M"),
    ("Assia", "F"),
    ("Nathan", "M"),
    ("Chloé", "F"),
    ("Amir", "M"),
    ("Manon", "F"),
    ("Evan", "M"),
    ("Yasmine", "F"),
    ("Gabin", "M"),
]
LAST_NAMES = ["Fictif", "Exemple", "Démo", "Essai", "Modèle", "Prototype", "Maquette", "Témoin"]
# (stage, how many) — every stage of the pathway lifecycle is represented.
STAGES = [
    (PathwayState.IDENTIFIED, 3),
    (PathwayState.FAMILY_INFORMED, 3),
    (PathwayState.FAMILY_AGREED, 4),
    (PathwayState.DIAGNOSED, 3),
    (PathwayState.CONTRACTED, 3),
    (PathwayState.ACTIVE, 8),
    (PathwayState.EXIT_REVIEW, 3),
    (PathwayState.EXIT_PREPARED, 1),
    (PathwayState.EXITED, 2),
]
# Realistic needs by age band (categories 2 and 3 of the circular, mostly).
NEEDS_BY_AGE = {
    "petit": [
        "langage--retard-langage-oral",
        "langage--eveil-petite-enfance",
        "parentalite--relation-parent-jeune-enfant",
        "sante--suivi-medical",
        "langage--bilan-orthophonique",
        "parentalite--garde-repit",
        "culture-loisirs--lecture",
        "social--acces-aux-droits",
    ],
    "primaire": [
        "scolarite--soutien-scolaire",
        "scolarite--difficultes-apprentissage",
        "sport--pratique-en-club",
        "culture-loisirs--accueil-de-loisirs",
        "langage--bilan-orthophonique",
        "sante--vision-audition",
        "sante-mentale--troubles-du-comportement",
        "parentalite--soutien-parental",
        "culture-loisirs--pratique-artistique",
        "vacances--sejours-enfants",
        "social--francais-parents",
        "culture-loisirs--lecture",
    ],
    "college": [
        "scolarite--absenteisme-decrochage",
        "sante-mentale--souffrance-psychique",
        "sante-mentale--ecoute-adolescents",
        "scolarite--soutien-scolaire",
        "protection--harcelement",
        "sport--pratique-en-club",
        "vie-sociale--estime-de-soi",
        "scolarite--orientation-scolaire",
        "parentalite--conflits-separation",
        "social--budget",
        "vacances--activites-ete",
    ],
}
LEVEL_BY_AGE = {
    3: "PS",
    4: "MS",
    5: "GS",
    6: "CP",
    7: "CE1",
    8: "CE2",
    9: "CM1",
    10: "CM2",
    11: "6e",
    12: "5e",
    13: "4e",
    14: "3e",
    15: "2nde",
}
QPV_COMMUNES = {"86194", "86041", "86062"}
FAMILY_CONCERNS = {"parentalite", "social"}


def demo_programme(session: Session) -> Programme:
    """Return the demo programme, created on the demo PRE organisation if missing."""
    from referral.demo.accounts import programme_organisation

    found = session.scalar(select(Programme).where(Programme.name == PROGRAMME_NAME))
    if found is not None:
        return found
    communes = session.scalars(
        select(Commune.insee_code).where(Commune.epci_siren == DEMO_EPCI)
    ).all()
    programme = Programme(
        name=PROGRAMME_NAME,
        organisation=programme_organisation(session),
        territory_epci=DEMO_EPCI,
        territory_communes=sorted(communes),
        department_code="86",
        charter_text=CHARTER,
    )
    session.add(programme)
    session.flush()
    return programme


def demo_referents(session: Session) -> list[User]:
    """Return the demo référents (accounts of the demo domain holding the référent role)."""
    from referral.demo.accounts import DEMO_DOMAIN

    users = session.scalars(
        select(User).where(User.email.endswith(f"@{DEMO_DOMAIN}")).order_by(User.email)
    )
    return [user for user in users if user.has_role("referent")]


def _link_staff(session: Session, programme: Programme) -> None:
    """Put the demo's coordinator, référents, EPS member, funder and DPO in the programme."""
    from referral.accounts.services import STAFF_ROLES
    from referral.demo.accounts import DEMO_DOMAIN

    users = session.scalars(select(User).where(User.email.endswith(f"@{DEMO_DOMAIN}")))
    for user in users:
        if user.programme_id is None and STAFF_ROLES & set(user.roles):
            user.programme = programme
    session.flush()


def _communes(session: Session) -> list[Commune]:
    query = select(Commune).where(Commune.epci_siren == DEMO_EPCI).order_by(Commune.insee_code)
    return list(session.scalars(query))


def pathways_step(session: Session, report: DemoReport) -> None:
    """Create the demo programme, its children and pathways, and an EPS meeting (once)."""
    programme = demo_programme(session)
    _link_staff(session, programme)
    if session.scalar(select(Pathway.id).where(Pathway.programme_id == programme.id).limit(1)):
        report.counts["parcours"] = 0
        return
    communes = _communes(session)
    if not communes:
        report.counts["parcours"] = 0
        return
    referents = demo_referents(session)
    rng = random.Random(SEED)
    today = dt.date.today()
    pathways = []
    stages = [stage for stage, count in STAGES for _ in range(count)]
    for number, stage in enumerate(stages):
        referent = referents[number % len(referents)] if referents else None
        pathways.append(
            _child_pathway(session, programme, number, stage, referent, communes, rng, today)
        )
    _meeting(session, programme, pathways, today)
    report.counts["parcours"] = len(pathways)


def _child_pathway(
    session: Session,
    programme: Programme,
    number: int,
    stage: str,
    referent: User | None,
    communes: list[Commune],
    rng: random.Random,
    today: dt.date,
) -> Pathway:
    """Create one fictitious family, child and pathway at a given stage."""
    commune = rng.choices(communes, weights=[max(c.population, 200) ** 0.8 for c in communes])[0]
    first_name, sex = FIRST_NAMES[number % len(FIRST_NAMES)]
    age = rng.choice([4, 5, 6, 7, 8, 8, 9, 9, 10, 10, 11, 12, 12, 13, 14])
    family = Family(
        programme_id=programme.id,
        commune_insee=commune.insee_code,
        latitude=round(commune.latitude + rng.uniform(-0.008, 0.008), 3),
        longitude=round(commune.longitude + rng.uniform(-0.008, 0.008), 3),
        qpv=commune.insee_code in QPV_COMMUNES and rng.random() < 0.7,
        languages=rng.choice(
            [["fr"], ["fr"], ["fr"], ["fr", "ar"], ["fr", "tr"], ["fr", "pt"], ["fr", "ro"]]
        ),
        max_distance_km=rng.choice([5.0, 8.0, 10.0, 10.0, 15.0]),
        free_only=rng.random() < 0.4,
        guardians=[
            {
                "name": f"Parent {LAST_NAMES[number % len(LAST_NAMES)]} (fictif)",
                "phone": "05 49 00 00 00",
            }
        ],
    )
    child = Child(
        family=family,
        first_name=first_name,
        last_name=LAST_NAMES[number % len(LAST_NAMES)],
        sex=sex,
        birth_date=today.replace(day=1)
        - dt.timedelta(days=int(365.25 * age) + rng.randint(0, 300)),
        school_level=LEVEL_BY_AGE.get(age),
        school_priority=rng.choice(["none", "rep", "rep+"]),
        category=rng.choices([1, 2, 3, 4], weights=[1, 5, 4, 1])[0],
    )
    pathway = Pathway(
        programme=programme, child=child, referent_id=referent.id if referent else None, state=stage
    )
    _dates(pathway, stage, rng, today)
    session.add_all([family, child, pathway])
    session.flush()
    band = "petit" if age < 6 else "primaire" if age < 11 else "college"
    for priority, code in enumerate(rng.sample(NEEDS_BY_AGE[band], k=rng.choice([2, 3, 3, 4])), 1):
        session.add(
            Need(
                pathway_id=pathway.id,
                need_code=code,
                priority=min(priority, 3),
                concerns="family" if code.split("--")[0] in FAMILY_CONCERNS else "child",
                origin=rng.choice(["school", "school", "family", "referent", "eps_member"]),
                status=_need_status(stage, rng),
                created_by_id=pathway.referent_id,
            )
        )
    _history(session, pathway, stage, rng, today)
    return pathway


def _dates(pathway: Pathway, stage: str, rng: random.Random, today: dt.date) -> None:
    order = [str(s) for s in PathwayState]
    reached = order.index(stage)
    pathway.identified_on = today - dt.timedelta(days=20 + 30 * reached + rng.randint(0, 20))
    if reached >= order.index(PathwayState.FAMILY_AGREED):
        pathway.family_agreed_on = pathway.identified_on + dt.timedelta(days=15)
    if reached >= order.index(PathwayState.CONTRACTED):
        pathway.contract_start = today - dt.timedelta(days=rng.randint(30, 300))
        pathway.contract_end = pathway.contract_start + dt.timedelta(
            days=rng.choice([365, 455, 540])
        )
    if stage in (PathwayState.EXIT_REVIEW, PathwayState.EXIT_PREPARED):
        pathway.contract_end = today + dt.timedelta(days=rng.randint(20, 85))
    if stage == PathwayState.EXITED:
        pathway.contract_end = today - dt.timedelta(days=rng.randint(10, 60))
        pathway.exited_on, pathway.exit_reason = pathway.contract_end, "completed"


def _need_status(stage: str, rng: random.Random) -> str:
    if stage in (PathwayState.EXIT_PREPARED, PathwayState.EXITED):
        return NeedStatus.COVERED
    if stage in (PathwayState.ACTIVE, PathwayState.EXIT_REVIEW):
        return rng.choice(
            [
                NeedStatus.IDENTIFIED,
                NeedStatus.IN_PROGRESS,
                NeedStatus.IN_PROGRESS,
                NeedStatus.COVERED,
            ]
        )
    return NeedStatus.IDENTIFIED


def _history(
    session: Session, pathway: Pathway, stage: str, rng: random.Random, today: dt.date
) -> None:
    """Write the lifecycle events up to the stage, and a few contact journal entries."""
    order = [str(s) for s in PathwayState]
    previous = None
    for state in order[: order.index(stage) + 1]:
        session.add(
            PathwayEvent(
                pathway_id=pathway.id,
                actor_id=pathway.referent_id,
                from_state=previous,
                to_state=state,
                note="Démonstration.",
            )
        )
        previous = state
    for back in sorted(rng.sample(range(3, 120), k=rng.randint(1, 4)), reverse=True):
        session.add(
            ContactEntry(
                pathway_id=pathway.id,
                on=max(pathway.identified_on, today - dt.timedelta(days=back)),
                kind=rng.choice(["visit", "call", "call", "meeting", "message"]),
                note=rng.choice(
                    [
                        "Point avec la famille.",
                        "Échange avec l'enseignante.",
                        "Appel à la mère.",
                        "Visite à domicile.",
                        "Message au père.",
                    ]
                ),
                author_id=pathway.referent_id,
            )
        )


def _meeting(
    session: Session, programme: Programme, pathways: list[Pathway], today: dt.date
) -> None:
    """Two EPS meetings: one on the day the demo is loaded, one a month ago with its relevé."""
    from referral.demo.accounts import DEMO_DOMAIN

    users = session.scalars(
        select(User).where(User.email.endswith(f"@{DEMO_DOMAIN}")).order_by(User.email)
    )
    members = [user for user in users if user.has_role("eps_member")]
    agenda = [
        p for p in pathways if p.state in (PathwayState.FAMILY_AGREED, PathwayState.DIAGNOSED)
    ][:5]
    session.add(
        Meeting(
            programme=programme,
            held_on=today,
            title="Réunion d'EPS (démonstration)",
            members=members,
            agenda=agenda,
        )
    )
    reviewed = [p for p in pathways if p.state == PathwayState.ACTIVE][:3]
    past = Meeting(
        programme=programme,
        held_on=today - dt.timedelta(days=28),
        title="Réunion d'EPS du mois dernier (démonstration)",
        members=members,
        agenda=reviewed,
    )
    session.add(past)
    session.flush()
    for pathway in reviewed:
        session.add(
            MeetingDecision(
                meeting=past,
                pathway_id=pathway.id,
                orientations=[],
                notes=PAST_NOTES,
                next_review_on=today + dt.timedelta(days=60),
            )
        )
    session.flush()


PAST_NOTES = (
    "Situation revue en équipe. Le référent reprend contact avec la famille et propose "
    "les orientations retenues ; point d'étape à la prochaine réunion."
)
