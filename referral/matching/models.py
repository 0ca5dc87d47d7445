"""Indexes matching relies on (migration 0006): places by latitude then longitude."""

from __future__ import annotations

from sqlalchemy import Index

from catalogue.models import Place

#: Candidate retrieval asks for the places inside the family's bounding box.
places_by_point = Index("ix_places_latitude_longitude", Place.latitude, Place.longitude)
