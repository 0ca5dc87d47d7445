"""Helpers for matching tests: a child in Poitiers and services placed around it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from catalogue.models import NeedTerm, Service
from referral.matching import match_pathway
from referral.matching.engine import MatchResult, NeedMatches
from referral.pathways.models import Need, Pathway
from tests.common.factories import (
    ChildFactory,
    FamilyFactory,
    NeedFactory,
    PathwayFactory,
    PlaceFactory,
    ServiceFactory,
)

DAY = dt.date(2026, 11, 30)
POITIERS = (46.5802, 0.3404)
SOUTIEN = "scolarite--soutien-scolaire"
SPORT = "sport--pratique-en-club"
LECTURE = "culture-loisirs--lecture"


def child_pathway(*, age: int = 9, needs: tuple[str, ...] = (SOUTIEN,), **family: Any) -> Pathway:
    """Create a pathway for a child of `age` in Poitiers with the given open needs."""
    birth = dt.date(DAY.year - age, 1, 15)
    child = ChildFactory(birth_date=birth, family=FamilyFactory(**family))
    pathway = PathwayFactory(child=child)
    for code in needs:
        NeedFactory(pathway=pathway, need_code=code)
    return pathway


def service(session: Session, *codes: str, km_north: float | None = 1.0, **fields: Any) -> Service:
    """Create an active service covering `codes`, placed `km_north` km north of Poitiers."""
    terms = [session.get(NeedTerm, code) for code in codes or (SOUTIEN,)]
    places = []
    if km_north is not None:
        places = [PlaceFactory(latitude=POITIERS[0] + km_north / 111.2, longitude=POITIERS[1])]
    return ServiceFactory(need_terms=terms, at=places, **fields)


def run(session: Session, pathway: Pathway) -> MatchResult:
    """Match a pathway on the test day."""
    session.flush()
    session.expire(pathway, ["needs"])
    return match_pathway(session, pathway, DAY)


def for_need(result: MatchResult, code: str) -> NeedMatches:
    """Return the matches of the need with this code."""
    return next(each for each in result.needs if each.need.need_code == code)


def proposed(result: MatchResult, code: str = SOUTIEN) -> list[int]:
    """Return the ids of the services proposed for a need, in rank order."""
    return [p.service_id for p in for_need(result, code).proposals]


def blocking(result: MatchResult, service_id: int, code: str = SOUTIEN) -> list[str]:
    """Return the blocking reason texts of a near miss (empty if not a near miss)."""
    misses = for_need(result, code).near_misses
    return next(([b["text"] for b in m.blocking] for m in misses if m.service_id == service_id), [])


__all__ = ["Need"]
