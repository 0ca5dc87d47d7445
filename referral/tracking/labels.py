"""French labels of the referral codes (states, reasons, contexts, exit reasons)."""

from __future__ import annotations

import enum

STATES = {
    "draft": "brouillon",
    "proposed": "proposée à la famille",
    "family_agreed": "accord de la famille",
    "family_declined": "refusée par la famille",
    "sent": "envoyée au partenaire",
    "acknowledged": "reçue par le partenaire",
    "waitlisted": "en liste d'attente",
    "appointment_set": "rendez-vous fixé",
    "relay_accepted": "relais accepté",
    "declined_by_partner": "refusée par le partenaire",
    "no_follow_up": "sans suite",
    "cancelled": "annulée",
    "expired": "expirée sans réponse",
    "closed": "archivée",
}

DECLINE_REASONS = {
    "out_of_age_range": "hors critères d'âge",
    "out_of_area": "hors secteur",
    "full": "complet",
    "wrong_service": "pas le bon service",
    "incomplete": "dossier incomplet",
    "other": "autre",
}

CONTEXTS = {"construction": "construction du parcours", "ongoing": "en cours", "exit": "sortie"}


class ExitReason(enum.StrEnum):
    """Why a pathway ends."""

    GOALS_MET = "goals_met"
    MAINSTREAM_RELAY = "mainstream_relay"
    MOVED = "moved"
    FAMILY_WITHDREW = "family_withdrew"
    AGE_LIMIT = "age_limit"
    CONTRACT_END = "contract_end"
    OTHER = "other"


EXIT_REASONS = {
    "goals_met": "objectifs atteints",
    "mainstream_relay": "relais vers le droit commun",
    "moved": "déménagement",
    "family_withdrew": "refus ou abandon de la famille",
    "age_limit": "âge limite",
    "contract_end": "fin de contrat",
    "other": "autre",
}

CHANNELS = {
    "web": "en ligne",
    "api": "API",
    "link": "lien sécurisé",
    "phone": "par téléphone",
    "in_person": "en personne",
    "timer": "automatique",
}

WAITING_ON = {
    "draft": "le référent (à proposer à la famille)",
    "proposed": "la famille (sa réponse)",
    "family_agreed": "le référent (à envoyer au partenaire)",
    "sent": "le partenaire (sa réponse)",
    "acknowledged": "le partenaire (sa décision)",
    "waitlisted": "le partenaire (une place)",
    "appointment_set": "la famille (le rendez-vous)",
}

PATHWAY_STATES = {
    "active": "en cours",
    "exit_review": "instance d'orientation",
    "exit_prepared": "sortie préparée",
    "exited": "sorti",
}

KINDS = {
    "pathway_state": PATHWAY_STATES,
    "state": STATES,
    "decline_reason": DECLINE_REASONS,
    "context": CONTEXTS,
    "exit_reason": EXIT_REASONS,
    "channel": CHANNELS,
    "waiting_on": WAITING_ON,
}


def tracking_label(code: str | None, kind: str) -> str:
    """Return the French label of a referral code, or the code itself when it has none."""
    if code is None:
        return ""
    return KINDS.get(kind, {}).get(str(code), str(code))
