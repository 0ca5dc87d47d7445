"""Reasons and blocking reasons: a stable code and a French text each."""

from __future__ import annotations

from typing import TypedDict

from referral.french import plural


class Reason(TypedDict):
    """One reason shown next to a proposal or a near miss."""

    code: str
    text: str


LANGUAGE_NAMES = {
    "fr": "français",
    "en": "anglais",
    "ar": "arabe",
    "es": "espagnol",
    "pt": "portugais",
    "it": "italien",
    "de": "allemand",
    "tr": "turc",
    "ro": "roumain",
    "ru": "russe",
    "uk": "ukrainien",
    "zh": "chinois",
    "vi": "vietnamien",
    "so": "somali",
    "ps": "pachto",
    "fa": "persan",
    "ber": "berbère",
    "wo": "wolof",
    "sq": "albanais",
    "lsf": "langue des signes",
}

LEVEL_NAMES = {
    "maternelle": "maternelle",
    "elementaire": "élémentaire",
    "college": "collège",
    "lycee": "lycée",
}


def reason(code: str, text: str) -> Reason:
    """Build a reason."""
    return {"code": code, "text": text}


def km(distance: float) -> str:
    """Write a distance the French way: "1,2 km", "450 m"."""
    if distance < 1:
        return f"{max(round(distance * 1000, -1), 10):.0f} m"
    return f"{distance:.1f} km".replace(".", ",")


def waiting_time(weeks: int | None) -> str:
    """Write a typical waiting time: "~3 mois", "~2 semaines"."""
    if weeks is None:
        return "liste d'attente"
    if weeks < 8:
        return f"liste d'attente ~{plural(weeks, 'semaine')}"
    return f"liste d'attente ~{round(weeks / 4.345)} mois"


def language_name(code: str) -> str:
    """Return the French name of a language code (the code itself when unknown)."""
    return LANGUAGE_NAMES.get(code, code)


def levels_text(levels: list[str]) -> str:
    """Write a list of school levels: "collège, lycée"."""
    return ", ".join(LEVEL_NAMES.get(level, level) for level in levels)
