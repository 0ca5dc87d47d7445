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
    query = (
        select(*FIELDS, Organisation.uid.label("org_uid"), Organisation.name.label("org_name"),
               Organisation.kind.label("org_kind"))
        .join(Organisation, Organisation.id == Service.organisation_id)
        .where(Service.id.in_(wanted))
    )  # fmt: skip
    found: dict[int, dict[str, Any]] = {}
    for row in session.execute(query):
        doc = row._asdict()
        doc["organisation"] = {
            "uid": doc.pop("org_uid"),
            "name": doc.pop("org_name"),
            "kind": doc.pop("org_kind"),
        }
        found[row.id] = doc | {"need_codes": [], "public_places": []}
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
