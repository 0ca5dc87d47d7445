"""Data for `bench/http.py`: the demo's people, N synthetic services, tokens, sent referrals."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bench.synthetic import generate
from catalogue.models import Organisation, Place, Service
from catalogue.models.service import service_needs, service_places
from referral.accounts.services import issue_token, user_by_email
from referral.demo.accounts import DEMO_DOMAIN
from referral.pathways.models import Pathway
from referral.referrals.models import Referral

BATCH = 5000
EXCLUDED = {"id", "uid", "state", "sent_at", "version", "state_changed_at", "previous_id"}


@dataclass
class Fixtures:
    """What the clients need: ids to read, tokens, the référent's pathways, referrals to move."""

    service_uids: list[str] = field(default_factory=list)
    capacities: dict[str, str] = field(default_factory=dict)  # as stored, then as last edited
    pathway_uids: list[str] = field(default_factory=list)
    referral_uids: list[str] = field(default_factory=list)
    coordinator_token: str = ""


def _next_id(session: Session, model: Any) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _rows(size: int, first: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {"orgs": [], "places": [], "services": []}
    tables.update(needs=[], links=[])
    organisations: dict[str, int] = {}
    place_id = first["place"]
    for record in generate(size):
        org_id = organisations.get(record.organisation)
        if org_id is None:
            org_id = organisations[record.organisation] = first["org"] + len(organisations)
            tables["orgs"].append(
                {"id": org_id, "name": record.organisation, "kind": "association"}
            )
        service_id = first["service"] + record.id - 1
        tables["services"].append(
            {
                "id": service_id, "organisation_id": org_id, "name": record.name,
                "description": record.description, "age_min": record.age_min,
                "age_max": record.age_max, "school_levels": record.school_levels,
                "cost": record.cost, "capacity": record.capacity, "status": record.status,
                "suspended_until": record.suspended_until, "area_communes": record.area_communes,
                "area_departments": record.area_departments,
                "area_radius_km": record.area_radius_km, "publics": ["child"],
            }
        )  # fmt: skip
        tables["needs"] += [{"service_id": service_id, "need_code": c} for c in record.needs]
        for lat, lon, insee, postcode in record.places:
            tables["places"].append(
                {
                    "id": place_id, "organisation_id": org_id, "address": "1 rue du Banc d'essai",
                    "postcode": postcode, "commune_insee": insee, "latitude": lat,
                    "longitude": lon,
                }
            )  # fmt: skip
            tables["links"].append({"service_id": service_id, "place_id": place_id})
            place_id += 1
    return tables


def load_services(session: Session, size: int) -> int:
    """Insert `size` synthetic services (with organisations, places and needs) in batches."""
    first = {
        "org": _next_id(session, Organisation),
        "place": _next_id(session, Place),
        "service": _next_id(session, Service),
    }
    tables = _rows(size, first)
    targets = {
        "orgs": insert(Organisation),
        "places": insert(Place),
        "services": insert(Service),
        "needs": insert(service_needs),
        "links": insert(service_places),
    }
    for name, statement in targets.items():
        rows = tables[name]
        for start in range(0, len(rows), BATCH):
            session.execute(statement, rows[start : start + BATCH])
    session.commit()
    return size


def _sent_referrals(session: Session, count: int) -> list[str]:
    """Copy a demo referral `count` times in the state `sent` (for the coordinator to cancel)."""
    model = session.scalars(select(Referral).order_by(Referral.id)).first()
    if model is None:
        return []
    columns = [c.key for c in Referral.__table__.columns if c.key not in EXCLUDED]
    now = dt.datetime.now(dt.UTC)
    uids = [uuid.uuid4() for _ in range(count)]
    rows = [
        {**{key: getattr(model, key) for key in columns}, "uid": uid, "state": "sent"}
        | {"sent_at": now, "state_changed_at": now, "payload": model.payload or {}}
        for uid in uids
    ]
    session.execute(insert(Referral), rows)
    return [str(uid) for uid in uids]


def fixtures(session: Session, referrals: int) -> Fixtures:
    """Return what the clients use; tokens and referrals are created here."""
    coordinator = user_by_email(session, f"coordination@{DEMO_DOMAIN}")
    referent = user_by_email(session, f"referente@{DEMO_DOMAIN}")
    assert coordinator is not None and referent is not None, "the demo must be loaded first"
    found = Fixtures()
    found.coordinator_token = issue_token(session, coordinator, "banc d'essai")[1]
    query = select(Service.uid, Service.capacity).where(Service.status == "active")
    for uid, capacity in session.execute(query.order_by(Service.id).limit(5000)):
        found.service_uids.append(str(uid))
        found.capacities[str(uid)] = capacity
    found.pathway_uids = [
        str(uid) for uid in session.scalars(select(Pathway.uid).where(Pathway.referent == referent))
    ]
    found.referral_uids = _sent_referrals(session, referrals)
    session.commit()
    return found
