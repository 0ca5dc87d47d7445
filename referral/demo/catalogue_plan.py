"""Turn the demo templates into a deterministic plan of organisations, places and services.

Pure functions, no database: the same communes, seed and day always give the same plan.
Each organisation draws from its own `random.Random`, seeded by the run's seed and its stable
source id, so adding a template never reshuffles the others.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from stdnum import luhn

from catalogue.geography import haversine_km
from catalogue.text import fold
from referral.demo.catalogue_education import EDUCATION
from referral.demo.catalogue_health import HEALTH
from referral.demo.catalogue_leisure import LEISURE
from referral.demo.catalogue_social import SOCIAL
from referral.demo.catalogue_statuses import apply_statuses
from referral.demo.catalogue_templates import (
    DEMO_DEPARTMENT,
    DEMO_EPCI,
    EXTRA_LANGUAGES,
    HOURS,
    STREETS,
    OrganisationTemplate,
    ServiceTemplate,
)

DEMO_SEED = 86194
SOURCE = "demo"
TEMPLATES: tuple[OrganisationTemplate, ...] = HEALTH + SOCIAL + EDUCATION + LEISURE
FICTITIOUS = "Structure fictive du territoire de démonstration de Relais."
NICKNAMES = (
    "La Passerelle", "Les Petits Pas", "Le Nid", "La Cabane", "Les Lucioles", "L'Escale",
    "La Marelle", "Le Grand Huit", "Les Cerfs-Volants", "La Boussole",
)  # fmt: skip
PLACE_ACCESS = (
    "Accès de plain-pied, accessible en fauteuil roulant.",
    "Rez-de-chaussée accessible ; toilettes adaptées.",
    "Premier étage avec ascenseur.",
    "Étage sans ascenseur : rendez-vous possible au rez-de-chaussée sur demande.",
)


@dataclass(frozen=True)
class DemoCommune:
    """What the generator needs to know about a commune: its name, point and box."""

    insee_code: str
    name: str
    postcode: str
    population: int
    latitude: float
    longitude: float
    south: float
    west: float
    north: float
    east: float


@dataclass(frozen=True)
class Site:
    """Where an organisation is: a commune, and for Poitiers possibly a quartier."""

    commune: DemoCommune
    quartier: str | None = None

    @property
    def label(self) -> str:
        """Return the quartier's name, or else the commune's."""
        return self.quartier or self.commune.name

    @property
    def code(self) -> str:
        """Return a stable code for source ids: the INSEE code, plus the quartier's slug."""
        return (
            f"{self.commune.insee_code}-{slug(self.quartier)}"
            if self.quartier
            else self.commune.insee_code
        )


@dataclass
class PlannedRow:
    """One row to create through the catalogue's services, keyed by its stable source id."""

    source_id: str
    data: dict[str, Any]
    place_ids: tuple[str, ...] = ()


@dataclass
class PlannedOrganisation:
    """An organisation with its places and services."""

    row: PlannedRow
    kind: str
    places: list[PlannedRow] = field(default_factory=list)
    services: list[PlannedRow] = field(default_factory=list)


def of(place: str) -> str:
    """Return "de" before a place name: `des Couronneries`, `du centre-ville`, `d'Availles`."""
    for article, contracted in (
        ("Les ", "des "),
        ("Le ", "du "),
        ("Centre-ville", "du centre-ville"),
    ):
        if place.startswith(article):
            return contracted + place.removeprefix(article)
    return f"d'{place}" if fold(place[:1]) in "aeiouy" else f"de {place}"


