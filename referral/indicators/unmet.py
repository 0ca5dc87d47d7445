"""Unmet needs: needs for which no eligible service exists within the family's maximum distance.

The matching engine (`referral.matching.engine.match_needs`) decides: a need is unmet when it is
among the result's `uncovered`. Without the engine, `has_eligible_service` applies the hard
filters of DESIGN §5 itself (kept as the fallback and for the purge's traces).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.geography import haversine_km
from catalogue.models import Commune, NeedTerm, Service, ServiceStatus
from referral.matching.profile import school_level_of
from referral.pathways.models import Child, Family, Need, Pathway, Programme

REP_LEVELS = frozenset({"rep", "rep_plus", "rep+", "repplus"})


def _matching_engine() -> tuple[Callable[..., Any], Callable[..., Any]] | None:
    """Return the matching engine's `match_needs` and `profile_of` when they are there."""
    try:
        engine = importlib.import_module("referral.matching.engine")
        profile = importlib.import_module("referral.matching.profile")
    except ImportError:
        return None
    found = getattr(engine, "match_needs", None), getattr(profile, "profile_of", None)
    return (found[0], found[1]) if found[0] and found[1] else None


def _engine_flags(
    session: Session, needs: list[Need], programme: Programme, day: dt.date
) -> dict[int, bool]:
    """Ask the matching engine, pathway by pathway, which needs nothing can cover."""
    match_needs, profile_of = _matching_engine() or (None, None)
    assert match_needs is not None and profile_of is not None
    grouped: dict[int, list[Need]] = {}
    for need in needs:
        grouped.setdefault(need.pathway_id, []).append(need)
    flags: dict[int, bool] = {}
    for group in grouped.values():
        profile = profile_of(session, group[0].pathway, day)
        result = match_needs(session, group, profile, day, programme)
        uncovered = {need.id for need in result.uncovered}
        flags.update({need.id: need.id in uncovered for need in group})
    return flags


def _family_point(family: Family, commune: Commune | None) -> tuple[float, float] | None:
    if family.latitude is not None and family.longitude is not None:
        return family.latitude, family.longitude
    if commune is not None:
        return commune.latitude, commune.longitude
    return None


def _within_distance(service: Service, point: tuple[float, float] | None, max_km: float) -> bool:
    located = [p for p in service.places if p.latitude is not None and p.longitude is not None]
    if not located or point is None:
        return True  # remote services (no place) pass, as in matching
    return any(haversine_km(*point, p.latitude, p.longitude) <= max_km for p in located)  # type: ignore[arg-type]


def _in_area(service: Service, commune: Commune | None) -> bool:
    areas = (service.area_communes, service.area_departments, service.area_epcis)
    if not any(areas) or commune is None:
        return not any(areas)
    return (
        commune.insee_code in service.area_communes
        or commune.department_code in service.area_departments
        or (commune.epci_siren or "") in service.area_epcis
    )


def _profile_fits(service: Service, need: Need, child: Child, day: dt.date) -> bool:
    age = child.age_on(day)
    family = child.family
    return (
        (service.age_min is None or age >= service.age_min)
        and (service.age_max is None or age <= service.age_max)
        and (
            not service.school_levels
            or school_level_of(child.school_level) in service.school_levels
        )
        and (not service.publics or need.concerns in service.publics)
        and (not service.qpv_only or family.qpv)
        and (not service.rep_only or child.school_priority in REP_LEVELS)
        and (not service.mdph_required or child.mdph_notification)
        and service.capacity != "full"
    )


def has_eligible_service(
    need: Need, child: Child, candidates: Iterable[Service], commune: Commune | None, day: dt.date
) -> bool:
    """Tell whether one candidate service passes every hard filter for this need and child."""
    point = _family_point(child.family, commune)
    return any(
        service.is_active_on(day)
        and _within_distance(service, point, child.family.max_distance_km)
        and _in_area(service, commune)
        and _profile_fits(service, need, child, day)
        for service in candidates
    )


def candidate_services(
    session: Session, need_codes: set[str], by_domain: bool
) -> dict[str, list[Service]]:
    """Return, per need code, the active or suspended services covering it (or its domain)."""
    terms = {
        t.code: t for t in session.scalars(select(NeedTerm).where(NeedTerm.code.in_(need_codes)))
    }
    query = (
        select(Service)
        .where(Service.status.in_([ServiceStatus.ACTIVE, ServiceStatus.SUSPENDED]))
        .options(selectinload(Service.needs), selectinload(Service.places))
    )
    if by_domain:
        domains = {t.domain_code for t in terms.values()}
        query = query.where(Service.needs.any(NeedTerm.domain_code.in_(domains)))
    else:
        query = query.where(Service.needs.any(NeedTerm.code.in_(need_codes)))
    services = list(session.scalars(query))
    found: dict[str, list[Service]] = {}
    for code, term in terms.items():
        found[code] = [
            s
            for s in services
            if code in s.need_codes
            or (by_domain and any(n.domain_code == term.domain_code for n in s.needs))
        ]
    return found


def unmet_flags(
    session: Session, needs: list[Need], programme: Programme, day: dt.date
) -> dict[int, bool]:
    """Return, for each need (by id), whether no eligible service exists for it on a day."""
    if _matching_engine() is not None:
        return _engine_flags(session, needs, programme, day)
    candidates = candidate_services(
        session, {n.need_code for n in needs}, programme.match_by_domain
    )
    communes = {
        c.insee_code: c
        for c in session.scalars(
            select(Commune).where(
                Commune.insee_code.in_({n.pathway.child.family.commune_insee for n in needs})
            )
        )
    }
    return {
        need.id: not has_eligible_service(
            need,
            need.pathway.child,
            candidates.get(need.need_code, []),
            communes.get(need.pathway.child.family.commune_insee or ""),
            day,
        )
        for need in needs
    }


def programme_needs(session: Session, pathway_ids: list[int]) -> list[Need]:
    """Return the needs of the given pathways with their child and family loaded."""
    if not pathway_ids:
        return []
    query = (
        select(Need)
        .where(Need.pathway_id.in_(pathway_ids), Need.status != "dropped")
        .options(selectinload(Need.pathway).selectinload(Pathway.child).selectinload(Child.family))
        .order_by(Need.id)
    )
    return list(session.scalars(query))
