"""Opening hours in OpenStreetMap syntax: open days, the editor's weekly hours, French sentences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
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


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
Span = tuple[str, str]
Moment = tuple[int, int | None]


@dataclass(frozen=True)
class WeeklyHours:
    """Opening hours a person can edit: time spans per weekday, holidays, an optional season."""

    days: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    #: the hours during school holidays, when they differ (replace the week's hours then)
    school_holiday_days: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    closed_public_holidays: bool = False
    closed_school_holidays: bool = False
    #: first and last (month 1–12, day or None for the whole month), inclusive
    season: tuple[Moment, Moment] | None = None

    def to_osm(self) -> str:
        """Write the hours in OpenStreetMap `opening_hours` syntax."""
        rules = [f"{_osm_days(days)} {_osm_spans(spans)}" for spans, days in _grouped(self.days)]
        if self.season and rules:
            first, last = (_osm_moment(moment) for moment in self.season)
            rules = [f"{first}-{last} {rule}" for rule in rules]
        rules += [
            f"SH {_osm_days(days)} {_osm_spans(spans)}"
            for spans, days in _grouped(self.school_holiday_days)
        ]
        rules += ["PH off"] * self.closed_public_holidays + ["SH off"] * self.closed_school_holidays
        return "; ".join(rules)


_TIME = r"(?:[01]?\d|2[0-4]):[0-5]\d"
_SPANS = re.compile(rf"^{_TIME}-{_TIME}(?:,{_TIME}-{_TIME})*$")
_DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAY_LIST = re.compile(rf"^{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*$")
_SEASON = re.compile(
    r"^(?P<fm>[A-Z][a-z]{2})(?: (?P<fd>\d{1,2}))?-(?P<lm>[A-Z][a-z]{2})(?: (?P<ld>\d{1,2}))?"
    r":?\s+(?P<rest>.+)$"
)


def _osm_moment(moment: Moment) -> str:
    month, day = moment
    return MONTHS[month - 1] + (f" {day:02d}" if day else "")


def _french_moment(moment: Moment, whole: str) -> str:
    month, day = moment
    return f"{'1er' if day == 1 else day} {MONTH_NAMES[month - 1]}" if day else whole


def _season(match: re.Match[str]) -> tuple[Moment, Moment] | None:
    if (
        match["fm"] not in MONTHS
        or match["lm"] not in MONTHS
        or bool(match["fd"]) != bool(match["ld"])
    ):
        return None
    first = (MONTHS.index(match["fm"]) + 1, int(match["fd"]) if match["fd"] else None)
    last = (MONTHS.index(match["lm"]) + 1, int(match["ld"]) if match["ld"] else None)
    return first, last


def _day_codes(selector: str) -> list[str]:
    codes: list[str] = []
    for chunk in selector.split(","):
        first, _, last = chunk.partition("-")
        start = WEEKDAYS.index(first.lower())
        end = WEEKDAYS.index(last.lower()) if last else start
        codes += [WEEKDAYS[i % 7] for i in range(start, end + 1 if end >= start else end + 8)]
    return codes


def parse_weekly(value: str) -> WeeklyHours | None:
    """Read OSM hours the editor can show (weekdays, spans, holidays, one season), else None."""
    weeks: dict[str, dict[str, tuple[Span, ...]]] = {"": {}, "SH": {}}
    flags = {"PH": False, "SH": False}
    seasons = set()
    for rule in filter(None, (part.strip() for part in value.split(";"))):
        if rule in ("PH off", "SH off", "PH closed", "SH closed"):
            flags[rule[:2]] = True
            continue
        season = _SEASON.match(rule)
        if season and _season(season):
            seasons.add(_season(season))
            rule = season["rest"]
        week = "SH" if rule.startswith("SH ") else ""
        selector, _, times = rule.removeprefix("SH ").partition(" ")
        times = times.replace(" ", "")
        if not _DAY_LIST.match(selector) or not (_SPANS.match(times) or times in ("off", "closed")):
            return None
        spans = () if times in ("off", "closed") else _spans(times)
        weeks[week] |= dict.fromkeys(_day_codes(selector), spans)
    if len(seasons) > 1 or not (any(weeks.values()) or flags["PH"] or flags["SH"]):
        return None
    regular, holidays = ({c: spans for c, spans in weeks[w].items() if spans} for w in ("", "SH"))
    return WeeklyHours(
        days=regular,
        school_holiday_days=holidays,
        closed_public_holidays=flags["PH"],
        closed_school_holidays=flags["SH"] and not weeks["SH"],
        season=next(iter(seasons), None),
    )


def _spans(times: str) -> tuple[Span, ...]:
    pairs = (span.split("-") for span in times.split(","))
    return tuple((f"{int(a[:-3]):02d}:{a[-2:]}", f"{int(b[:-3]):02d}:{b[-2:]}") for a, b in pairs)


def _grouped(days: dict[str, tuple[Span, ...]]) -> list[tuple[tuple[Span, ...], list[str]]]:
    """Group the days that share the same spans, in weekday order of their first day."""
    groups: dict[tuple[Span, ...], list[str]] = {}
    for code in WEEKDAYS:
        if days.get(code):
            groups.setdefault(days[code], []).append(code)
    return list(groups.items())


def _runs(codes: list[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    for code in codes:
        if runs and WEEKDAYS.index(code) == WEEKDAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return runs


def _osm_days(codes: list[str]) -> str:
    parts = []
    for run in _runs(codes):
        names = [code.capitalize() for code in run]
        parts.append(f"{names[0]}-{names[-1]}" if len(run) >= 3 else ",".join(names))
    return ",".join(parts)


def _osm_spans(spans: tuple[Span, ...]) -> str:
    return ",".join(f"{start}-{end}" for start, end in spans)


def _french_days(codes: list[str]) -> str:
    if len(codes) == len(WEEKDAYS):
        return "tous les jours"
    parts: list[str] = []
    for run in _runs(codes):
        if len(run) >= 3:
            parts.append(f"du {DAY_NAMES[run[0]]} au {DAY_NAMES[run[-1]]}")
        else:
            parts += [f"le {DAY_NAMES[code]}" for code in run]
    return french_list(parts)


def french_list(items: list[str]) -> str:
    """Join words the French way: « a, b et c »."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _clock(text: str) -> str:
    hours, _, minutes = text.strip().partition(":")
    return f"{int(hours)} h" + (f" {minutes}" if minutes not in ("", "00") else "")


