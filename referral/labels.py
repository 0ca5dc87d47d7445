"""French labels of the codes stored in English: one table for pages, e-mails, exports and CLI."""

from __future__ import annotations

import enum


class ExitReason(enum.StrEnum):
    """Why a pathway ends."""

    GOALS_MET = "goals_met"
    MAINSTREAM_RELAY = "mainstream_relay"
    MOVED = "moved"
    FAMILY_WITHDREW = "family_withdrew"
    AGE_LIMIT = "age_limit"
    CONTRACT_END = "contract_end"
    OTHER = "other"


LABELS: dict[str, dict[str, str]] = {
    "status": {
        "pending": "en attente de validation",
        "active": "active",
        "suspended": "suspendue",
        "closed": "fermée",
    },
    "public": {
        "child": "enfants",
        "parent": "parents",
        "family": "familles",
    },
    "school_level": {
        "maternelle": "maternelle",
        "elementaire": "élémentaire",
        "college": "collège",
        "lycee": "lycée",
    },
    "cost": {
        "free": "gratuit",
        "paid": "payant",
        "income_based": "selon le quotient familial",
    },
    "mobilisation": {
        "family": "la famille peut s'adresser directement au service",
        "professional": "sur orientation d'un professionnel",
        "relais": "orientation possible par Relais",
    },
    "capacity": {
        "open": "accepte les orientations",
        "waitlist": "liste d'attente",
        "full": "complet",
    },
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
    "service_field": {
        "name": "nom",
        "description": "description",
        "needs": "besoins couverts",
        "publics": "public",
        "age_min": "âge minimum",
        "age_max": "âge maximum",
        "school_levels": "niveaux scolaires",
        "eligibility": "conditions",
        "qpv_only": "réservé QPV",
        "mdph_required": "notification MDPH",
        "rep_only": "réservé REP / REP+",
        "area_communes": "secteur (communes)",
        "area_departments": "secteur (départements)",
        "area_epcis": "secteur (intercommunalités)",
        "area_radius_km": "rayon (km)",
        "cost": "coût",
        "cost_details": "précisions sur le coût",
        "mobilisation": "mobilisation",
        "referral_email": "e-mail des orientations",
        "referral_phone": "téléphone des orientations",
        "capacity": "disponibilité",
        "waitlist_weeks": "délai d'attente (semaines)",
        "languages": "langues",
        "accessibility": "accessibilité",
        "opening_hours": "horaires",
        "keywords": "mots-clés",
        "status": "statut",
        "suspended_until": "suspendu jusqu'au",
        "confidential_address": "adresse confidentielle",
        "last_verified_on": "dernière vérification",
        "update_frequency_days": "fréquence de vérification (jours)",
        "source": "source",
        "source_id": "identifiant à la source",
        "place.name": "lieu : nom",
        "place.address": "lieu : adresse",
        "place.postcode": "lieu : code postal",
        "place.commune_insee": "lieu : commune",
        "place.latitude": "lieu : latitude",
        "place.longitude": "lieu : longitude",
        "place.accessibility": "lieu : accessibilité",
        "place.transport": "lieu : accès et transports",
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
    "pathway_state": {
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
    "concerns": {
        "child": "l'enfant",
        "family": "la famille",
        "sibling": "la fratrie",
    },
    "origin": {
        "family": "la famille",
        "school": "l'école",
        "eps_member": "un membre de l'EPS",
        "referent": "le référent",
        "partner": "un partenaire",
        "other": "autre",
    },
    "priority": {
        "1": "haute",
        "2": "normale",
        "3": "basse",
    },
    "contact": {
        "visit": "visite",
        "call": "appel",
        "meeting": "rencontre",
        "message": "message",
    },
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
    "sex": {
        "F": "fille",
        "M": "garçon",
        "X": "non précisé",
    },
    "referral_state": {
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
    },
    "decline_reason": {
        "out_of_age_range": "hors critères d'âge",
        "out_of_area": "hors secteur",
        "full": "complet",
        "wrong_service": "pas le bon service",
        "incomplete": "dossier incomplet",
        "other": "autre",
    },
    "context": {
        "construction": "construction du parcours",
        "ongoing": "en cours",
        "exit": "sortie",
    },
    "exit_reason": {
        "goals_met": "objectifs atteints",
        "mainstream_relay": "relais vers le droit commun",
        "moved": "déménagement",
        "family_withdrew": "refus ou abandon de la famille",
        "age_limit": "âge limite",
        "contract_end": "fin de contrat",
        "other": "autre",
    },
    "channel": {
        "web": "en ligne",
        "api": "API",
        "link": "lien sécurisé",
        "phone": "par téléphone",
        "in_person": "en personne",
        "timer": "automatique",
    },
    "waiting_on": {
        "draft": "le référent (à proposer à la famille)",
        "proposed": "la famille (sa réponse)",
        "family_agreed": "le référent (à envoyer au partenaire)",
        "sent": "le partenaire (sa réponse)",
        "acknowledged": "le partenaire (sa décision)",
        "waitlisted": "le partenaire (une place)",
        "appointment_set": "la famille (le rendez-vous)",
    },
}


def label(kind: str, code: object) -> str:
    """Return the French label of a code, or the code itself when it has none."""
    if code is None:
        return ""
    return LABELS.get(kind, {}).get(str(code), str(code))
