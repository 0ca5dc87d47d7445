"""French labels of the codes stored in English (one place, used by pages, e-mails and API)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "status": {
        "pending": "en attente de validation",
        "active": "active",
        "suspended": "suspendue",
        "closed": "fermée",
    },
    "public": {"child": "enfants", "parent": "parents", "family": "familles"},
    "school_level": {
        "maternelle": "maternelle",
        "elementaire": "élémentaire",
        "college": "collège",
        "lycee": "lycée",
    },
    "cost": {"free": "gratuit", "paid": "payant", "income_based": "selon le quotient familial"},
    "mobilisation": {
        "family": "la famille peut s'adresser directement au service",
        "professional": "sur orientation d'un professionnel",
        "relais": "orientation possible par Relais",
    },
    "capacity": {"open": "accepte les orientations", "waitlist": "liste d'attente", "full": "complet"},
    "organisation_kind": {
        "caf": "CAF",
        "cpam": "CPAM",
        "ccas": "CCAS / CIAS",
        "cmp": "CMP",
        "cmpp": "CMPP",
        "camsp": "CAMSP",
        "pmi": "PMI",
        "ase": "Aide sociale à l'enfance",
        "service-social": "service social départemental",
        "education-nationale": "Éducation nationale",
        "sante": "santé",
        "medico-social": "médico-social",
        "association": "association",
        "club": "club sportif",
        "culture": "culture",
        "collectivite": "collectivité",
        "justice": "justice",
        "pre": "programme de réussite éducative",
        "autre": "autre",
    },
    "role": {
        "admin": "administrateur (technique)",
        "coordinator": "coordonnateur",
        "referent": "référent de parcours",
        "eps_member": "membre d'EPS",
        "partner": "partenaire",
        "partner_admin": "partenaire administrateur",
        "funder": "financeur",
        "dpo": "délégué à la protection des données",
    },
    "audit_category": {
        "security": "sécurité",
        "catalogue": "catalogue",
        "case": "dossiers",
        "technical": "technique",
    },
    "change_origin": {
        "partner": "partenaire",
        "coordinator": "coordination",
        "import": "import",
        "system": "automatique",
    },
    "language": {
        "fr": "français",
        "ar": "arabe",
        "en": "anglais",
        "es": "espagnol",
        "pt": "portugais",
        "tr": "turc",
        "ro": "roumain",
        "ru": "russe",
        "uk": "ukrainien",
        "zh": "chinois",
        "so": "somali",
        "ps": "pachto",
        "fa": "persan",
        "ber": "tamazight",
        "wo": "wolof",
        "lsf": "langue des signes française",
    },
}


def label(kind: str, code: str | None) -> str:
    """Return the French label of a code, or the code itself when it has none."""
    if code is None:
        return ""
    return LABELS.get(kind, {}).get(str(code), str(code))
