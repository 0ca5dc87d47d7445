"""Opening hours in OpenStreetMap syntax: the days a service is open, and the hours in French."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import opening_hours

#: OSM day codes, Monday first (the codes the family's available days use too).
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
DAY_NAMES = {
    "mo": "lundi", "tu": "mardi", "we": "mercredi", "th": "jeudi",
    "fr": "vendredi", "sa": "samedi", "su": "dimanche",
}  # fmt: skip
_OSM_DAYS = {code.capitalize(): name for code, name in DAY_NAMES.items()}
#: A reference week without French public holidays (13–19 January 2025).
REFERENCE_MONDAY = dt.datetime(2025, 1, 13)


@lru_cache(maxsize=4096)
def open_weekdays(expression: str) -> frozenset[str] | None:
    """Return the days of an ordinary week on which the hours open, or None when unknown."""
    if not expression.strip() or not opening_hours.validate(expression):
        return None
    try:
        hours = opening_hours.OpeningHours(expression)
        intervals = list(hours.intervals(REFERENCE_MONDAY, REFERENCE_MONDAY + dt.timedelta(days=7)))
    except Exception:  # the parser's errors (sun times without a place…) are untyped
        return None
    days = set()
    for start, end, state, _ in intervals:
        if state == opening_hours.State.OPEN and end is not None:
            day = start
            while day < end:
                days.add(WEEKDAYS[day.weekday()])
                day = dt.datetime.combine(day.date() + dt.timedelta(days=1), dt.time())
    return frozenset(days)


_RULE = re.compile(r"^(?P<days>[A-Za-z,\- ]+?)\s+(?P<times>[0-9:,\- ]+|off|closed)$")


def _days(text: str) -> str | None:
    parts = []
    for chunk in text.replace(" ", "").split(","):
        first, _, last = chunk.partition("-")
        if first not in _OSM_DAYS or (last and last not in _OSM_DAYS):
            return None
        parts.append(
            f"du {_OSM_DAYS[first]} au {_OSM_DAYS[last]}" if last else f"le {_OSM_DAYS[first]}"
        )
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
