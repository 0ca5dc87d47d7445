"""Hard filters (DESIGN §5): each returns the reasons that block a service, empty when it passes."""

from __future__ import annotations

import math

from catalogue.geography import KM_PER_DEGREE, haversine_km, km_per_degree_longitude
from catalogue.hours import DAY_NAMES, WEEKDAYS
from referral.matching.candidates import Candidate
from referral.matching.profile import ChildProfile
from referral.matching.reasons import Reason, levels_text, reason
from referral.matching.seasons import period_text, runs_soon

REP_PRIORITIES = {"rep", "rep+", "rep_plus", "repplus"}


def nearest_km(candidate: Candidate, profile: ChildProfile) -> float | None:
    """Return the distance to the service's nearest place, None if remote or no family point."""
    if candidate.is_remote or profile.latitude is None or profile.longitude is None:
        return None
    lat, lon = profile.latitude, profile.longitude
    return min(haversine_km(lat, lon, plat, plon) for plat, plon in candidate.points)


class NearnessTest:
    """The distance to a service's nearest place, rejecting far places cheaply first.

    An equirectangular estimate (exact enough at these ranges) discards the places clearly
    beyond the limit; haversine is computed only for the others. Far services come back
    as `math.inf`; remote services (no place) or a family without a point as None.
    """

    MARGIN_KM = 1.0

    def __init__(self, profile: ChildProfile) -> None:
        self.limit = profile.max_distance_km
        self.lat, self.lon = profile.latitude, profile.longitude
        self.km_per_lon = km_per_degree_longitude(self.lat or 0.0)
        self.rough = (self.limit + self.MARGIN_KM) ** 2

    def distance(self, points: list[tuple[float, float]]) -> float | None:
        """Return the distance to the nearest place (inf when all are clearly too far)."""
        if not points or self.lat is None or self.lon is None:
            return None
        best = math.inf
        for plat, plon in points:
            dy, dx = (plat - self.lat) * KM_PER_DEGREE, (plon - self.lon) * self.km_per_lon
            if dx * dx + dy * dy <= self.rough:
                best = min(best, haversine_km(self.lat, self.lon, plat, plon))
        return best


def distance_blocks(distance: float | None, profile: ChildProfile) -> list[Reason]:
    """Beyond the family's maximum distance (remote services and unknown distances pass)."""
    if distance is None or distance <= profile.max_distance_km:
        return []
    limit = f"{profile.max_distance_km:g}".replace(".", ",")
    return [reason("too_far", f"à {distance:.1f} km > {limit} km maximum".replace(".", ",", 1))]


def age_blocks(candidate: Candidate, profile: ChildProfile) -> list[Reason]:
    """The child's age outside the service's bounds (inclusive)."""
    if candidate.age_max is not None and profile.age > candidate.age_max:
        return [reason("age_above", f"{profile.age} ans > {candidate.age_max} ans maximum")]
    if candidate.age_min is not None and profile.age < candidate.age_min:
        return [reason("age_below", f"{profile.age} ans < {candidate.age_min} ans minimum")]
    return []


def level_blocks(candidate: Candidate, profile: ChildProfile) -> list[Reason]:
    """The child's school level outside the service's levels (no level known: passes)."""
    if not candidate.school_levels or profile.school_level is None:
        return []
    if profile.school_level in candidate.school_levels:
        return []
    child_level = levels_text([profile.school_level])
    text = f"niveau {child_level} non accepté ({levels_text(candidate.school_levels)})"
    return [reason("school_level", text)]


def public_blocks(candidate: Candidate, concerns: str) -> list[Reason]:
    """A parents-only service does not answer a child's need, a children-only one a parent's."""
    publics = set(candidate.publics)
    if not publics or "family" in publics:
        return []
    if concerns in ("child", "sibling") and "child" not in publics:
        return [reason("public_parents", "réservé aux parents")]
    if concerns == "family" and "parent" not in publics:
        return [reason("public_children", "réservé aux enfants")]
    return []


def area_blocks(
    candidate: Candidate, profile: ChildProfile, distance: float | None
) -> list[Reason]:
    """The family's commune outside the service area (communes, départements, EPCI, radius)."""
    zoned = candidate.area_communes or candidate.area_departments or candidate.area_epcis
    if not zoned and candidate.area_radius_km is None:
        return []
    inside = (
        profile.commune_insee in candidate.area_communes
        or profile.department_code in candidate.area_departments
        or profile.epci_siren in candidate.area_epcis
        or (
            candidate.area_radius_km is not None
            and distance is not None
            and distance <= candidate.area_radius_km
        )
    )
    return [] if inside else [reason("out_of_area", "hors secteur")]


def flag_blocks(candidate: Candidate, profile: ChildProfile) -> list[Reason]:
    """QPV residents only, REP/REP+ pupils only, MDPH notification required."""
    blocks = []
    if candidate.qpv_only and not profile.qpv:
        blocks.append(reason("qpv_only", "réservé aux habitants d'un quartier prioritaire (QPV)"))
    if candidate.rep_only and profile.school_priority.lower() not in REP_PRIORITIES:
        blocks.append(reason("rep_only", "réservé aux élèves scolarisés en REP/REP+"))
    if candidate.mdph_required and not profile.mdph_notification:
        blocks.append(reason("mdph_required", "notification MDPH requise"))
    return blocks


def capacity_blocks(candidate: Candidate) -> list[Reason]:
    """Full services take nobody now (waiting lists pass, and are shown)."""
    return [reason("full", "complet")] if candidate.capacity == "full" else []


def declined_blocks(candidate: Candidate, profile: ChildProfile) -> list[Reason]:
    """Already refused for this child (by the partner or by the family)."""
    if candidate.id in profile.declined_service_ids:
        return [reason("already_declined", "déjà refusé pour cet enfant")]
    return []


def days_blocks(candidate: Candidate, profile: ChildProfile) -> list[Reason]:
    """Open none of the days the family is available (unknown hours never block)."""
    if not profile.days_available or candidate.open_days is None:
        return []
    if candidate.open_days & profile.days_available:
        return []
    days = ", ".join(DAY_NAMES[day] for day in WEEKDAYS if day in profile.days_available)
    return [
        reason("closed_on_family_days", f"fermé les jours où la famille est disponible ({days})")
    ]


def period_blocks(candidate: Candidate, profile: ChildProfile) -> list[Reason]:
    """Not running in the next eight weeks (month ranges of its hours; `SH` never blocks)."""
    if runs_soon(candidate.seasons, profile.day) or candidate.seasons is None:
        return []
    return [reason("off_season", "hors période : " + period_text(candidate.seasons, profile.day))]


def other_blocks(
    candidate: Candidate, profile: ChildProfile, concerns: str, distance: float | None
) -> list[Reason]:
    """Every blocking reason except need coverage and distance, in a stable order.

    An empty `concerns` leaves out the publics filter (the engine applies it per need).
    """
    return [
        *(public_blocks(candidate, concerns) if concerns else ()),
        *age_blocks(candidate, profile),
        *level_blocks(candidate, profile),
        *area_blocks(candidate, profile, distance),
        *flag_blocks(candidate, profile),
        *capacity_blocks(candidate),
        *days_blocks(candidate, profile),
        *period_blocks(candidate, profile),
        *declined_blocks(candidate, profile),
    ]
