"""Matching (DESIGN §5): from a pathway's open needs to ranked proposals, near misses and a plan."""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import NeedTerm
from referral.matching import filters
from referral.matching.candidates import Candidate
from referral.matching.documents import service_documents
from referral.matching.history import histories
from referral.matching.index import find_candidates
from referral.matching.plan import PlanItem, greedy_cover
from referral.matching.profile import ChildProfile, profile_of
from referral.matching.reasons import Reason, reason
from referral.matching.scoring import score
from referral.matching.weights import MAX_NEAR_MISSES, MAX_PROPOSALS, WEIGHTS
from referral.pathways.models import Need, Pathway


@dataclass
class Proposal:
    """An eligible service for a need: its score, distance and reasons."""

    service_id: int
    score: float
    distance_km: float | None
    reasons: list[Reason]


@dataclass
class NearMiss:
    """A service that covers the need, within distance, but blocked by at least one filter."""

    service_id: int
    distance_km: float | None
    blocking: list[Reason]


@dataclass
class NeedMatches:
    """The proposals and near misses of one need."""

    need: Need
    proposals: list[Proposal] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)


@dataclass
class MatchResult:
    """Everything matching says about a pathway; `services` holds the services shown (dicts)."""

    needs: list[NeedMatches]
    plan: list[PlanItem]
    uncovered: list[Need]
    services: dict[int, dict[str, Any]]


def accepted_codes(session: Session, needs: list[Need], by_domain: bool) -> dict[int, set[str]]:
    """Return, per need, the taxonomy codes a service may cover to answer it."""
    codes = {need.id: {need.need_code} for need in needs}
    if not by_domain:
        return codes
    terms = session.execute(select(NeedTerm.code, NeedTerm.domain_code)).all()
    domain_of = dict(terms)
    by: dict[str, set[str]] = {}
    for code, domain in terms:
        by.setdefault(domain, set()).add(code)
    return {
        need.id: by.get(domain_of.get(need.need_code, ""), set()) | codes[need.id] for need in needs
    }


def match_pathway(session: Session, pathway: Pathway, day: dt.date) -> MatchResult:
    """Match a pathway's open needs against the active services of the catalogue."""
    needs = [need for need in pathway.needs if need.is_open]
    profile = profile_of(session, pathway, day)
    return match_needs(session, needs, profile, day, pathway.programme)


def match_needs(
    session: Session, needs: list[Need], profile: ChildProfile, day: dt.date, programme: object
) -> MatchResult:
    """Match given needs for a given profile (the programme sets domain matching and history)."""
    codes = accepted_codes(session, needs, bool(getattr(programme, "match_by_domain", False)))
    point = None
    if profile.latitude is not None and profile.longitude is not None:
        point = (profile.latitude, profile.longitude)
    every_code = set().union(*codes.values()) if codes else set()
    candidates = find_candidates(
        session,
        every_code,
        day,
        point=point,
        radius_km=profile.max_distance_km,
    )
    assessed = _assess(candidates, needs, codes, profile)
    eligible = _eligible_needs(assessed)
    past = histories(session, getattr(programme, "id", 0), set(eligible))
    scores, reasons = _score_all(candidates, eligible, assessed, profile, needs, past, day)
    per_need = [_rank(need, assessed, scores, reasons, candidates) for need in needs]
    labels = {need.id: need.term.label for need in needs}
    plan, left = greedy_cover(eligible, scores, {n.id: n.priority for n in needs}, labels)
    coverable = set().union(*eligible.values()) if eligible else set()
    uncovered = [need for need in needs if need.id in left or need.id not in coverable]
    shown = _shown_ids(per_need, plan)
    result = MatchResult(per_need, plan, uncovered, service_documents(session, shown))
    add_also_covers(result)
    return result


@dataclass
class Assessment:
    """Distance of each service kept, and per need the blocking reasons of each service."""

    distances: dict[int, float | None] = field(default_factory=dict)
    blocks: dict[int, dict[int, list[Reason]]] = field(default_factory=dict)


