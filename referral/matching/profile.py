"""The child's profile as matching sees it: age, level, place, flags, languages, constraints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Commune
from referral.pathways.models import Pathway
from referral.referrals.models import Referral, ReferralState

#: Finer school classes, folded to the catalogue's four school levels.
LEVEL_OF_CLASS = {
    **dict.fromkeys(["ps", "ms", "gs", "maternelle"], "maternelle"),
    **dict.fromkeys(["cp", "ce1", "ce2", "cm1", "cm2", "elementaire"], "elementaire"),
    **dict.fromkeys(["6e", "5e", "4e", "3e", "college", "ulis", "segpa"], "college"),
    **dict.fromkeys(["2nde", "1re", "tle", "cap", "lycee"], "lycee"),
}

DECLINED_STATES = (ReferralState.DECLINED_BY_PARTNER, ReferralState.FAMILY_DECLINED)


def school_level_of(value: str | None) -> str | None:
    """Fold a class ("CM1", "6e") or a level to one of maternelle/elementaire/college/lycee."""
    return LEVEL_OF_CLASS.get((value or "").strip().lower()) if value else None


@dataclass
class ChildProfile:
    """Everything the filters and the score need to know about a child and its family."""

    age: int
    school_level: str | None
    commune_insee: str | None
    department_code: str | None
    epci_siren: str | None
    latitude: float | None
    longitude: float | None
    qpv: bool = False
    school_priority: str = "none"
    mdph_notification: bool = False
    languages: list[str] = field(default_factory=list)
    max_distance_km: float = 10.0
    free_only: bool = False
    days_available: frozenset[str] = frozenset()
    declined_service_ids: set[int] = field(default_factory=set)
    #: The day matching runs for (seasons are read from it).
    day: dt.date = field(default_factory=dt.date.today)

    @property
    def has_point(self) -> bool:
        """Tell whether the family can be placed on the map."""
        return self.latitude is not None and self.longitude is not None


def declined_service_ids(session: Session, child_id: int) -> set[int]:
    """Return the services that refused this child, or that the family refused, in any pathway."""
    query = (
        select(Referral.service_id)
        .join(Pathway, Pathway.id == Referral.pathway_id)
        .where(Pathway.child_id == child_id, Referral.state.in_([str(s) for s in DECLINED_STATES]))
    )
    return set(session.scalars(query))


def profile_of(session: Session, pathway: Pathway, day: dt.date) -> ChildProfile:
    """Build the matching profile of a pathway's child on a day."""
    child, family = pathway.child, pathway.child.family
    commune = session.get(Commune, family.commune_insee) if family.commune_insee else None
    latitude, longitude = family.latitude, family.longitude
    if (latitude is None or longitude is None) and commune is not None:
        latitude, longitude = commune.latitude, commune.longitude
    return ChildProfile(
        age=child.age_on(day),
        school_level=school_level_of(child.school_level),
        commune_insee=family.commune_insee,
        department_code=commune.department_code if commune else None,
        epci_siren=commune.epci_siren if commune else None,
        latitude=latitude,
        longitude=longitude,
        qpv=family.qpv,
        school_priority=child.school_priority or "none",
        mdph_notification=child.mdph_notification,
        languages=list(family.languages or []),
        max_distance_km=family.max_distance_km or 10.0,
        free_only=family.free_only,
        days_available=frozenset(family.days_available or ()),
        declined_service_ids=declined_service_ids(session, child.id),
        day=day,
    )
