"""Read-only queries of the pathway space for the pages."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from catalogue.models import Commune, NeedTerm, Organisation, OrganisationKind, Place
from referral import permissions
from referral.consents.models import Consent
from referral.pathways.models import Child, DangerReport, Delegation, Family, Pathway


def caseload(session: Session, user: Any, day: dt.date) -> list[Pathway]:
    """Return the pathways a user may see, open ones first, by contract end."""
    query = (
        permissions.visible_pathways_query(user, day)
        .options(selectinload(Pathway.needs), selectinload(Pathway.contacts))
        .join(Child, Child.id == Pathway.child_id)
        .order_by(
            (Pathway.state == "exited"),
            Pathway.contract_end.is_(None),
            Pathway.contract_end,
            Child.first_name,
        )
    )
    return list(session.scalars(query))


def pathway_by_uid(session: Session, uid: uuid.UUID | str | None) -> Pathway | None:
    """Return a pathway by its public id."""
    try:
        wanted = uuid.UUID(str(uid))
    except ValueError:
        return None
    return session.scalar(select(Pathway).where(Pathway.uid == wanted))


def taxonomy(session: Session) -> list[NeedTerm]:
    """Return every need of the taxonomy, by domain and position, with its domain (one query)."""
    query = select(NeedTerm).options(joinedload(NeedTerm.domain))
    return list(session.scalars(query.order_by(NeedTerm.domain_code, NeedTerm.position)))


def consents_of(session: Session, pathway: Pathway) -> list[Consent]:
    """Return the pathway's consents, newest first."""
    query = (
        select(Consent).where(Consent.pathway_id == pathway.id).order_by(Consent.given_on.desc())
    )
    return list(session.scalars(query))


def danger_reports_of(session: Session, pathway: Pathway) -> list[DangerReport]:
    """Return the recorded transmissions of an information préoccupante."""
    query = (
        select(DangerReport)
        .where(DangerReport.pathway_id == pathway.id)
        .order_by(DangerReport.id.desc())
    )
    return list(session.scalars(query))


def commune_of(session: Session, family: Family) -> Commune | None:
    """Return the family's commune."""
    return session.get(Commune, family.commune_insee) if family.commune_insee else None


def crip_of(session: Session, department: str | None) -> dict[str, str | None] | None:
    """Return the CRIP of a département: configured text, else an ASE organisation placed there."""
    if not department:
        return None
    configured = current_app.config.get("CRIP_CONTACTS", {}).get(department)
    if configured:
        return {"name": configured, "phone": None, "email": None}
    query = (
        select(Organisation)
        .join(Place, Place.organisation_id == Organisation.id)
        .join(Commune, Commune.insee_code == Place.commune_insee)
        .where(Organisation.kind == OrganisationKind.ASE, Commune.department_code == department)
        .order_by(Organisation.name)
        .limit(1)
    )
    found = session.scalar(query)
    if found is None:
        return None
    return {"name": found.name, "phone": found.phone, "email": found.email}


def delegations_of(session: Session, user: Any, day: dt.date) -> list[Delegation]:
    """Return the delegations from or to a user that have not ended yet."""
    query = select(Delegation).where(
        (Delegation.from_user_id == user.id) | (Delegation.to_user_id == user.id),
        Delegation.ends_on >= day,
    )
    return list(session.scalars(query.order_by(Delegation.starts_on)))
