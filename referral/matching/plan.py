"""The combined plan: few services covering every need (greedy weighted set cover), explained."""

from __future__ import annotations

from dataclasses import dataclass

PRIORITY_WEIGHT = {1: 1.5, 2: 1.0, 3: 0.75}


@dataclass
class PlanItem:
    """One service of the plan, the needs it answers, and why it was chosen."""

    service_id: int
    need_ids: list[int]
    explanation: str


def greedy_cover(
    eligible: dict[int, set[int]],
    scores: dict[int, float],
    priorities: dict[int, int],
    labels: dict[int, str],
) -> tuple[list[PlanItem], set[int]]:
    """Pick services until every coverable need is covered; return the plan and what is left.

    Each step takes the service with the best ratio of newly covered needs (weighted by
    priority) to its cost, where a cost of 1 plus up to 1 for a low score makes the plan
    prefer few services first, then good ones.
    """
    best = max(scores.values(), default=1.0) or 1.0
    uncovered = set().union(*eligible.values()) if eligible else set()
    plan: list[PlanItem] = []
    while uncovered:
        chosen, gain = _best_step(eligible, scores, priorities, uncovered, best)
        if chosen is None:
            break
        new = sorted(eligible[chosen] & uncovered)
        uncovered -= set(new)
        plan.append(PlanItem(chosen, new, _explain(new, labels, gain, scores[chosen])))
    return plan, uncovered


def _best_step(
    eligible: dict[int, set[int]],
    scores: dict[int, float],
    priorities: dict[int, int],
    uncovered: set[int],
    best: float,
) -> tuple[int | None, float]:
    chosen: int | None = None
    chosen_key: tuple[float, float, int] = (0.0, 0.0, 0)
    for service_id, needs in eligible.items():
        new = needs & uncovered
        if not new:
            continue
        cost = 1 + (best - scores[service_id]) / best
        gain = sum(PRIORITY_WEIGHT.get(priorities[need], 1.0) for need in new) / cost
        key = (gain, scores[service_id], -service_id)
        if chosen is None or key > chosen_key:
            chosen, chosen_key = service_id, key
    return chosen, chosen_key[0]


def _explain(need_ids: list[int], labels: dict[int, str], gain: float, score: float) -> str:
    names = ", ".join(labels[need] for need in need_ids)
    if len(need_ids) > 1:
        return f"Couvre {len(need_ids)} besoins à la fois : {names} (score {score:.1f})."
    return f"Meilleure proposition restante pour : {names} (score {score:.1f})."
