"""French words for numbers, plurals, dates and moments: one module for pages, e-mails and CLI.

Domain code (matching reasons, CLI summaries, notices) and the Jinja filters all use these, so a
count or a date reads the same everywhere and nobody writes « (s) ».
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LOCALE = "fr_FR"
#: Stored moments are UTC; people read them on French time.
LOCAL_TIME = ZoneInfo("Europe/Paris")


def french_number(value: float | int | None, digits: int = 1) -> str:
    """Write a number the French way: decimal comma, thin space between thousands."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return « 1 commune », « 40 communes » (French: 0 and 1 take the singular)."""
    return f"{french_number(count, 0)} {plural_word(count, singular, plural_form)}"


def plural_word(count: int, singular: str, plural_form: str | None = None) -> str:
    """Return the word alone, agreed with the count: « commune » or « communes »."""
    return singular if abs(count) < 2 else (plural_form or singular + "s")


def local_moment(moment: dt.datetime) -> dt.datetime:
    """Return a stored moment on French time (a naive one is UTC, as SQLite gives it back)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(LOCAL_TIME)


def local_day(moment: dt.datetime | None) -> dt.date | None:
    """Return the day, in France, of a stored UTC moment."""
    return local_moment(moment).date() if moment is not None else None


def day_start(day: dt.date) -> dt.datetime:
    """Return the UTC moment a French day starts (periods picked as dates bound stored moments)."""
    return dt.datetime.combine(day, dt.time(), LOCAL_TIME).astimezone(dt.UTC)


def today() -> dt.date:
    """Return today's date in France, whatever the server's clock zone."""
    return dt.datetime.now(LOCAL_TIME).date()


def french_date(value: dt.date | str | None, style: str = "short") -> str:
    """Write a date (or an ISO date as stored in JSON) as 07/12/2026 or 7 décembre 2026.

    A moment is first put on French time: 23:30 UTC on 6 December is already the 7th in Paris.
    """
    if not value:
        return ""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value  # shown as written rather than lost
        return french_date(day, style)
    if isinstance(value, dt.datetime):
        value = local_moment(value).date()
    pattern = "dd/MM/yyyy" if style == "short" else f"{_day(value)} MMMM yyyy"
    return format_date(value, pattern, locale=LOCALE)


def _day(value: dt.date) -> str:
    """Return the day's pattern: French writes the first of the month « 1er »."""
    return "d'er'" if value.day == 1 else "d"


def french_datetime(value: dt.datetime | None) -> str:
    """Write a moment on French time as « 7 décembre 2026 à 14:05 »."""
    if value is None:
        return ""
    local = local_moment(value)
    return format_datetime(
        local, f"{_day(local)} MMMM yyyy 'à' HH:mm", tzinfo=LOCAL_TIME, locale=LOCALE
    )
