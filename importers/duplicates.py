"""Possible duplicates: flagged by imports, resolved by a coordinator (merge, or distinct)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session, selectinload

from catalogue.db import Base, utcnow
from catalogue.models import ChangeOrigin, Organisation, Service, ServiceStatus
from catalogue.services import set_service_places, update_service
from catalogue.text import fold
from importers.models import DuplicateFlag, DuplicateKind, DuplicateStatus


def _flag(session: Session, kind: DuplicateKind, ids: tuple[int, int], reason: str) -> bool:
    first, second = sorted(ids)
    exists = session.scalar(
        select(DuplicateFlag.id).where(
            DuplicateFlag.kind == kind,
            DuplicateFlag.first_id == first,
            DuplicateFlag.second_id == second,
        )
    )
    if exists is not None:
        return False
    session.add(DuplicateFlag(kind=kind, first_id=first, second_id=second, reason=reason))
    return True


def normalised(text: str) -> str:
    """Return text folded, without punctuation: how names and addresses are compared."""
    return " ".join(re.sub(r"[^\w ]", " ", fold(text)).split())


def _service_key(service: Service) -> list[tuple[str, str]]:
    name = normalised(service.name)
    return [
        (name, f"{normalised(place.address)} {place.postcode}")
        for place in service.places
        if place.address
    ]


def flag_duplicates(
    session: Session, organisation_ids: Iterable[int], service_ids: Iterable[int]
) -> int:
    """Flag organisations sharing a SIRET and services of the same name at the same address."""
    count = 0
    organisation_ids, service_ids = set(organisation_ids), set(service_ids)
    if organisation_ids:
        sirets = {
            siret
            for siret in session.scalars(
                select(Organisation.siret).where(
                    Organisation.id.in_(organisation_ids), Organisation.siret.is_not(None)
                )
            )
            if siret
        }
        by_siret: dict[str, list[int]] = defaultdict(list)
        for row in session.execute(
            select(Organisation.siret, Organisation.id).where(Organisation.siret.in_(sirets))
        ):
            by_siret[row.siret].append(row.id)
        for siret, ids in by_siret.items():
            for other in ids:
                for own in organisation_ids & set(ids):
                    if other != own:
                        count += _flag(
                            session,
                            DuplicateKind.ORGANISATION,
                            (own, other),
                            f"Même SIRET ({siret})",
                        )
    if service_ids:
        count += _flag_services(session, service_ids)
    session.flush()
    return count


def _flag_services(session: Session, service_ids: set[int]) -> int:
    mine = list(
        session.scalars(
            select(Service).where(Service.id.in_(service_ids)).options(selectinload(Service.places))
        )
    )
    keys = {key for service in mine for key in _service_key(service)}
    if not keys:
        return 0
    names = {name for name, _ in keys}
    candidates: dict[tuple[str, str], list[int]] = defaultdict(list)
    query = (
        select(Service)
        .where(Service.status != ServiceStatus.CLOSED)
        .options(selectinload(Service.places))
    )
    for service in session.scalars(query):
        if normalised(service.name) in names:
            for key in _service_key(service):
                if key in keys:
                    candidates[key].append(service.id)
    # Each record is compared with one representative of its block (the oldest row), and
    # flagged at most once: n identical rows give n - 1 flags, not every pair.
    count, flagged = 0, set[int]()
    for (_name, address), ids in candidates.items():
        representative = min(ids)
        for own in sorted(service_ids.intersection(ids) - flagged - {representative}):
            flagged.add(own)
            reason = f"Même nom à la même adresse ({address.strip()})"
            count += _flag(session, DuplicateKind.SERVICE, (own, representative), reason)
    return count


@dataclass(frozen=True)
class FlagView:
    """A flag with the two rows it pairs."""

    flag: DuplicateFlag
    first: Organisation | Service | None
    second: Organisation | Service | None


def open_flags(session: Session) -> list[FlagView]:
    """Return the flags awaiting a decision, oldest first, with their rows."""
    flags = session.scalars(
        select(DuplicateFlag)
        .where(DuplicateFlag.status == DuplicateStatus.OPEN)
        .order_by(DuplicateFlag.id)
    )
    views = []
    for flag in flags:
        if flag.kind == DuplicateKind.ORGANISATION:
            first: Organisation | Service | None = session.get(Organisation, flag.first_id)
            second: Organisation | Service | None = session.get(Organisation, flag.second_id)
        else:
            first, second = (
                session.get(Service, flag.first_id),
                session.get(Service, flag.second_id),
            )
        views.append(FlagView(flag, first, second))
    return views


def mark_distinct(session: Session, flag: DuplicateFlag, actor_id: int | None) -> None:
    """Record that the two rows are different things (never flagged again)."""
    _close(flag, DuplicateStatus.DISTINCT, actor_id)
    session.flush()


def _close(flag: DuplicateFlag, status: DuplicateStatus, actor_id: int | None) -> None:
    flag.status = status
    flag.resolved_at = utcnow()
    flag.resolved_by_id = actor_id


def _references(table_name: str) -> list[tuple[Table, str]]:
    found = []
    for table in Base.metadata.tables.values():
        for key in table.foreign_keys:
            if key.column.table.name == table_name and key.column.name == "id":
                found.append((table, key.parent.name))
    return found


def merge(session: Session, flag: DuplicateFlag, keep_id: int, actor_id: int | None) -> None:
    """Merge the other row of a flag into `keep_id`."""
    if keep_id not in (flag.first_id, flag.second_id):
        raise ValueError("keep_id must be one of the flagged rows")
    other_id = flag.second_id if keep_id == flag.first_id else flag.first_id
    if flag.kind == DuplicateKind.ORGANISATION:
        _merge_organisations(session, keep_id, other_id)
    else:
        _merge_services(session, keep_id, other_id, actor_id)
    _close(flag, DuplicateStatus.MERGED, actor_id)
    session.flush()


def _merge_organisations(session: Session, keep_id: int, other_id: int) -> None:
    """Point everything that belonged to the other organisation at the kept one, then drop it."""
    for table, column in _references("organisations"):
        session.execute(update(table).where(table.c[column] == other_id).values({column: keep_id}))
    session.expire_all()
    other = session.get(Organisation, other_id)
    if other is not None:
        session.delete(other)


def _merge_services(session: Session, keep_id: int, other_id: int, actor_id: int | None) -> None:
    """Give the kept service the other's needs and places, and close the other."""
    keep, other = session.get(Service, keep_id), session.get(Service, other_id)
    if keep is None or other is None:
        return
    needs = sorted(set(keep.need_codes) | set(other.need_codes))
    if needs != keep.need_codes:
        update_service(
            session, keep, {"needs": needs}, actor_id=actor_id, origin=ChangeOrigin.COORDINATOR
        )
    places = list(dict.fromkeys([*keep.places, *other.places]))
    if len(places) != len(keep.places):
        set_service_places(session, keep, places)
    if other.status != ServiceStatus.CLOSED:
        update_service(
            session,
            other,
            {"status": ServiceStatus.CLOSED.value},
            actor_id=actor_id,
            origin=ChangeOrigin.COORDINATOR,
        )
