"""Indexes matching relies on (migration 0006)."""

from __future__ import annotations

from sqlalchemy import Index

from catalogue.models import Place, Service

#: Candidate retrieval from SQL asks for the places inside the family's bounding box.
places_by_point = Index("ix_places_latitude_longitude", Place.latitude, Place.longitude)
#: The in-memory candidate index reloads what changed since its last look.
services_by_update = Index("ix_services_updated_at", Service.updated_at)
places_by_update = Index("ix_places_updated_at", Place.updated_at)
