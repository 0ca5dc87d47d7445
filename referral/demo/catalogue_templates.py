"""The vocabulary of the demo catalogue's templates: what an organisation kind offers, and where.

A template is written once per kind of structure (a CMP, a football club, a CCAS…) and the
generator instantiates it in real communes of the demo EPCI. Everything here is fictitious.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalogue.models import OrganisationKind

DEMO_EPCI = "200069854"  # Communauté urbaine du Grand Poitiers
DEMO_DEPARTMENT = "86"
POITIERS = "86194"

# Opening hours pools, in OpenStreetMap `opening_hours` syntax; a service draws one of its pool.
HOURS: dict[str, tuple[str, ...]] = {
    "office": (
        "Mo-Fr 09:00-12:30,13:30-17:00; PH off",
        "Mo,Tu,Th,Fr 08:30-12:00,13:30-17:00; We 08:30-12:00; PH off",
        "Mo-Th 09:00-12:00,14:00-17:30; Fr 09:00-12:00; PH off",
    ),
    "care": (
        "Mo-Fr 09:00-18:00; PH off",
        "Mo-Fr 08:30-12:30,13:30-18:00; PH off",
        "Mo-Th 09:00-18:30; Fr 09:00-17:00; PH off",
    ),
    "permanence": (
        "Tu 09:00-12:00; Th 14:00-17:00",
        "We 09:00-12:00",
        "Mo 14:00-17:00; Fr 09:00-12:00",
        "Th 09:00-12:00,13:30-16:30",
    ),
    "afterschool": (
        "Mo,Tu,Th,Fr 16:30-18:30; SH off",
        "Tu,Th 16:45-18:15; SH off",
        "Mo,Th 16:30-18:00; We 14:00-16:00; SH off",
    ),
    "wednesday": (
        "We 09:00-12:00,14:00-17:00",
        "We 14:00-18:00; Sa 10:00-12:00",
        "We 10:00-12:00; Sa 10:00-12:00",
    ),
    "sport": (
        "We 14:00-17:00; Sa 10:00-12:00",
        "Tu,Th 17:30-19:00; Sa 09:30-11:30",
        "Mo,We 17:00-18:30",
        "We 13:30-15:00; Fr 17:30-19:00",
    ),
    "library": (
        "Tu,Th,Fr 14:00-18:00; We,Sa 10:00-12:30,14:00-18:00",
        "Tu 16:00-18:30; We 10:00-12:00,14:00-18:00; Sa 10:00-12:30",
        "Tu-Fr 13:00-18:30; Sa 10:00-18:00",
    ),
    "smallchild": (
        "Mo 09:00-11:30; Th 14:30-17:30",
        "Tu,Fr 09:00-11:30",
        "We 09:00-12:00; Sa 09:30-11:30",
    ),
    "summer": (
        "Jul-Aug Mo-Fr 09:00-17:00",
        "Jul 07-Aug 22 Mo-Fr 08:30-18:00",
        "Jul-Aug Mo-Fr 14:00-18:00",
    ),
    "youth": (
        "Tu,Th,Fr 16:00-19:00; We 14:00-19:00; SH Mo-Fr 14:00-19:00",
        "We 14:00-18:30; Fr 17:00-20:00; Sa 14:00-18:00",
    ),
    "holidays": ("SH Mo-Fr 08:00-18:00", "SH Mo-Fr 08:30-18:00; We 08:00-18:00"),
    "creche": ("Mo-Fr 07:30-18:30; PH off", "Mo-Fr 07:45-18:45; PH off"),
    "evening": ("Tu 18:00-20:00", "Th 18:30-20:30", "Mo 17:30-19:30"),
}

# Fictitious street names, common to many French towns: the demo never claims a real address.
STREETS = (
    "rue des Tilleuls", "rue du Stade", "avenue de la République", "place de la Mairie",
    "rue des Écoles", "rue Victor-Hugo", "allée des Acacias", "rue de la Gare",
    "rue Jean-Jaurès", "impasse des Lilas", "boulevard des Sports", "rue du Moulin",
    "place du Marché", "rue Pasteur", "rue des Jardins", "chemin des Vignes",
)  # fmt: skip

# Quartiers of Poitiers used to name sites; several are priority neighbourhoods (QPV).
QUARTIERS = (
    "Les Couronneries", "Les Trois-Cités", "Beaulieu", "Bel-Air", "Saint-Éloi",
    "Centre-ville", "La Gibauderie", "Montmidi",
)  # fmt: skip
QPV_QUARTIERS = ("Les Couronneries", "Les Trois-Cités", "Beaulieu", "Bel-Air", "Saint-Éloi")

EXTRA_LANGUAGES = ("en", "ar", "es", "pt", "tr", "uk", "ru")


@dataclass(frozen=True)
class ServiceTemplate:
    """What one kind of structure offers: a service, varied a little at each instance."""

    key: str
    name: str
    description: str
    needs: tuple[str, ...]
    publics: tuple[str, ...] = ("child",)
    ages: tuple[int | None, int | None] = (None, None)
    levels: tuple[str, ...] = ()
    cost: str = "free"
    cost_details: str = ""
    mobilisation: tuple[str, ...] = ("family",)
    # "open", "waitlist", "full", or "mixed" (mostly open, sometimes a waiting list or full)
    capacity: str = "open"
    waitlist: tuple[int, int] = (4, 12)
    eligibility: str = ""
    flags: tuple[str, ...] = ()  # "qpv", "rep", "mdph", "confidential"
    # "" (everywhere), "commune", "sector", "epci", "department", "radius:<km>"
    area: str = ""
    hours: str = "office"
    languages: tuple[str, ...] = ("fr",)
    keywords: tuple[str, ...] = ()
    mailbox: str = "orientations"
    share: float = 1.0  # probability that an instance offers it
    all_places: bool = False  # delivered at every place of the organisation

    def fixed_fields(self) -> dict[str, Any]:
        """Return the service fields every instance shares: who it is for, cost, how to go."""
        return {
            "name": self.name,
            "description": self.description,
            "needs": list(self.needs),
            "publics": list(self.publics),
            "age_min": self.ages[0],
            "age_max": self.ages[1],
            "school_levels": list(self.levels),
            "eligibility": self.eligibility,
            "qpv_only": "qpv" in self.flags,
            "rep_only": "rep" in self.flags,
            "mdph_required": "mdph" in self.flags,
            "confidential_address": "confidential" in self.flags,
            "cost": self.cost,
            "cost_details": self.cost_details,
            "mobilisation": list(self.mobilisation),
            "keywords": list(self.keywords),
        }


@dataclass(frozen=True)
class OrganisationTemplate:
    """A kind of structure, its services, and the sites where the demo places it.

    `sites` lists explicit sites (`"86194"`, or `"86194:Les Couronneries"` for a quartier of
    Poitiers); `min_population` adds every commune at least that big; `sample` adds that many
    communes drawn from those of at least `sample_min_population` inhabitants.
    """

    key: str
    kind: OrganisationKind
    name: str  # "{lieu}" is the quartier or the commune, "{commune}" the commune
    description: str
    services: tuple[ServiceTemplate, ...]
    sites: tuple[str, ...] = ()
    min_population: int | None = None
    sample: int = 0
    sample_min_population: int = 0
    antennas: tuple[str, ...] = ()  # other sites where the same organisation has a place
    with_siret: bool = True
    domain: str = ""  # e-mail and website domain stem, "{slug}" is the site's slug