def _assess(
    candidates: dict[int, Candidate],
    needs: list[Need],
    codes: dict[int, set[str]],
    profile: ChildProfile,
) -> Assessment:
    """For each (service, need) it covers within distance: its distance and blocking reasons."""
    rows = [(need.id, need.concerns, frozenset(codes[need.id])) for need in needs]
    assessed = Assessment(blocks={need_id: {} for need_id, _, _ in rows})
    near = filters.NearnessTest(profile)
    for candidate in candidates.values():
        distance = near.distance(candidate.points)
        if distance is not None and distance > near.limit:
            continue
        assessed.distances[candidate.id] = distance
        common: list[Reason] | None = None
        for need_id, concerns, accepted in rows:
            if candidate.needs.isdisjoint(accepted):
                continue
            if common is None:
                common = filters.other_blocks(candidate, profile, "", distance)
            publics = filters.public_blocks(candidate, concerns)
            assessed.blocks[need_id][candidate.id] = publics + common if publics else common
    return assessed


def _eligible_needs(assessed: Assessment) -> dict[int, set[int]]:
    eligible: dict[int, set[int]] = {}
    for need_id, per_service in assessed.blocks.items():
        for service_id, blocks in per_service.items():
            if not blocks:
                eligible.setdefault(service_id, set()).add(need_id)
    return eligible


def _score_all(
    candidates: dict[int, Candidate],
    eligible: dict[int, set[int]],
    assessed: Assessment,
    profile: ChildProfile,
    needs: list[Need],
    past: dict,
    day: dt.date,
) -> tuple[dict[int, float], dict[int, list[Reason]]]:
    """Score each eligible service once (its score does not depend on the need)."""
    scores: dict[int, float] = {}
    reasons: dict[int, list[Reason]] = {}
    for service_id, need_ids in eligible.items():
        scores[service_id], reasons[service_id] = score(
            candidates[service_id],
            profile,
            distance=assessed.distances[service_id],
            covered=len(need_ids),
            open_needs=len(needs),
            history=past.get(service_id),
            day=day,
        )
    return scores, reasons


def fit_reason(need: Need, candidate: Candidate) -> Reason:
    """Say how a service fits the need: the need itself, or only its domain."""
    if need.need_code in candidate.needs:
        return reason("exact_fit", "correspond exactement au besoin")
    return reason("domain_fit", "couvre le domaine du besoin")


def _rank(
    need: Need,
    assessed: Assessment,
    scores: dict[int, float],
    reasons: dict[int, list[Reason]],
    candidates: dict[int, Candidate],
) -> NeedMatches:
    """Rank a need's proposals by score and its near misses by fewest blockers, then distance.

    A service that answers the need itself ranks above one that covers only its domain.
    """
    far = float("inf")
    proposals, misses = [], []
    fit: dict[int, float] = {}
    for service_id, blocks in assessed.blocks[need.id].items():
        distance = assessed.distances[service_id]
        if blocks:
            misses.append((len(blocks), far if distance is None else distance, service_id))
            continue
        exact = need.need_code in candidates[service_id].needs
        fit[service_id] = round(scores[service_id] + WEIGHTS["exact_fit"] * exact, 3)
        proposals.append((-fit[service_id], distance or 0.0, service_id))
    result = NeedMatches(need)
    for _, _, service_id in heapq.nsmallest(MAX_PROPOSALS, proposals):
        distance = _rounded(assessed.distances[service_id])
        shown = [fit_reason(need, candidates[service_id]), *reasons[service_id]]
        result.proposals.append(Proposal(service_id, fit[service_id], distance, shown))
    for _, _, service_id in heapq.nsmallest(MAX_NEAR_MISSES, misses):
        distance = _rounded(assessed.distances[service_id])
        result.near_misses.append(
            NearMiss(service_id, distance, assessed.blocks[need.id][service_id])
        )
    return result


def _rounded(distance: float | None) -> float | None:
    return None if distance is None else round(distance, 2)


def _shown_ids(per_need: list[NeedMatches], plan: list[PlanItem]) -> set[int]:
    shown = {item.service_id for item in plan}
    for each in per_need:
        shown |= {p.service_id for p in each.proposals} | {m.service_id for m in each.near_misses}
    return shown


def add_also_covers(result: MatchResult) -> None:
    """Add "couvre aussi : …" to a proposal that answers other needs of the child."""
    covering: dict[int, list[NeedMatches]] = {}
    for each in result.needs:
        for proposal in each.proposals:
            covering.setdefault(proposal.service_id, []).append(each)
    for each in result.needs:
        for proposal in each.proposals:
            others = [
                m.need.term.label.lower() for m in covering[proposal.service_id] if m is not each
            ]
            if others:
                proposal.reasons.insert(
                    1, reason("also_covers", "couvre aussi : " + ", ".join(others))
                )
