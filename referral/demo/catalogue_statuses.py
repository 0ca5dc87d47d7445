"""Give a few demo services the other statuses a référent meets: suspended, pending, closed."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import TYPE_CHECKING

from catalogue.models import OrganisationKind, ServiceStatus

if TYPE_CHECKING:
    from referral.demo.catalogue_plan import PlannedOrganisation, PlannedRow

SUSPENDED, PENDING, CLOSED = 8, 5, 4
# A need offered by fewer services keeps them all active, so that every need stays covered.
MIN_CARRIERS = 4
# The care services the demo is meant to show with their waiting lists stay active.
PROTECTED_KINDS = {
    OrganisationKind.CMP, OrganisationKind.CMPP, OrganisationKind.CAMSP, OrganisationKind.PMI,
}  # fmt: skip
NOTES = {
    ServiceStatus.SUSPENDED: "Suspendu temporairement (travaux dans les locaux).",
    ServiceStatus.PENDING: "Nouvelle fiche proposée par la structure, en attente de modération.",
    ServiceStatus.CLOSED: "Action arrêtée : la fiche reste pour l'historique des orientations.",
}


def apply_statuses(plan: list[PlannedOrganisation], today: dt.date, rng: random.Random) -> None:
    """Mark a deterministic handful of services suspended (until a date), pending or closed."""
    carriers = Counter(
        need for o in plan for service in o.services for need in service.data["needs"]
    )
    eligible = [
        service
        for organisation in plan
        if organisation.kind not in PROTECTED_KINDS
        for service in organisation.services
        if len(service.place_ids) == 1
        and min(carriers[need] for need in service.data["needs"]) >= MIN_CARRIERS
    ]
    chosen = rng.sample(eligible, SUSPENDED + PENDING + CLOSED)
    for service in chosen[:SUSPENDED]:
        until = today + dt.timedelta(days=rng.randint(10, 120))
        _mark(service, ServiceStatus.SUSPENDED, suspended_until=until.isoformat())
    for service in chosen[SUSPENDED : SUSPENDED + PENDING]:
        _mark(service, ServiceStatus.PENDING)
    for service in chosen[SUSPENDED + PENDING :]:
        _mark(service, ServiceStatus.CLOSED)


def _mark(service: PlannedRow, status: ServiceStatus, **extra: str) -> None:
    service.data.update(status=str(status), **extra)
    service.data["description"] = f"{service.data['description']} {NOTES[status]}"
