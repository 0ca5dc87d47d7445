"""Helpers of the search tests: a geocoder that never touches the network."""

from __future__ import annotations

from typing import Any

from geopy.exc import GeocoderUnavailable
from geopy.location import Location


class FakeGeocoder:
    """A geocoder that answers from a dict, or fails like an unreachable service."""

    def __init__(
        self, answers: dict[str, tuple[float, float, str]] | None = None, down: bool = False
    ):
        self.answers, self.down, self.asked = answers or {}, down, []

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = None
    ) -> Location | None:
        self.asked.append(query)
        if self.down:
            raise GeocoderUnavailable("injoignable")
        if query not in self.answers:
            return None
        lat, lon, citycode = self.answers[query]
        raw = {"properties": {"type": "housenumber", "citycode": citycode}}
        return Location(query, (lat, lon), raw)
