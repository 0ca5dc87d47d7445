"""OpenStreetMap opening hours in plain French, for the family sheet (« du lundi au vendredi… »)."""

from __future__ import annotations

import re

DAYS = {"Mo": "lundi", "Tu": "mardi", "We": "mercredi", "Th": "jeudi", "Fr": "vendredi",
        "Sa": "samedi", "Su": "dimanche"}  # fmt: skip
_RULE = re.compile(r"^(?P<days>[A-Za-z,\- ]+?)\s+(?P<times>[0-9:,\- ]+|off|closed)$")


def _days(text: str) -> str | None:
    parts = []
    for chunk in text.replace(" ", "").split(","):
        first, _, last = chunk.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            return None
        parts.append(f"du {DAYS[first]} au {DAYS[last]}" if last else f"le {DAYS[first]}")
    return ", ".join(parts)


def _clock(text: str) -> str:
    hours, _, minutes = text.strip().partition(":")
    return f"{int(hours)} h" + (f" {minutes}" if minutes not in ("", "00") else "")


def _times(text: str) -> str:
    spans = [span.split("-") for span in text.split(",")]
    return " et ".join(f"de {_clock(start)} à {_clock(end)}" for start, end in spans)


def plain_hours(value: str) -> str:
    """Return the hours as a French sentence, or the value itself when it is not simple."""
    if value.strip() == "24/7":
        return "Tous les jours, 24 h sur 24."
    sentences = []
    for rule in filter(None, (part.strip() for part in value.split(";"))):
        if rule in ("PH off", "PH closed"):
            sentences.append("fermé les jours fériés")
            continue
        match = _RULE.match(rule)
        days = _days(match["days"]) if match else None
        if match is None or days is None:
            return value
        closed = match["times"] in ("off", "closed")
        sentences.append(f"{days} : {'fermé' if closed else _times(match['times'])}")
    return " ; ".join(sentences).capitalize() + "." if sentences else value
