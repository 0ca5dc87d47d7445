"""The facts the indicators count, read from live pathways or from anonymous purged traces.

Both sources give the same plain records, so a figure is the same before and after a purge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import Service
from referral.french import local_day
from referral.indicators.models import AnonymousPathway
from referral.pathways.models import Child, Family, Need, Pathway
from referral.programmes.models import Programme
from referral.referrals.models import Referral

OPEN_NEED_STATUSES = frozenset({"identified", "in_progress", "not_covered"})
RELAYED_STATES = frozenset(
    {"sent", "acknowledged", "waitlisted", "appointment_set", "relay_accepted"}
)
ENDED_BADLY = frozenset(
    {"declined_by_partner", "expired", "cancelled", "no_follow_up", "family_declined"}
)


@dataclass(frozen=True)
class NeedFact:
    """One identified need: what, in which domain, raised by whom, when; met by the catalogue?"""

    code: str
    domain: str
    origin: str
    identified_on: dt.date
    commune: str | None
    unmet: bool | None = None


@dataclass(frozen=True)
class ReferralFact:
    """One referral: where it went and the day it first reached each state."""

    need_code: str
    domain: str
    partner_kind: str
    state: str
    reached: dict[str, dt.date]
    decline_reason: str | None = None


@dataclass(frozen=True)
class PathwayFact:
    """One pathway with only what the indicators count."""

    identified_on: dt.date
    agreed_on: dt.date | None
    exited_on: dt.date | None
    exit_reason: str | None
    sex: str
    birth_date: dt.date
    school_level: str | None
    school_priority: str
    qpv: bool
    commune: str | None
    every_open_need_relayed: bool | None
    post_exit_checked_on: dt.date | None
    post_exit_relay_effective: bool | None
    needs: tuple[NeedFact, ...] = field(default_factory=tuple)
    referrals: tuple[ReferralFact, ...] = field(default_factory=tuple)

    def age_on(self, day: dt.date) -> int:
        """Return the child's age in whole years on a day."""
        before = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before

    def is_open_on(self, day: dt.date) -> bool:
        """Tell whether the pathway was open on a day (identified, not yet exited)."""
        return self.identified_on <= day and (self.exited_on is None or self.exited_on > day)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        """Tell whether the pathway was open at some point of a period."""
        return self.identified_on <= end and (self.exited_on is None or self.exited_on >= start)


def reached_days(referral: Referral) -> dict[str, dt.date]:
    """Return the first day each state was reached, from the append-only events."""
    reached: dict[str, dt.date] = {}
    for event in referral.events:
        day = local_day(event.at)
        if day is not None and event.to_state not in reached:
            reached[event.to_state] = day
    if referral.state not in reached:
        fallback = local_day(referral.state_changed_at) or local_day(referral.created_at)
        if fallback is not None:
            reached[referral.state] = fallback
    return reached


def _referral_fact(referral: Referral) -> ReferralFact:
    return ReferralFact(
        need_code=referral.need.need_code,
        domain=referral.need.term.domain_code,
        partner_kind=referral.service.organisation.kind,
        state=referral.state,
        reached=reached_days(referral),
        decline_reason=referral.decline_reason,
    )


def is_relayed(referral: ReferralFact) -> bool:
    """Tell whether a referral reached `sent` and never ended badly."""
    return bool(RELAYED_STATES & set(referral.reached)) and referral.state not in ENDED_BADLY


def every_open_need_relayed(pathway: Pathway, referrals: Iterable[ReferralFact]) -> bool | None:
    """Tell whether each need still open at the exit had a relay (None when not exited)."""
    if pathway.exited_on is None:
        return None
    relayed = {fact.need_code for fact in referrals if is_relayed(fact)}
    return all(
        need.need_code in relayed for need in pathway.needs if need.status in OPEN_NEED_STATUSES
    )


