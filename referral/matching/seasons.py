"""When a service runs in the year: the month ranges of its opening hours (DESIGN §5).

Only the leading month selectors of OpenStreetMap rules are read (`Jul-Aug Mo-Fr …`,
`Jul 07-Aug 22 …`): a rule without one runs all year, and a rule that depends on school
holidays (`SH`, unknown to the hours library) is unknown — neither ever blocks a service.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
#: How far ahead a service must run to be proposed.
HORIZON_DAYS = 56

_MONTH = "|".join(MONTHS)
_RANGE = re.compile(
    rf"^(?P<m1>{_MONTH})(?:\s+(?P<d1>\d{{1,2}}))?"
    rf"(?:\s*-\s*(?P<m2>{_MONTH})(?:\s+(?P<d2>\d{{1,2}}))?)?(?=\s|$|:)"
)
_SCHOOL_HOLIDAYS = re.compile(r"\bSH\b")

#: (first month, first day, last month, last day): one yearly season.
Season = tuple[int, int, int, int]


def _last_day(month: int) -> int:
    return 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31


def _season(match: re.Match[str]) -> Season:
    first = MONTHS.index(match["m1"]) + 1
    last = MONTHS.index(match["m2"]) + 1 if match["m2"] else first
    first_day = int(match["d1"]) if match["d1"] else 1
    last_day = int(match["d2"]) if match["d2"] else _last_day(last)
    if match["m2"] is None and match["d1"]:
        last_day = first_day
    return first, first_day, last, last_day


@lru_cache(maxsize=4096)
def seasons_of(expression: str) -> tuple[Season, ...] | None:
    """Return the seasons an expression opens in, or None when it runs all year or is unknown."""
    rules = [rule.strip() for rule in expression.split(";") if rule.strip()]
    if not rules or _SCHOOL_HOLIDAYS.search(expression):
        return None
    seasons = []
    for rule in rules:
        if rule.endswith((" off", " closed")) or rule.startswith("PH"):
            continue
        match = _RANGE.match(rule)
        if match is None:
            return None
        seasons.append(_season(match))
    return tuple(seasons) or None


def _dates(season: Season, year: int) -> tuple[dt.date, dt.date]:
    first_month, first_day, last_month, last_day = season
    start = dt.date(year, first_month, min(first_day, _last_day(first_month)))
    end_year = year + 1 if (last_month, last_day) < (first_month, first_day) else year
    end = dt.date(end_year, last_month, min(last_day, _last_day(last_month)))
    if last_month == 2 and last_day >= 28:
        end = dt.date(end_year, 3, 1) - dt.timedelta(days=1)
    return start, end


@lru_cache(maxsize=4096)
def next_run(seasons: tuple[Season, ...], day: dt.date) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the next (or current) season from a day."""
    years = (day.year - 1, day.year, day.year + 1)
    spans = [_dates(season, year) for season in seasons for year in years]
    return min((span for span in spans if span[1] >= day), key=lambda span: span[0])


def runs_soon(seasons: tuple[Season, ...] | None, day: dt.date) -> bool:
    """Tell whether a service runs at some point in the next `HORIZON_DAYS` days."""
    if seasons is None:
        return True
    start, _ = next_run(seasons, day)
    return start <= day + dt.timedelta(days=HORIZON_DAYS)


def french_day(day: dt.date) -> str:
    """Write a day the French way: "1er juillet", "22 août"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTH_NAMES[day.month - 1]}"


def period_text(seasons: tuple[Season, ...], day: dt.date) -> str:
    """Write the next season: "du 7 juillet au 22 août"."""
    start, end = next_run(seasons, day)
    return f"du {french_day(start)} au {french_day(end)}"
