"""A synthetic national catalogue: realistic French services clustered around ~30 cities."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.synthetic_data import CITIES, DOMAINS, QUARTERS
from catalogue.resources import NEEDS_TAXONOMY

__all__ = ["CITIES", "SyntheticService", "generate", "taxonomy"]


@dataclass
class SyntheticService:
    """One fictitious service, with the fields of the catalogue's model."""

    id: int
    organisation: str
    name: str
    description: str
    needs: list[str]
    domains: list[str]
    need_labels: list[str]
    places: list[tuple[float, float, str, str]] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    school_levels: list[str] = field(default_factory=list)
    cost: str = "free"
    capacity: str = "open"
    status: str = "active"
    suspended_until: dt.date | None = None
    area_communes: list[str] = field(default_factory=list)
    area_departments: list[str] = field(default_factory=list)
    area_radius_km: float | None = None


def taxonomy() -> dict[str, tuple[str, str]]:
    """Return each need's domain and label."""
    with NEEDS_TAXONOMY.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: (row["domain"], row["label"]) for row in csv.DictReader(handle)}


def _ages(rng: random.Random) -> tuple[int | None, int | None]:
    roll = rng.random()
    if roll < 0.2:
        return None, None
    low = rng.choice([0, 2, 3, 6, 6, 8, 11, 11, 12, 15])
    return low, min(25, low + rng.choice([3, 4, 5, 6, 8, 10]))


def _place(rng: random.Random, city: tuple) -> tuple[float, float, str, str]:
    _, insee, postcode, _, lat, lon, _ = city
    spread = rng.choice([0.03, 0.06, 0.12, 0.25])
    return (
        round(lat + rng.gauss(0, spread), 5),
        round(lon + rng.gauss(0, spread * 1.4), 5),
        insee,
        postcode,
    )


def generate(size: int = 200_000, seed: int = 2026) -> Iterator[SyntheticService]:
    """Yield `size` fictitious services, deterministic for a seed."""
    rng = random.Random(seed)
    needs = taxonomy()
    by_domain: dict[str, list[str]] = {}
    for code, (domain, _) in needs.items():
        by_domain.setdefault(domain, []).append(code)
    weights = [city[-1] for city in CITIES]
    for number in range(1, size + 1):
        domain = rng.choice(list(DOMAINS))
        city = rng.choices(CITIES, weights)[0]
        codes = _codes(rng, by_domain[domain])
        org, name, description = _texts(rng, DOMAINS[domain], city)
        low, high = _ages(rng)
        roll = rng.random()
        yield SyntheticService(
            id=number,
            organisation=org,
            name=name,
            description=description,
            needs=codes,
            domains=[domain],
            need_labels=[needs[code][1] for code in codes],
            places=[_place(rng, city) for _ in range(rng.choice([1, 1, 1, 2]))],
            age_min=low,
            age_max=high,
            school_levels=rng.choice([[], [], ["elementaire"], ["college"], ["college", "lycee"]]),
            cost=rng.choices(["free", "paid", "income_based"], [6, 2, 2])[0],
            capacity=rng.choices(["open", "waitlist", "full"], [7, 2, 1])[0],
            status="suspended" if roll < 0.03 else "active",
            suspended_until=dt.date(2026, 1, 1) if roll < 0.03 else None,
            area_communes=[city[1]] if roll > 0.9 else [],
            area_departments=[city[3]] if 0.8 < roll <= 0.9 else [],
            area_radius_km=30.0 if 0.75 < roll <= 0.8 else None,
        )


def _codes(rng: random.Random, codes: list[str]) -> list[str]:
    """Pick one to three needs of a domain."""
    return sorted(set(rng.sample(codes, k=min(len(codes), rng.choice([1, 1, 2, 3])))))


def _texts(rng: random.Random, words: dict[str, list[str]], city: tuple) -> tuple[str, str, str]:
    """Return an organisation's name, a service name and its description."""
    org = rng.choice(words["orgs"]).format(q=rng.choice(QUARTERS), c=city[0])
    name = f"{rng.choice(words['names'])} — {city[0]}"
    description = f"{org} {rng.choice(words['phrases'])}. " + " ".join(
        rng.sample(words["phrases"], k=2)
    )
    return org, name, description
