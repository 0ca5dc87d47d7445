"""Counting pathways into the rows of a breakdown: bands, labels, periods, totals."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from referral.indicators.facts import PathwayFact
from referral.indicators.tables import Row, Table
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


def count_rows(
    counts: dict[str, Counter[str]], labels: dict[str, str], order: Iterable[str] = ()
) -> list[Row]:
    keys = [*[k for k in order if k in counts], *sorted(k for k in counts if k not in set(order))]
    return [
        Row(key=k, label=labels.get(k, k or "non renseigné"), values=dict(counts[k])) for k in keys
    ]


def total_row(rows: list[Row], columns: list[tuple[str, str]]) -> Row:
    return Row(
        key="total",
        label="Total",
        values={c: sum(r.values.get(c, 0) for r in rows) for c, _ in columns},
    )


def make_table(
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
        total=total_row(rows, columns),
        unit=unit,
    )
