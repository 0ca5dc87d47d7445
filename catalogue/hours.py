"""Opening hours in OpenStreetMap syntax: which days of the week a service is open."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import opening_hours

#: OSM day codes, Monday first (the codes the family's available days use too).
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
DAY_NAMES = {
    "mo": "lundi", "tu": "mardi", "we": "mercredi", "th": "jeudi",
    "fr": "vendredi", "sa": "samedi", "su": "dimanche",
}  # fmt: skip
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
