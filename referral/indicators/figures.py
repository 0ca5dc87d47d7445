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

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from referral.indicators.facts import NeedFact, PathwayFact, ReferralFact
from referral.indicators.tables import Figure, Row, Table
from referral.matching.profile import school_level_of

PATHWAY_COLUMNS = [
    ("open_at_end", "en cours en fin de période"),
    ("opened", "entrés"),
    ("closed", "sortis"),
]
REFERRAL_COLUMNS = [
    ("proposed", "proposées"),
    ("family_agreed", "accord de la famille"),
    ("sent", "envoyées"),
    ("relay_accepted", "relais acceptés"),
    ("declined_by_partner", "refusées"),
    ("expired", "expirées"),
]
AGE_BANDS = [
    ("0-1", "moins de 2 ans", 0, 1),
    ("2-5", "2 à 5 ans", 2, 5),
    ("6-10", "6 à 10 ans", 6, 10),
    ("11-16", "11 à 16 ans", 11, 16),
    ("17+", "17 ans et plus", 17, 200),
]
SEXES = {"F": "filles", "M": "garçons", "X": "non précisé"}
PRIORITIES = {"rep_plus": "REP+", "rep": "REP", "none": "hors éducation prioritaire"}


@dataclass
class Labels:
    """French labels of the codes found in the facts (needs, domains, communes, reasons…)."""

    needs: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    communes: dict[str, str] = field(default_factory=dict)
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    partner_kinds: dict[str, str] = field(default_factory=dict)
    school_levels: dict[str, str] = field(default_factory=dict)
    exit_reasons: dict[str, str] = field(default_factory=dict)
    decline_reasons: dict[str, str] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Period:
    """The days counted, both included."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def school_level(fact: PathwayFact) -> str:
    """Return the child's school level, classes (CM1, 6e…) folded to the four levels."""
    return school_level_of(fact.school_level) or fact.school_level or ""


def school_priority(fact: PathwayFact) -> str:
    """Return `rep`, `rep_plus` or `none`, whichever spelling the record uses."""
    value = (fact.school_priority or "none").strip().lower().replace("+", "_plus")
    return {"repplus": "rep_plus", "rep_plus": "rep_plus", "rep": "rep"}.get(value, "none")


def age_band(fact: PathwayFact, day: dt.date) -> str:
    """Return the key of the child's age band on a day."""
    age = fact.age_on(day)
    return next(key for key, _, low, high in AGE_BANDS if low <= age <= high)


def _count_rows(
    counts: dict[str, Counter[str]], labels: dict[str, str], order: Iterable[str] = ()
) -> list[Row]:
    keys = [*[k for k in order if k in counts], *sorted(k for k in counts if k not in set(order))]
    return [
        Row(key=k, label=labels.get(k, k or "non renseigné"), values=dict(counts[k])) for k in keys
    ]


def _total(rows: list[Row], columns: list[tuple[str, str]]) -> Row:
    return Row(
        key="total",
        label="Total",
        values={c: sum(r.values.get(c, 0) for r in rows) for c, _ in columns},
    )


def _table(
    key: str,
    title: str,
    header: str,
    columns: list[tuple[str, str]],
    rows: list[Row],
    unit: str = "enfants",
) -> Table:
    return Table(
        key=key,
        title=title,
        row_header=header,
        columns=columns,
        rows=rows,
        total=_total(rows, columns),
        unit=unit,
    )


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
    rows = _count_rows(counts, labels, order)
    return _table(key, title, header, PATHWAY_COLUMNS, rows)


def children_tables(facts: list[PathwayFact], period: Period, labels: Labels) -> list[Table]:
    """Return the children tables by sex, age band, school level, REP/REP+ and QPV."""
    end = period.end
    band_labels = {k: label for k, label, _, _ in AGE_BANDS}
    return [
        children_table(
            facts,
            period,
            "children_by_sex",
            "Enfants par sexe",
            "Sexe",
            lambda f: f.sex,
            SEXES,
            SEXES,
        ),
        children_table(
            facts,
            period,
            "children_by_age",
            "Enfants par âge (en fin de période)",
            "Âge",
            lambda f: age_band(f, end),
            band_labels,
            band_labels,
        ),
        children_table(
            facts,
            period,
            "children_by_school_level",
            "Enfants par niveau scolaire",
            "Niveau",
            school_level,
            labels.school_levels,
            labels.school_levels,
        ),
        children_table(
            facts,
            period,
            "children_by_school_priority",
            "Enfants scolarisés en REP / REP+",
            "École",
            school_priority,
            PRIORITIES,
            PRIORITIES,
        ),
        children_table(
            facts,
            period,
            "children_by_qpv",
            "Enfants résidant en QPV",
            "Résidence",
            lambda f: "qpv" if f.qpv else "hors_qpv",
            {"qpv": "en QPV", "hors_qpv": "hors QPV"},
            ["qpv", "hors_qpv"],
        ),
    ]


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
    rows = _count_rows(counts, labels, labels)
    return _table(key, title, header, [(column, column_label)], rows, unit=unit)


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
    rows = _count_rows(counts, labels, labels)
    return _table(key, title, header, REFERRAL_COLUMNS, rows, unit="orientations")


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