def slug(text: str) -> str:
    """Return a lowercase ASCII slug: `Les Trois-Cités` → `les-trois-cites`."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True)
class Territory:
    """What every template instance draws on: the communes by INSEE code, the day, the seed."""

    communes: dict[str, DemoCommune]
    today: dt.date
    seed: int

    def site(self, spec: str) -> Site:
        """Return the site `"86194"` or `"86194:Les Couronneries"`."""
        code, _, quartier = spec.partition(":")
        return Site(self.communes[code], quartier or None)

    def rng(self, key: str) -> random.Random:
        """Return a generator of its own for one key: templates never reshuffle each other."""
        return random.Random(f"{self.seed}:{key}")


def plan_catalogue(
    communes: Iterable[DemoCommune], today: dt.date, seed: int = DEMO_SEED
) -> list[PlannedOrganisation]:
    """Return the whole demo catalogue planned over these communes, the same for the same input."""
    ordered = sorted(communes, key=lambda commune: commune.insee_code)
    territory = Territory({commune.insee_code: commune for commune in ordered}, today, seed)
    plan = [
        _organisation(template, position, site, territory)
        for template in TEMPLATES
        for position, site in enumerate(_sites(template, territory))
    ]
    apply_statuses(plan, today, territory.rng("statuses"))
    return plan


def _sites(template: OrganisationTemplate, territory: Territory) -> list[Site]:
    """Return the sites of a template: explicit ones, big enough communes, a drawn sample."""
    communes = territory.communes.values()
    sites = [territory.site(spec) for spec in template.sites]
    if template.min_population is not None:
        sites += [Site(c) for c in communes if c.population >= template.min_population]
    if template.sample:
        pool = [c for c in communes if c.population >= template.sample_min_population]
        drawn = territory.rng(template.key).sample(pool, template.sample)
        sites += [Site(c) for c in sorted(drawn, key=lambda c: c.insee_code)]
    return list(dict.fromkeys(sites))


def _organisation(
    template: OrganisationTemplate, position: int, site: Site, territory: Territory
) -> PlannedOrganisation:
    key = f"{template.key}:{site.code}"
    rng = territory.rng(key)
    name = template.name.format(
        lieu=site.label,
        de_lieu=of(site.label),
        commune=site.commune.name,
        nickname=NICKNAMES[(position * 3 + len(template.key)) % len(NICKNAMES)],
    )
    domain = (template.domain or template.key).format(slug=slug(site.label)) + ".example"
    organisation = PlannedOrganisation(
        PlannedRow(f"org:{key}", _organisation_data(template, name, domain, rng)), template.kind
    )
    antennas = [territory.site(spec) for spec in template.antennas]
    for index, place_site in enumerate([site, *antennas]):
        label = f"{name} – {'accueil' if index == 0 else 'antenne'} {of(place_site.label)}"
        label = label if antennas else name
        organisation.places.append(
            PlannedRow(f"place:{key}:{index}", _place(label, place_site, rng))
        )
    offered = [s for n, s in enumerate(template.services) if n == 0 or rng.random() < s.share]
    organisation.services += [
        _service(service, f"svc:{key}:{service.key}", organisation, site, territory, rng)
        for service in offered
    ]
    return organisation


def _organisation_data(
    template: OrganisationTemplate, name: str, domain: str, rng: random.Random
) -> dict[str, Any]:
    return {
        "name": name,
        "kind": str(template.kind),
        "siret": fictitious_siret(rng) if template.with_siret else None,
        "description": f"{template.description} {FICTITIOUS}",
        "email": f"contact@{domain}",
        "phone": fictitious_phone(rng),
        "website": f"https://www.{domain}",
        "source": SOURCE,
    }


def fictitious_siret(rng: random.Random) -> str:
    """Return a SIRET whose SIREN and whole number pass the Luhn check."""
    siren = str(rng.randint(10_000_000, 99_999_999))
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}{rng.randint(1, 9999):04d}"
    return body + luhn.calc_check_digit(body)


def fictitious_phone(rng: random.Random) -> str:
    """Return a number in 05 36 49 xx xx, the range ARCEP reserves for fiction."""
    return f"05 36 49 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"


def jitter(commune: DemoCommune, rng: random.Random) -> tuple[float, float]:
    """Return a point near the commune's centre, strictly inside its box."""
    inside = (
        commune.south < commune.latitude < commune.north
        and commune.west < commune.longitude < commune.east
    )
    lat = commune.latitude if inside else (commune.south + commune.north) / 2
    lon = commune.longitude if inside else (commune.west + commune.east) / 2
    lat_room = min(lat - commune.south, commune.north - lat)
    lon_room = min(lon - commune.west, commune.east - lon)
    return round(lat + rng.uniform(-0.3, 0.3) * lat_room, 6), round(
        lon + rng.uniform(-0.3, 0.3) * lon_room, 6
    )


