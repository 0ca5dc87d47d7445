"""Read-side queries of the catalogue."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from catalogue.models import NeedTerm, Organisation, Service, ServiceStatus
from catalogue.models.service import service_needs

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of results and the total they come from."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """Return the number of pages."""
        return max(1, -(-self.total // self.per_page))


def active_on(day: dt.date) -> ColumnElement[bool]:
    """Return the condition for a service to be searchable on a day (DESIGN §4)."""
    return or_(
        Service.status == ServiceStatus.ACTIVE,
        and_(Service.status == ServiceStatus.SUSPENDED, Service.suspended_until < day),
    )


def _paginate(session: Session, query: Select[Service], page: int, per_page: int) -> Page[Service]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = session.scalars(
        query.options(
            selectinload(Service.organisation),
            selectinload(Service.needs),
            selectinload(Service.places),
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(items), total, page, per_page)


def browse_services(
    session: Session,
    *,
    day: dt.date,
    need_codes: list[str] | None = None,
    page: int = 1,
    per_page: int = 20,
) -> Page[Service]:
    """Return active services, optionally covering one of the needs, by name."""
    query = select(Service).where(active_on(day)).order_by(Service.name, Service.id)
    if need_codes:
        covering = select(service_needs.c.service_id).where(
            service_needs.c.need_code.in_(need_codes)
        )
        query = query.where(Service.id.in_(covering))
    return _paginate(session, query, page, per_page)


def need_codes_of_domain(session: Session, domain_code: str) -> list[str]:
    """Return the codes of a domain's needs."""
    return list(session.scalars(select(NeedTerm.code).where(NeedTerm.domain_code == domain_code)))


def count_active_by_need(session: Session, day: dt.date) -> dict[str, int]:
    """Return how many active services cover each need."""
    rows = session.execute(
        select(service_needs.c.need_code, func.count())
        .join(Service, Service.id == service_needs.c.service_id)
        .where(active_on(day))
        .group_by(service_needs.c.need_code)
    )
    return {code: count for code, count in rows}


def service_by_uid(session: Session, uid: uuid.UUID) -> Service | None:
    """Return a service by its public UUID, whatever its status."""
    return session.scalars(select(Service).where(Service.uid == uid)).one_or_none()


def organisation_by_uid(session: Session, uid: uuid.UUID) -> Organisation | None:
    """Return an organisation by its public UUID."""
    return session.scalars(select(Organisation).where(Organisation.uid == uid)).one_or_none()
