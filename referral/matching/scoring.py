"""The score of a proposal and the reasons that explain it (weights in `weights.py`)."""

from __future__ import annotations

import datetime as dt

from referral.french import plural
from referral.matching.candidates import Candidate
from referral.matching.history import ServiceHistory
from referral.matching.profile import ChildProfile
from referral.matching.reasons import Reason, km, language_name, reason, waiting_time
from referral.matching.weights import (
    COST_COMPONENT,
    PRIOR_ACCEPTANCE,
    PRIOR_WEIGHT,
    REMOTE_DISTANCE_COMPONENT,
    SLOW_ANSWER_DAYS,
    WEIGHTS,
)

COST_TEXT = {"free": "gratuit", "income_based": "selon le quotient familial", "paid": "payant"}


def distance_part(distance: float | None, profile: ChildProfile) -> tuple[float, Reason]:
    """Decay linearly from the family's door to its maximum distance."""
    if distance is None:
        return REMOTE_DISTANCE_COMPONENT, reason("remote", "à distance ou sans lieu d'accueil")
    component = max(0.0, 1 - distance / max(profile.max_distance_km, 0.1))
    return component, reason("distance", f"à {km(distance)}")


def capacity_part(candidate: Candidate) -> tuple[float, Reason]:
    """Open services first, then waiting lists by their typical delay."""
    if candidate.capacity == "waitlist":
        weeks = candidate.waitlist_weeks
        component = 0.4 if weeks is None else max(0.1, 0.6 - weeks / 52)
        return component, reason("waitlist", waiting_time(weeks))
    return 1.0, reason("open", "accepte les orientations")


def cost_part(candidate: Candidate, profile: ChildProfile) -> tuple[float, Reason]:
    """Free first, weighing more when the family asked for free services only."""
    weight = WEIGHTS["cost_free_only"] if profile.free_only else WEIGHTS["cost"]
    component = COST_COMPONENT.get(candidate.cost, 0.2)
    text = COST_TEXT.get(candidate.cost, candidate.cost)
    return weight * component, reason(
        "cost" if candidate.cost == "free" else "cost_" + candidate.cost, text
    )


def language_part(candidate: Candidate, profile: ChildProfile) -> tuple[float, Reason | None]:
    """A language the family speaks at home, other than French."""
    shared = [code for code in profile.languages if code != "fr" and code in candidate.languages]
    if not shared:
        return 0.0, None
    return 1.0, reason("language", "parle " + ", ".join(language_name(code) for code in shared))


def freshness_part(candidate: Candidate, day: dt.date) -> tuple[float, Reason | None]:
    """Entries verified within their update frequency are trusted; older ones decay."""
    if candidate.last_verified_on is None:
        return 0.0, reason("stale", "fiche jamais vérifiée")
    age = (day - candidate.last_verified_on).days
    frequency = max(candidate.update_frequency_days, 1)
    if age <= frequency:
        return 1.0, None
    months = age // 30
    return max(0.0, 2 - age / frequency), reason(
        "stale", f"fiche non vérifiée depuis {months} mois"
    )


def history_part(history: ServiceHistory | None) -> tuple[float, float, list[Reason]]:
    """Smoothed acceptance rate and answer delay for this programme, with their reasons."""
    if history is None or (history.concluded == 0 and not history.answer_days):
        return PRIOR_ACCEPTANCE, 0.5, []
    rate = (history.accepted + PRIOR_ACCEPTANCE * PRIOR_WEIGHT) / (history.concluded + PRIOR_WEIGHT)
    reasons = []
    if history.concluded:
        accepted = plural(history.accepted, "relais accepté", "relais acceptés")
        reasons.append(reason("acceptance", f"{accepted} sur {history.concluded}"))
    delay = 0.5
    if (days := history.median_answer_days) is not None:
        delay = max(0.0, 1 - days / SLOW_ANSWER_DAYS)
        reasons.append(reason("delay", f"répond en ~{plural(max(round(days), 1), 'jour')}"))
    return rate, delay, reasons


def score(
    candidate: Candidate,
    profile: ChildProfile,
    *,
    distance: float | None,
    covered: int,
    open_needs: int,
    history: ServiceHistory | None,
    day: dt.date,
) -> tuple[float, list[Reason]]:
    """Return a proposal's score and its reasons (distance first, then what matters)."""
    dist, dist_reason = distance_part(distance, profile)
    capacity, capacity_reason = capacity_part(candidate)
    cost, cost_reason = cost_part(candidate, profile)
    language, language_reason = language_part(candidate, profile)
    fresh, fresh_reason = freshness_part(candidate, day)
    acceptance, delay, history_reasons = history_part(history)
    reachable = candidate.has_referral_contact or "relais" in candidate.mobilisation
    total = (
        WEIGHTS["needs"] * covered / max(open_needs, 1)
        + WEIGHTS["distance"] * dist
        + WEIGHTS["capacity"] * capacity
        + cost
        + WEIGHTS["language"] * language
        + WEIGHTS["freshness"] * fresh
        + WEIGHTS["acceptance"] * acceptance
        + WEIGHTS["delay"] * delay
        + WEIGHTS["reachable"] * reachable
    )
    reasons = [
        dist_reason,
        cost_reason,
        capacity_reason,
        language_reason,
        *history_reasons,
        fresh_reason,
    ]
    return round(total, 3), [each for each in reasons if each is not None]
