"""A synthetic national catalogue: realistic French services clustered around ~30 cities."""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from catalogue.resources import NEEDS_TAXONOMY

# (name, INSEE code, postcode, département, latitude, longitude, weight)
CITIES = [
    ("Paris", "75056", "75011", "75", 48.8566, 2.3522, 10),
    ("Marseille", "13055", "13003", "13", 43.2965, 5.3698, 6),
    ("Lyon", "69123", "69008", "69", 45.7640, 4.8357, 5),
    ("Toulouse", "31555", "31100", "31", 43.6047, 1.4442, 4),
    ("Nice", "06088", "06300", "06", 43.7102, 7.2620, 3),
    ("Nantes", "44109", "44300", "44", 47.2184, -1.5536, 3),
    ("Montpellier", "34172", "34080", "34", 43.6108, 3.8767, 3),
    ("Strasbourg", "67482", "67200", "67", 48.5734, 7.7521, 3),
    ("Bordeaux", "33063", "33300", "33", 44.8378, -0.5792, 3),
    ("Lille", "59350", "59000", "59", 50.6292, 3.0573, 4),
    ("Rennes", "35238", "35200", "35", 48.1173, -1.6778, 2),
    ("Reims", "51454", "51100", "51", 49.2583, 4.0317, 2),
    ("Toulon", "83137", "83000", "83", 43.1242, 5.9280, 2),
    ("Saint-Étienne", "42218", "42000", "42", 45.4397, 4.3872, 2),
    ("Le Havre", "76351", "76600", "76", 49.4944, 0.1079, 2),
    ("Grenoble", "38185", "38100", "38", 45.1885, 5.7245, 2),
    ("Dijon", "21231", "21000", "21", 47.3220, 5.0415, 2),
    ("Angers", "49007", "49000", "49", 47.4784, -0.5632, 2),
    ("Nîmes", "30189", "30000", "30", 43.8367, 4.3601, 2),
    ("Clermont-Ferrand", "63113", "63000", "63", 45.7772, 3.0870, 2),
    ("Le Mans", "72181", "72000", "72", 48.0061, 0.1996, 2),
    ("Amiens", "80021", "80000", "80", 49.8941, 2.2958, 2),
    ("Tours", "37261", "37000", "37", 47.3941, 0.6848, 2),
    ("Limoges", "87085", "87000", "87", 45.8336, 1.2611, 2),
    ("Metz", "57463", "57000", "57", 49.1193, 6.1757, 2),
    ("Perpignan", "66136", "66000", "66", 42.6887, 2.8948, 2),
    ("Rouen", "76540", "76000", "76", 49.4432, 1.0999, 2),
    ("Mulhouse", "68224", "68100", "68", 47.7508, 7.3359, 2),
    ("Poitiers", "86194", "86000", "86", 46.5802, 0.3404, 1),
    ("Roubaix", "59512", "59100", "59", 50.6942, 3.1746, 2),
]

