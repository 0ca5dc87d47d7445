"""Every weight of the matching score, in one place (DESIGN §5).

A proposal's score is the sum of `weight × component`, each component between 0 and 1:

- `needs`: share of the child's open needs the service answers (a service answering two
  needs ranks above two that answer one each — it also weighs most in the combined plan);
- `distance`: 1 at the family's door, 0 at the family's maximum distance (linear decay);
  a service without a place (remote) counts `REMOTE_DISTANCE_COMPONENT`;
- `capacity`: open 1, waiting list from 0.6 down to 0.1 as the typical delay grows, full 0
  (full services are filtered out anyway);
- `cost`: free 1, income-based 0.6, paid 0.2 — weighted `cost_free_only` instead of `cost`
  when the family asked for free services only;
- `language`: the service speaks a language of the family other than French;
- `freshness`: 1 when verified within its update frequency, decaying to 0 at twice it;
- `acceptance`: share of this programme's concluded referrals the service accepted
  (smoothed towards `PRIOR_ACCEPTANCE` with `PRIOR_WEIGHT` imaginary referrals);
- `delay`: 1 for a first answer within a day, 0 at `SLOW_ANSWER_DAYS` or more;
- `reachable`: the service takes professional orientations (through Relais or a contact);
- `exact_fit`: added per need when the service covers the need itself, not only its domain.

A service that does not run in the next `HORIZON_DAYS` (seasons.py) is a near miss, not scored.
"""

from __future__ import annotations

WEIGHTS: dict[str, float] = {
    "needs": 3.0,
    "distance": 2.0,
    "capacity": 1.0,
    "cost": 0.5,
    "cost_free_only": 2.0,
    "language": 0.5,
    "freshness": 0.5,
    "acceptance": 1.0,
    "delay": 0.5,
    "reachable": 0.3,
    "exact_fit": 1.0,
}

REMOTE_DISTANCE_COMPONENT = 0.5
PRIOR_ACCEPTANCE = 0.5
PRIOR_WEIGHT = 2
SLOW_ANSWER_DAYS = 30
COST_COMPONENT = {"free": 1.0, "income_based": 0.6, "paid": 0.2}

#: How many proposals and near misses are kept per need.
MAX_PROPOSALS = 10
MAX_NEAR_MISSES = 8