def _place(label: str, site: Site, rng: random.Random) -> dict[str, Any]:
    latitude, longitude = jitter(site.commune, rng)
    return {
        "name": label,
        "address": f"{rng.randint(1, 60)} {rng.choice(STREETS)}",
        "postcode": site.commune.postcode,
        "commune_insee": site.commune.insee_code,
        "latitude": latitude,
        "longitude": longitude,
        "accessibility": rng.choice(PLACE_ACCESS),
        "transport": f"Bus ligne {rng.randint(1, 30)}, arrêt à {rng.randint(2, 9) * 50} m.",
        "source": SOURCE,
    }


def _service(
    template: ServiceTemplate,
    source_id: str,
    organisation: PlannedOrganisation,
    site: Site,
    territory: Territory,
    rng: random.Random,
) -> PlannedRow:
    places = organisation.places if template.all_places else organisation.places[:1]
    domain = organisation.row.data["email"].partition("@")[2]
    data = {
        **template.fixed_fields(),
        "referral_email": f"{template.mailbox}@{domain}",
        "referral_phone": fictitious_phone(rng),
        "languages": _languages(template, rng),
        "accessibility": places[0].data["accessibility"],
        "opening_hours": rng.choice(HOURS[template.hours]),
        "status": "active",
        "source": SOURCE,
        "source_id": source_id,
        **_area(template.area, site, territory.communes),
        **_capacity(template, rng),
        **_verification(territory.today, rng),
    }
    return PlannedRow(source_id, data, tuple(place.source_id for place in places))


def _languages(template: ServiceTemplate, rng: random.Random) -> list[str]:
    languages = list(template.languages)
    if rng.random() < 0.12:
        extra = rng.choice(EXTRA_LANGUAGES)
        languages += [] if extra in languages else [extra]
    return languages


def _area(area: str, site: Site, by_code: dict[str, DemoCommune]) -> dict[str, Any]:
    """Return the service-area fields: a commune, a sector, the EPCI, the département, a radius."""
    here = site.commune
    if area == "commune":
        return {"area_communes": [here.insee_code]}
    if area == "sector":
        nearest = sorted(
            (c for c in by_code.values() if c is not here),
            key=lambda c: (
                haversine_km(here.latitude, here.longitude, c.latitude, c.longitude),
                c.insee_code,
            ),
        )
        return {"area_communes": sorted([here.insee_code, *(c.insee_code for c in nearest[:4])])}
    if area == "epci":
        return {"area_epcis": [DEMO_EPCI]}
    if area == "department":
        return {"area_departments": [DEMO_DEPARTMENT]}
    if area.startswith("radius:"):
        return {"area_radius_km": float(area.partition(":")[2])}
    return {}


def _capacity(template: ServiceTemplate, rng: random.Random) -> dict[str, Any]:
    capacity = template.capacity
    if capacity == "mixed":
        draw = rng.random()
        capacity = "open" if draw < 0.72 else "waitlist" if draw < 0.92 else "full"
    weeks = rng.randint(*template.waitlist) if capacity == "waitlist" else None
    return {"capacity": capacity, "waitlist_weeks": weeks}


def _verification(today: dt.date, rng: random.Random) -> dict[str, Any]:
    """Return a last verified date and frequency; about one entry in seven is overdue."""
    frequency = rng.choice((90, 180, 180, 365))
    overdue = rng.random() < 0.14
    days = frequency + rng.randint(15, 240) if overdue else rng.randint(3, frequency - 1)
    return {
        "last_verified_on": (today - dt.timedelta(days=days)).isoformat(),
        "update_frequency_days": frequency,
    }
