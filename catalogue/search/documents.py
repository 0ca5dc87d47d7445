"""What the index holds for one service: plain data, built from a model or from a generator."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from catalogue.geography import cells_in_circle, grid_cell
from catalogue.models import Service
from catalogue.search import weights
from catalogue.search.analysis import index_acronyms

# Cell sizes in degrees: the finest for radii up to ~12 km, the other up to 200 km (DESIGN §8).
# Two levels, not three: each level costs one term per need and place at build time.
RESOLUTIONS = (0.05, 0.25)
MAX_CELLS = 48
AGE_LIMIT = 25
SCHOOL_LEVELS = ("maternelle", "elementaire", "college", "lycee")
REMOTE = "remote"


def cell(latitude: float, longitude: float, level: int) -> str:
    """Return the id of the cell holding a point at a resolution level."""
    return grid_cell(latitude, longitude, RESOLUTIONS[level])


def cells_around(latitude: float, longitude: float, radius_km: float) -> tuple[int, list[str]]:
    """Return the finest level whose cells intersecting the circle are few, and those cells."""
    for level in range(len(RESOLUTIONS)):
        cells = cells_in_circle(latitude, longitude, radius_km, RESOLUTIONS[level])
        if len(cells) <= MAX_CELLS or level == len(RESOLUTIONS) - 1:
            return level, cells
    raise AssertionError("unreachable")


@dataclass
class ServiceDocument:
    """The searchable view of a service: text, needs, eligibility, area and points."""

    id: int
    name: str
    text: str
    needs: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    points: list[tuple[float, float]] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    school_levels: list[str] = field(default_factory=list)
    cost: str = "free"
    capacity: str = "open"
    status: str = "active"
    suspended_until: str = ""
    area_communes: list[str] = field(default_factory=list)
    area_departments: list[str] = field(default_factory=list)
    area_epcis: list[str] = field(default_factory=list)
    area_radius_km: float | None = None
    verified_on: str = ""

    @property
    def fingerprint(self) -> str:
        """Return a digest of the content, to tell an up-to-date entry from a stale one."""
        raw = json.dumps(asdict(self), sort_keys=True, default=str).encode()
        return hashlib.blake2b(raw, digest_size=10).hexdigest()

    def locality(self) -> tuple[str, int, int, float, float]:
        """Return a sort key that puts documents of the same domain and area next to each other.

        A full build adds documents in this order, so that the candidates of a query (a need
        and a few cells) have neighbouring numbers and share the postings blocks Whoosh decodes.
        """
        domain = self.domains[0] if self.domains else ""
        if not self.points:
            return domain, 1 << 30, 1 << 30, 0.0, 0.0
        lat, lon = self.points[0]
        size = RESOLUTIONS[-1]
        return domain, math.floor(lat / size), math.floor(lon / size), lat, lon

    def keys(self) -> list[str]:
        """Return the keyword terms: need and place cells, and the filters' terms."""
        codes = [*self.needs, *self.domains]
        keys = ["all", f"st:{self.status}", f"cost:{self.cost}", f"cap:{self.capacity}"]
        keys += [f"n:{code}" for code in codes] + self._age_keys()
        for lat, lon in self.points:
            for level in range(len(RESOLUTIONS)):
                here = f"{level}:{cell(lat, lon, level)}"
                keys += [f"c:{here}"] + [f"nc:{code}:{here}" for code in codes]
        if not self.points:
            keys += [f"c:{REMOTE}"] + [f"nc:{code}:{REMOTE}" for code in codes]
        return sorted(set(keys))

    def _age_keys(self) -> list[str]:
        """Return `age:<n>` for every age the service takes, or `age:any` when it has no bound."""
        if self.age_min is None and self.age_max is None:
            return ["age:any"]
        low = max(0, self.age_min or 0)
        high = min(AGE_LIMIT, AGE_LIMIT if self.age_max is None else self.age_max)
        return [f"age:{age}" for age in range(low, high + 1)]

    def stored(self) -> dict[str, Any]:
        """Return the small record kept per document for filtering, sorting and facets."""
        return {
            "sort": self.name.casefold(),
            "pts": [list(point) for point in self.points],
            "amin": self.age_min,
            "amax": self.age_max,
            "lvl": self.school_levels,
            "cost": self.cost,
            "cap": self.capacity,
            "st": self.status,
            "until": self.suspended_until,
            "ac": self.area_communes,
            "ad": self.area_departments,
            "ae": self.area_epcis,
            "ar": self.area_radius_km,
            "dom": self.domains,
            "nd": self.needs,
            "ver": dt.date.fromisoformat(self.verified_on).toordinal() if self.verified_on else 0,
            "fp": self.fingerprint,
        }

    def fields(self) -> dict[str, Any]:
        """Return the Whoosh document."""
        return {
            "id": str(self.id),
            "text": self.text,
            "keys": " ".join(self.keys()),
            "data": self.stored(),
        }


def searchable_text(service: Service) -> str:
    """Return the text a service is found by: name and need labels weigh more (repeated).

    The organisation's name is indexed, and its kind's acronym when it has one ("CAF",
    "CMP"), so that an acronym finds the organisation's services.
    """
    kind = str(service.organisation.kind or "")
    labels = " ".join(need.label for need in service.needs)
    parts = [
        *[service.name] * weights.NAME_REPEAT,
        service.organisation.name,
        kind.upper() if kind.casefold() in index_acronyms() else "",
        service.description,
        " ".join(str(word) for word in service.keywords or []),
        *[labels] * weights.NEED_LABEL_REPEAT,
    ]
    return "\n".join(part for part in parts if part)


def document_for(service: Service) -> ServiceDocument:
    """Build the document of a service from the model (loads its organisation, places, needs)."""
    until = service.suspended_until
    return ServiceDocument(
        id=service.id,
        name=service.name,
        text=searchable_text(service),
        needs=sorted(need.code for need in service.needs),
        domains=sorted({need.domain_code for need in service.needs}),
        points=sorted(
            (place.latitude, place.longitude)
            for place in service.places
            if place.latitude is not None and place.longitude is not None
        ),
        age_min=service.age_min,
        age_max=service.age_max,
        school_levels=sorted(service.school_levels or []),
        cost=service.cost,
        capacity=service.capacity,
        status=service.status,
        suspended_until=until.isoformat() if isinstance(until, dt.date) else "",
        area_communes=sorted(service.area_communes or []),
        area_departments=sorted(service.area_departments or []),
        area_epcis=sorted(service.area_epcis or []),
        area_radius_km=service.area_radius_km,
        verified_on=service.last_verified_on.isoformat() if service.last_verified_on else "",
    )