def _french_spans(spans: tuple[Span, ...]) -> str:
    return " et ".join(f"de {_clock(start)} à {_clock(end)}" for start, end in spans)


def _french_week(days: dict[str, tuple[Span, ...]]) -> str:
    return ", ".join(f"{_french_days(d)} {_french_spans(s)}" for s, d in _grouped(days))


def _french_season(season: tuple[Moment, Moment]) -> str:
    first, last = season
    if first[1]:
        return f"du {_french_moment(first, '')} au {_french_moment(last, '')}"
    return f"de {MONTH_NAMES[first[0] - 1]} à {MONTH_NAMES[last[0] - 1]}"


def french_hours(hours: WeeklyHours) -> str:
    """Say editable hours as one French sentence."""
    sentences = [_french_week(hours.days)] if hours.days else []
    if sentences and hours.season:
        sentences[0] = f"{_french_season(hours.season)} : {sentences[0]}"
    if hours.school_holiday_days:
        holidays = _french_week(hours.school_holiday_days)
        sentences.append(f"pendant les vacances scolaires : {holidays}")
    closures = ["les jours fériés"] * hours.closed_public_holidays
    closures += ["pendant les vacances scolaires"] * hours.closed_school_holidays
    if closures:
        sentences.append("fermé " + " et ".join(closures))
    text = " ; ".join(sentences) or "fermé"
    return text[0].upper() + text[1:] + "."


def plain_hours(value: str) -> str:
    """Return the hours as a French sentence, or the value itself when it cannot be said simply."""
    if value.strip() == "24/7":
        return "Tous les jours, 24 h sur 24."
    hours = parse_weekly(value)
    return value if hours is None else french_hours(hours)