# Per domain: organisation kinds with their name patterns, service names, description phrases.
DOMAINS: dict[str, dict[str, list[str]]] = {
    "scolarite": {
        "orgs": ["Association Réussir à {q}", "Centre social {q}", "Maison de quartier {q}"],
        "names": [
            "Aide aux devoirs",
            "Accompagnement à la scolarité (CLAS)",
            "Tutorat collégiens",
            "Soutien scolaire du soir",
            "Médiation scolaire",
            "Atelier méthodologie",
        ],
        "phrases": [
            "accompagne les élèves après la classe pour les devoirs",
            "propose un soutien scolaire en petits groupes avec des bénévoles",
            "aide les familles à suivre la scolarité de leurs enfants",
            "prévient le décrochage scolaire par un suivi individuel",
        ],
    },
    "langage": {
        "orgs": ["Cabinet d'orthophonie {q}", "CAMSP de {c}", "Centre de PMI {q}"],
        "names": [
            "Bilan orthophonique",
            "Rééducation du langage oral",
            "Éveil au langage",
            "Atelier langage petite enfance",
            "Consultation psychomotricité",
        ],
        "phrases": [
            "réalise des bilans et des séances d'orthophonie pour les enfants",
            "accompagne les enfants qui parlent peu ou tard",
            "propose des ateliers d'éveil pour les tout-petits et leurs parents",
            "évalue le développement psychomoteur du jeune enfant",
        ],
    },
    "sante": {
        "orgs": ["Centre de santé {q}", "CPAM de {c}", "Centre de PMI {q}", "Maison de santé {q}"],
        "names": [
            "Consultation de pédiatrie",
            "Bilan de santé enfant",
            "Accès aux droits santé",
            "Dépistage vue et audition",
            "Prévention bucco-dentaire",
            "Éducation à la santé",
        ],
        "phrases": [
            "propose des consultations médicales pour les enfants sans médecin traitant",
            "aide les familles à ouvrir leurs droits à la complémentaire santé solidaire",
            "organise des dépistages visuels et auditifs",
            "mène des actions de prévention sur l'alimentation et le sommeil",
        ],
    },
    "sante-mentale": {
        "orgs": [
            "CMP infanto-juvénile de {c}",
            "CMPP {q}",
            "Maison des adolescents de {c}",
            "Point accueil écoute jeunes {q}",
        ],
        "names": [
            "Consultation psychologique",
            "Suivi pédopsychiatrique",
            "Écoute adolescents",
            "Groupe de parole jeunes",
            "Consultation jeunes consommateurs",
            "Accueil psychologue",
        ],
        "phrases": [
            "reçoit les enfants et adolescents en souffrance psychique avec un psychologue",
            "propose un suivi pédopsychiatrique en centre médico-psychologique",
            "accueille les jeunes de 11 à 25 ans pour une écoute anonyme et gratuite",
            "accompagne les troubles du comportement et l'anxiété",
        ],
    },
    "handicap": {
        "orgs": ["SESSAD {q}", "MDPH de {c}", "IME {q}", "Association handicap {q}"],
        "names": [
            "Accompagnement médico-social",
            "Aide au dossier MDPH",
            "Scolarisation inclusive",
            "Repérage des troubles du neurodéveloppement",
            "Soins à domicile SESSAD",
        ],
        "phrases": [
            "accompagne les enfants en situation de handicap à l'école et à la maison",
            "aide les familles à constituer un dossier de reconnaissance du handicap",
            "propose un diagnostic et une orientation précoces",
        ],
    },
    "parentalite": {
        "orgs": ["LAEP {q}", "Espace parents {q}", "Centre social {q}", "REAAP de {c}"],
        "names": [
            "Lieu d'accueil enfants parents",
            "Café des parents",
            "Médiation familiale",
            "Soutien à la parentalité",
            "Groupe de parole parents",
            "Visites médiatisées",
        ],
        "phrases": [
            "accueille les parents et leurs jeunes enfants dans un lieu convivial",
            "propose une médiation familiale en cas de conflit ou de séparation",
            "soutient les parents dans leur rôle éducatif",
            "offre un temps de répit aux familles",
        ],
    },
    "social": {
        "orgs": [
            "CCAS de {c}",
            "CAF de {c}",
            "Point conseil budget {q}",
            "Espace France services {q}",
        ],
        "names": [
            "Accès aux droits",
            "Point conseil budget",
            "Aide au logement",
            "Atelier numérique",
            "Cours de français pour parents",
            "Aide alimentaire",
            "Accompagnement vers l'emploi",
        ],
        "phrases": [
            "aide les familles à faire valoir leurs droits aux prestations",
            "accompagne la gestion du budget et les situations de surendettement",
            "propose des ateliers sociolinguistiques pour apprendre le français",
            "aide aux démarches administratives en ligne",
        ],
    },
    "protection": {
        "orgs": ["Service d'AEMO {q}", "Club de prévention {q}", "ASE de {c}"],
        "names": [
            "Aide éducative à domicile",
            "Prévention spécialisée",
            "Action éducative en milieu ouvert",
            "Lutte contre le harcèlement",
            "Accompagnement éducatif renforcé",
        ],
        "phrases": [
            "accompagne les familles dans l'éducation de leurs enfants à domicile",
            "va à la rencontre des jeunes dans la rue et les quartiers",
            "intervient auprès des élèves victimes de harcèlement",
        ],
    },
    "vie-sociale": {
        "orgs": ["Maison des jeunes {q}", "Centre social {q}", "Association Horizons {q}"],
        "names": [
            "Accueil jeunes",
            "Atelier estime de soi",
            "Conseil des jeunes",
            "Projet citoyen",
            "Sorties collectives",
        ],
        "phrases": [
            "rompt l'isolement des jeunes par des activités collectives",
            "renforce l'estime de soi par des ateliers d'expression",
            "fait participer les jeunes à des projets citoyens",
        ],
    },
    "culture-loisirs": {
        "orgs": ["Médiathèque {q}", "Conservatoire de {c}", "Centre de loisirs {q}", "MJC {q}"],
        "names": [
            "Atelier théâtre",
            "Éveil musical",
            "Club lecture",
            "Accueil de loisirs",
            "Atelier arts plastiques",
            "Sorties découverte",
            "Chorale enfants",
        ],
        "phrases": [
            "propose une pratique artistique aux enfants le mercredi",
            "accueille les enfants pendant les vacances et le mercredi",
            "fait découvrir la lecture et les livres aux enfants",
            "organise des sorties culturelles pour les familles",
        ],
    },
    "sport": {
        "orgs": [
            "Football club {q}",
            "Club de natation {q}",
            "Judo club {q}",
            "Association sportive {q}",
        ],
        "names": [
            "École de football",
            "Apprendre à nager",
            "Judo enfants",
            "Basket pour tous",
            "Sport santé adapté",
            "Multisports jeunes",
            "Handball découverte",
        ],
        "phrases": [
            "accueille les enfants pour une pratique sportive en club",
            "propose des cours de natation et d'aisance aquatique",
            "adapte l'activité physique aux enfants en surpoids ou handicapés",
            "prête le matériel et aide à payer la licence",
        ],
    },
    "vacances": {
        "orgs": [
            "Ligue de l'enseignement {c}",
            "Centre de vacances {q}",
            "Association Vacances {q}",
        ],
        "names": [
            "Séjours enfants",
            "Colonie de vacances",
            "Vacances en famille",
            "Activités d'été",
            "Mini-camps",
        ],
        "phrases": [
            "organise des séjours de vacances pour enfants avec aide financière",
            "aide les familles à partir en vacances",
            "propose des activités gratuites pendant l'été",
        ],
    },
}
QUARTERS = [
    "des Tilleuls",
    "du Centre",
    "Bellevue",
    "les Écrivains",
    "du Parc",
    "Jean Moulin",
    "la Source",
    "les Hauts",
    "Saint-Jacques",
    "du Val",
    "des Trois Cités",
    "Pasteur",
    "la Roseraie",
    "les Minimes",
    "Croix-Rouge",
    "Victor Hugo",
]


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
        words = DOMAINS[domain]
        city = rng.choices(CITIES, weights)[0]
        codes = sorted(
            set(
                rng.sample(
                    by_domain[domain], k=min(len(by_domain[domain]), rng.choice([1, 1, 2, 3]))
                )
            )
        )
        org = rng.choice(words["orgs"]).format(q=rng.choice(QUARTERS), c=city[0])
        name = f"{rng.choice(words['names'])} — {city[0]}"
        description = f"{org} {rng.choice(words['phrases'])}. " + " ".join(
            rng.sample(words["phrases"], k=2)
        )
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
