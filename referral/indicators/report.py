"""Build a programme's report over a period, for a coordinator or (suppressed) for a funder."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Commune, NeedDomain, NeedTerm
from referral.french import local_day
from referral.indicators import facts as facts_module
from referral.indicators.disclosure import InconsistentReport, audit
from referral.indicators.figures import Labels, Period, compute
from referral.indicators.identities import UndeclaredIndicator
from referral.indicators.suppression import SuppressionFailed, for_funders
from referral.indicators.tables import Report
from referral.indicators.unmet import programme_needs, unmet_flags
from referral.labels import LABELS
from referral.programmes.models import Programme

COORDINATOR = "coordinator"
FUNDER = "funder"
EXTRA_EXIT_REASONS = {"completed": "parcours mené à son terme"}


class ReportError(ValueError):
    """The report cannot be given; the message is one sentence for a person."""


class PeriodError(ReportError):
    """The period is not valid."""


class DisclosureRefused(ReportError):
    """The funder report failed its disclosure audit: nothing of it is served."""


REFUSAL = (
    "Les indicateurs ne peuvent pas être communiqués aux financeurs pour cette période : "
    "le contrôle de confidentialité a échoué, aucun chiffre n'est transmis. "
    "Signalez-le à l'administrateur de Relais."
)


def funder_version(report: Report) -> Report:
    """Return the suppressed report once its audit passes; refuse it otherwise."""
    try:
        suppressed = for_funders(report)
    except (SuppressionFailed, InconsistentReport, UndeclaredIndicator) as error:
        raise DisclosureRefused(REFUSAL) from error
    if not audit(suppressed).passed:
        raise DisclosureRefused(REFUSAL)
    return suppressed


def check_period(start: dt.date, end: dt.date) -> Period:
    """Return the period, or raise `PeriodError` when it ends before it starts."""
    if end < start:
        raise PeriodError("La fin de la période précède son début.")
    return Period(start, end)


def labels(session: Session, communes: set[str]) -> Labels:
    """Return the French labels the report needs, read once."""
    query = select(Commune).where(Commune.insee_code.in_(communes))
    rows: list[Commune] = list(session.scalars(query)) if communes else []
    return Labels(
        needs={t.code: t.label for t in session.scalars(select(NeedTerm))},
        domains={
            d.code: d.label
            for d in session.scalars(select(NeedDomain).order_by(NeedDomain.position))
        },
        communes={c.insee_code: c.name for c in rows},
        points={c.insee_code: (c.latitude, c.longitude) for c in rows},
        partner_kinds=LABELS.get("organisation_kind", {}),
        school_levels=LABELS.get("school_level", {}),
        exit_reasons={**EXTRA_EXIT_REASONS, **LABELS["exit_reason"]},
        decline_reasons=LABELS["decline_reason"],
        origins=LABELS["origin"],
    )


def unmet_for_period(
    session: Session, programme: Programme, period: Period, today: dt.date
) -> dict[int, bool]:
    """Return the unmet flags of the live needs identified during the period."""
    pathways = facts_module.live_pathways(session, programme)
    needs = [
        need
        for need in programme_needs(session, [p.id for p in pathways])
        if local_day(need.created_at) in period
    ]
    return unmet_flags(session, needs, programme, today)


def build_report(
    session: Session,
    programme: Programme,
    start: dt.date,
    end: dt.date,
    *,
    audience: str = COORDINATOR,
    today: dt.date | None = None,
) -> Report:
    """Return every indicator of a programme over a period; funders get it suppressed, audited."""
    period = check_period(start, end)
    unmet = unmet_for_period(session, programme, period, today or dt.date.today())
    facts = facts_module.load_facts(session, programme, unmet)
    communes = {n.commune for f in facts for n in f.needs if n.commune}
    figures, tables = compute(facts, period, labels(session, communes))
    report = Report(
        programme_name=programme.name,
        programme_uid=str(programme.uid),
        start=start,
        end=end,
        audience=COORDINATOR,
        figures=figures,
        tables=tables,
    )
    return funder_version(report) if audience == FUNDER else report
