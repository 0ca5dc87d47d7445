"""The services shown with a match result, as plain dicts shaped like `ServiceOut`'s attributes.

Loading them with Core (four small queries) instead of ORM objects keeps the display of
~50 services in a few milliseconds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from catalogue.models import Organisation, Place, Service
from catalogue.models.service import service_needs, service_places

FIELDS = (
    Service.id, Service.uid, Service.name, Service.description, Service.organisation_id,
    Service.publics, Service.age_min, Service.age_max, Service.school_levels, Service.status,
    Service.suspended_until, Service.cost, Service.cost_details, Service.capacity,
    Service.waitlist_weeks, Service.mobilisation, Service.languages, Service.opening_hours,
    Service.last_verified_on, Service.confidential_address, Service.referral_email,
    Service.referral_phone, Service.eligibility,
)  # fmt: skip
PLACE_FIELDS = (
    service_places.c.service_id, Place.uid, Place.name, Place.address, Place.postcode,
    Place.commune_insee, Place.latitude, Place.longitude,
)  # fmt: skip


def service_documents(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Return, per service id, what the API's `ServiceOut` and the pages display."""
    if not ids:
        return {}
    wanted = sorted(ids)
    found = {row.id: {**row._asdict(), "need_codes": [], "public_places": []}
             for row in session.execute(select(*FIELDS).where(Service.id.in_(wanted)))}  # fmt: skip
    organisations = {doc["organisation_id"] for doc in found.values()}
    orgs = {
        row.id: row._asdict()
        for row in session.execute(
            select(Organisation.id, Organisation.uid, Organisation.name, Organisation.kind).where(
                Organisation.id.in_(sorted(organisations))
            )
        )
    }
    for doc in found.values():
        doc["organisation"] = orgs.get(doc["organisation_id"])
    needs = select(service_needs.c.service_id, service_needs.c.need_code).where(
        service_needs.c.service_id.in_(wanted)
    )
    for service_id, code in session.execute(needs.order_by(service_needs.c.need_code)):
        found[service_id]["need_codes"].append(code)
    places = select(*PLACE_FIELDS).join(Place, Place.id == service_places.c.place_id)
    for row in session.execute(places.where(service_places.c.service_id.in_(wanted))):
        doc = found[row.service_id]
        if not doc["confidential_address"]:
            doc["public_places"].append(row._asdict())
    return found
