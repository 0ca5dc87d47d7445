"""Every indicator of issue 8, computed from pathway facts over a period (no database here).

Definitions (also shown under each table):
- a child is *open at the end* when the pathway was identified on or before the last day and
  not exited before it; *opened* = identified during the period; *closed* = exited during it;
- ages are taken on the last day of the period;
- needs count when identified during the period; referrals count in a column when they first
  reached that state during the period;
- the acceptance rate is accepted / (accepted + declined by the partner + expired), over the
  answers of the period; the delay runs from the proposal to the relay accepted;
- the taux d'individualisation is the share of the children recorded in the period (pathway
  open at some point of it) that were past the family's agreement by its end.
"""

from __future__ import annotations

import statistics

from referral.indicators.breakdowns import (
    children_tables,
    exit_tables,
    needs_tables,
    referral_tables,
    referrals_in,
    unmet_tables,
)
from referral.indicators.facts import PathwayFact
from referral.indicators.grouping import Labels, Period
from referral.indicators.tables import Figure, Table


def _rate(key: str, label: str, numerator: int, base: int) -> Figure:
    value = round(100 * numerator / base, 1) if base else None
    return Figure(key=key, label=label, value=value, base=base, unit="%")


def _median(key: str, label: str, values: list[int], unit: str) -> Figure:
    value = float(statistics.median(values)) if values else None
    return Figure(key=key, label=label, value=value, base=len(values), unit=unit)


def referral_figures(facts: list[PathwayFact], period: Period) -> list[Figure]:
    """Return the acceptance rate and the median delay from proposal to relay accepted."""
    referrals = referrals_in(facts)
    accepted = [r for r in referrals if r.reached.get("relay_accepted") in period]
    answered = [
        r
        for r in referrals
        if any(
            r.reached.get(s) in period for s in ("relay_accepted", "declined_by_partner", "expired")
        )
    ]
    delays = [
        (r.reached["relay_accepted"] - r.reached["proposed"]).days
        for r in accepted
        if "proposed" in r.reached
    ]
    return [
        _rate(
            "acceptance_rate", "Taux d'acceptation des orientations", len(accepted), len(answered)
        ),
        _median(
            "median_days_to_relay",
            "Délai médian de la proposition au relais accepté",
            delays,
            "jours",
        ),
    ]


def exit_figures(facts: list[PathwayFact], period: Period) -> list[Figure]:
    """Return the share of exits with every open need relayed and the post-exit checks."""
    exits = [f for f in facts if f.exited_on in period]
    checked = [f for f in facts if f.post_exit_checked_on in period]
    confirmed = sum(1 for f in checked if f.post_exit_relay_effective)
    lengths = [(f.exited_on - (f.agreed_on or f.identified_on)).days for f in exits if f.exited_on]
    return [
        _rate(
            "exits_all_relayed",
            "Sorties dont chaque besoin ouvert est relayé",
            sum(1 for f in exits if f.every_open_need_relayed),
            len(exits),
        ),
        Figure(
            "post_exit_confirmed",
            "Relais confirmés après la sortie",
            confirmed,
            confirmed,
            "enfants",
        ),
        _rate(
            "post_exit_confirmed_rate",
            "Relais confirmés parmi les sorties vérifiées",
            confirmed,
            len(checked),
        ),
        _median(
            "median_pathway_days",
            "Durée médiane des parcours sortis (de l'accord à la sortie)",
            lengths,
            "jours",
        ),
    ]


def pathway_figures(facts: list[PathwayFact], period: Period) -> list[Figure]:
    """Return the headline counts and the taux d'individualisation."""
    recorded = [f for f in facts if f.overlaps(period.start, period.end)]
    individual = sum(1 for f in recorded if f.agreed_on is not None and f.agreed_on <= period.end)
    opened = sum(1 for f in facts if f.identified_on in period)
    closed = sum(1 for f in facts if f.exited_on in period)
    open_at_end = sum(1 for f in facts if f.is_open_on(period.end))
    return [
        Figure(
            "children_recorded",
            "Enfants suivis pendant la période",
            len(recorded),
            len(recorded),
            "enfants",
        ),
        Figure(
            "children_open_at_end",
            "Enfants en parcours en fin de période",
            open_at_end,
            open_at_end,
            "enfants",
        ),
        Figure("children_opened", "Parcours ouverts", opened, opened, "enfants"),
        Figure("children_closed", "Parcours clos", closed, closed, "enfants"),
        _rate("individualisation_rate", "Taux d'individualisation", individual, len(recorded)),
    ]


def compute(
    facts: list[PathwayFact], period: Period, labels: Labels
) -> tuple[list[Figure], list[Table]]:
    """Return every figure and table for the facts over a period."""
    figures = [
        *pathway_figures(facts, period),
        *referral_figures(facts, period),
        *exit_figures(facts, period),
    ]
    tables = [
        *children_tables(facts, period, labels),
        *needs_tables(facts, period, labels),
        *referral_tables(facts, period, labels),
        *exit_tables(facts, period, labels),
        *unmet_tables(facts, period, labels),
    ]
    return figures, tables
