"""French labels of the pathway space's codes."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "state": {
        "identified": "repéré",
        "family_informed": "famille informée",
        "family_agreed": "accord de la famille",
        "diagnosed": "diagnostic partagé (EPS)",
        "contracted": "contrat signé",
        "active": "parcours en cours",
        "exit_review": "instance d'orientation",
        "exit_prepared": "sortie préparée",
        "exited": "sorti du parcours",
    },
    "need_status": {
        "identified": "identifié",
        "in_progress": "en cours",
        "covered": "couvert",
        "not_covered": "non couvert",
        "dropped": "abandonné",
    },
    "concerns": {"child": "l'enfant", "family": "la famille", "sibling": "la fratrie"},
    "origin": {
        "family": "la famille",
        "school": "l'école",
        "eps_member": "un membre de l'EPS",
        "referent": "le référent",
        "partner": "un partenaire",
        "other": "autre",
    },
    "priority": {"1": "haute", "2": "normale", "3": "basse"},
    "contact": {"visit": "visite", "call": "appel", "meeting": "rencontre", "message": "message"},
    "information": {
        "child_first_name": "le prénom de l'enfant",
        "child_age": "l'âge de l'enfant",
        "school_level": "sa classe",
        "need": "le besoin pour lequel la famille est orientée",
        "parent_contact": "les coordonnées du parent (téléphone, courriel)",
        "family_message": "un court message relu avec la famille",
    },
    "recipient": {
        "crip": "la CRIP du département",
        "119": "le 119 – Allô enfance en danger",
        "procureur": "le procureur de la République",
    },
    "sex": {"F": "fille", "M": "garçon", "X": "non précisé"},
}


def pathway_label(code: object, kind: str) -> str:
    """Return the French label of a code (the code itself when unknown)."""
    return LABELS.get(kind, {}).get(str(code), str(code) if code is not None else "")
