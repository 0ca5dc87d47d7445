"""The indicator tables: children, needs, referrals, exits and unmet needs, broken down."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from referral.indicators.facts import NeedFact, PathwayFact, ReferralFact
from referral.indicators.grouping import (
    AGE_BANDS,
    PATHWAY_COLUMNS,
    PRIORITIES,
    REFERRAL_COLUMNS,
    SEXES,
    Labels,
    Period,
    age_band,
    count_rows,
    make_table,
    school_level,
    school_priority,
)
from referral.indicators.tables import Table


def children_table(
    facts: list[PathwayFact],
    period: Period,
    key: str,
    title: str,
    header: str,
    category: Callable[[PathwayFact], str],
    labels: dict[str, str],
    order: Iterable[str] = (),
) -> Table:
    """Return open-at-end / opened / closed counts of children by one category."""
    counts: dict[str, Counter[str]] = {}
    for fact in facts:
        flags = {
            "open_at_end": fact.is_open_on(period.end),
            "opened": fact.identified_on in period,
            "closed": fact.exited_on in period,
        }
        if any(flags.values()):
            row = counts.setdefault(category(fact), Counter())
            row.update(column for column, on in flags.items() if on)
    rows = count_rows(counts, labels, order)
    return make_table(key, title, header, PATHWAY_COLUMNS, rows)


def children_tables(facts: list[PathwayFact], period: Period, labels: Labels) -> list[Table]:
    """Return the children tables by sex, age band, school level, REP/REP+ and QPV."""
    bands = {k: label for k, label, _, _ in AGE_BANDS}
    residence = {"qpv": "en QPV", "hors_qpv": "hors QPV"}
    specs: list[tuple[str, str, str, Callable[[PathwayFact], str], Any, Any]] = [
        ("children_by_sex", "Enfants par sexe", "Sexe", lambda f: f.sex, SEXES, SEXES),
        (
            "children_by_age",
            "Enfants par âge (en fin de période)",
            "Âge",
            lambda f: age_band(f, period.end),
            bands,
            bands,
        ),
        (
            "children_by_school_level",
            "Enfants par niveau scolaire",
            "Niveau",
            school_level,
            labels.school_levels,
            labels.school_levels,
        ),
        (
            "children_by_school_priority",
            "Enfants scolarisés en REP / REP+",
            "École",
            school_priority,
            PRIORITIES,
            PRIORITIES,
        ),
        (
            "children_by_qpv",
            "Enfants résidant en QPV",
            "Résidence",
            lambda f: "qpv" if f.qpv else "hors_qpv",
            residence,
            ["qpv", "hors_qpv"],
        ),
    ]
    return [children_table(facts, period, *spec) for spec in specs]


def needs_in_period(facts: list[PathwayFact], period: Period) -> list[NeedFact]:
    """Return the needs identified during the period."""
    return [need for fact in facts for need in fact.needs if need.identified_on in period]


def _single(
    key: str,
    title: str,
    header: str,
    keys: Iterable[str],
    labels: dict[str, str],
    unit: str,
    column: str = "count",
    column_label: str = "nombre",
) -> Table:
    counts: dict[str, Counter[str]] = {}
    for each in keys:
        counts.setdefault(each, Counter())[column] += 1
    rows = count_rows(counts, labels, labels)
    return make_table(key, title, header, [(column, column_label)], rows, unit=unit)


def needs_tables(facts: list[PathwayFact], period: Period, labels: Labels) -> list[Table]:
    """Return the needs identified by domain, by need and by who raised them."""
    needs = needs_in_period(facts, period)
    by_need = _single(
        "needs_by_need",
        "Besoins repérés par besoin",
        "Besoin",
        [n.code for n in needs],
        labels.needs,
        "besoins",
    )
    domains = {n.code: n.domain for n in needs}
    for row in by_need.rows:
        row.group = domains[row.key]  # each need adds up into its domain (see identities.py)
    return [
        _single(
            "needs_by_domain",
            "Besoins repérés par domaine",
            "Domaine",
            [n.domain for n in needs],
            labels.domains,
            "besoins",
        ),
        by_need,
        _single(
            "needs_by_origin",
            "Besoins repérés : qui les a signalés",
            "Origine",
            [n.origin for n in needs],
            labels.origins,
            "besoins",
        ),
    ]


def referrals_in(facts: list[PathwayFact]) -> list[ReferralFact]:
    """Return every referral of the facts."""
    return [referral for fact in facts for referral in fact.referrals]


def referral_table(
    referrals: list[ReferralFact],
    period: Period,
    key: str,
    title: str,
    header: str,
    category: Callable[[ReferralFact], str],
    labels: dict[str, str],
) -> Table:
    """Return referral counts by stage reached during the period, by one category."""
    counts: dict[str, Counter[str]] = {}
    for referral in referrals:
        reached = [state for state, _ in REFERRAL_COLUMNS if referral.reached.get(state) in period]
        if reached:
            counts.setdefault(category(referral), Counter()).update(reached)
    rows = count_rows(counts, labels, labels)
    return make_table(key, title, header, REFERRAL_COLUMNS, rows, unit="orientations")


def referral_tables(facts: list[PathwayFact], period: Period, labels: Labels) -> list[Table]:
    """Return the referrals by domain and by partner kind, and the refusals by reason."""
    referrals = referrals_in(facts)
    declined = [r for r in referrals if r.reached.get("declined_by_partner") in period]
    return [
        referral_table(
            referrals,
            period,
            "referrals_by_domain",
            "Orientations par domaine",
            "Domaine",
            lambda r: r.domain,
            labels.domains,
        ),
        referral_table(
            referrals,
            period,
            "referrals_by_partner_kind",
            "Orientations par type de partenaire",
            "Partenaire",
            lambda r: r.partner_kind,
            labels.partner_kinds,
        ),
        _single(
            "declines_by_reason",
            "Refus des partenaires par motif",
            "Motif",
            [r.decline_reason or "other" for r in declined],
            labels.decline_reasons,
            "orientations",
        ),
    ]


def exit_tables(facts: list[PathwayFact], period: Period, labels: Labels) -> list[Table]:
    """Return the exits of the period by reason."""
    exits = [f.exit_reason or "other" for f in facts if f.exited_on in period]
    return [
        _single(
            "exits_by_reason", "Sorties par motif", "Motif", exits, labels.exit_reasons, "enfants"
        )
    ]


def unmet_tables(facts: list[PathwayFact], period: Period, labels: Labels) -> list[Table]:
    """Return the unmet needs of the period by commune (with its point, for the map) and by need."""
    unmet = [n for n in needs_in_period(facts, period) if n.unmet]
    by_commune = _single(
        "unmet_by_commune",
        "Besoins sans réponse par commune",
        "Commune",
        [n.commune or "" for n in unmet],
        labels.communes,
        "besoins",
    )
    for row in by_commune.rows:
        row.point = labels.points.get(row.key)
    by_need = _single(
        "unmet_by_need",
        "Besoins sans réponse par besoin",
        "Besoin",
        [n.code for n in unmet],
        labels.needs,
        "besoins",
    )
    note = "Aucun service éligible dans la distance maximale de la famille."
    by_commune.note = by_need.note = note
    return [by_commune, by_need]