def pathway_fact(
    pathway: Pathway, referrals: list[Referral], unmet: dict[int, bool]
) -> PathwayFact:
    """Build the facts of a live pathway (with its child, family, needs and referrals loaded)."""
    child, family = pathway.child, pathway.child.family
    referral_facts = tuple(_referral_fact(each) for each in referrals)
    needs = tuple(
        NeedFact(
            code=need.need_code,
            domain=need.term.domain_code,
            origin=need.origin,
            identified_on=local_day(need.created_at) or pathway.identified_on,
            commune=family.commune_insee,
            unmet=unmet.get(need.id),
        )
        for need in pathway.needs
    )
    return PathwayFact(
        identified_on=pathway.identified_on,
        agreed_on=pathway.family_agreed_on,
        exited_on=pathway.exited_on,
        exit_reason=pathway.exit_reason,
        sex=child.sex,
        birth_date=child.birth_date,
        school_level=child.school_level,
        school_priority=child.school_priority,
        qpv=family.qpv,
        commune=family.commune_insee,
        every_open_need_relayed=every_open_need_relayed(pathway, referral_facts),
        post_exit_checked_on=pathway.post_exit_checked_on,
        post_exit_relay_effective=pathway.post_exit_relay_effective,
        needs=needs,
        referrals=referral_facts,
    )


def live_pathways(session: Session, programme: Programme) -> list[Pathway]:
    """Return the programme's pathways not yet purged, with what their facts need loaded."""
    purged = select(AnonymousPathway.pathway_id).where(AnonymousPathway.pathway_id.is_not(None))
    query = (
        select(Pathway)
        .where(Pathway.programme_id == programme.id, Pathway.id.not_in(purged))
        .options(
            selectinload(Pathway.child).selectinload(Child.family).selectinload(Family.children),
            selectinload(Pathway.needs).selectinload(Need.term),
        )
        .order_by(Pathway.id)
    )
    return list(session.scalars(query))


def referrals_by_pathway(session: Session, pathway_ids: list[int]) -> dict[int, list[Referral]]:
    """Return the referrals of the given pathways, grouped, with events, need and partner loaded."""
    grouped: dict[int, list[Referral]] = {each: [] for each in pathway_ids}
    if not pathway_ids:
        return grouped
    query = (
        select(Referral)
        .where(Referral.pathway_id.in_(pathway_ids))
        .options(
            selectinload(Referral.events),
            selectinload(Referral.need).selectinload(Need.term),
            selectinload(Referral.service).selectinload(Service.organisation),
        )
        .order_by(Referral.id)
    )
    for referral in session.scalars(query):
        grouped[referral.pathway_id].append(referral)
    return grouped


def load_facts(
    session: Session, programme: Programme, unmet: dict[int, bool] | None = None
) -> list[PathwayFact]:
    """Return the facts of every pathway of a programme: live ones, then purged traces."""
    pathways = live_pathways(session, programme)
    referrals = referrals_by_pathway(session, [each.id for each in pathways])
    facts = [pathway_fact(each, referrals[each.id], unmet or {}) for each in pathways]
    traces = session.scalars(
        select(AnonymousPathway.facts)
        .where(AnonymousPathway.programme_id == programme.id)
        .order_by(AnonymousPathway.id)
    )
    return facts + [from_json(each) for each in traces]


# --- the anonymous trace: JSON in, JSON out ---------------------------------------------------


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def to_json(fact: PathwayFact) -> dict[str, Any]:
    """Return the anonymous trace of a pathway: the birth date keeps only its month."""
    data = asdict(fact)
    data["birth_date"] = fact.birth_date.replace(day=1)
    return _jsonable(data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(each) for key, each in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(each) for each in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_json(data: dict[str, Any]) -> PathwayFact:
    """Rebuild the facts of a purged pathway from its anonymous trace."""
    needs = tuple(
        NeedFact(**{**each, "identified_on": dt.date.fromisoformat(each["identified_on"])})
        for each in data.get("needs", [])
    )
    referrals = tuple(
        ReferralFact(
            **{**each, "reached": {k: dt.date.fromisoformat(v) for k, v in each["reached"].items()}}
        )
        for each in data.get("referrals", [])
    )
    return PathwayFact(
        identified_on=dt.date.fromisoformat(data["identified_on"]),
        agreed_on=_day(data.get("agreed_on")),
        exited_on=_day(data.get("exited_on")),
        exit_reason=data.get("exit_reason"),
        sex=data["sex"],
        birth_date=dt.date.fromisoformat(data["birth_date"]),
        school_level=data.get("school_level"),
        school_priority=data.get("school_priority", "none"),
        qpv=bool(data.get("qpv")),
        commune=data.get("commune"),
        every_open_need_relayed=data.get("every_open_need_relayed"),
        post_exit_checked_on=_day(data.get("post_exit_checked_on")),
        post_exit_relay_effective=data.get("post_exit_relay_effective"),
        needs=needs,
        referrals=referrals,
    )
