"""The opening-hours editor: days × time ranges, holidays and a season, written as OSM hours."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, FormField, IntegerField, SelectField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional, ValidationError

from catalogue.hours import DAY_NAMES, MONTH_NAMES, WEEKDAYS, Span, WeeklyHours, parse_weekly

SPANS_PER_DAY = 2
MONTH_CHOICES = [SelectChoice("", "—")] + [
    SelectChoice(str(i), name) for i, name in enumerate(MONTH_NAMES, start=1)
]


class _Subform(FlaskForm):
    """A part of the editor: no CSRF token of its own (the service form carries it)."""

    class Meta:
        csrf = False


class DayForm(_Subform):
    """One day: up to two time ranges (morning, afternoon)."""

    start1 = TimeField("Ouverture", validators=[Optional()])
    end1 = TimeField("Fermeture", validators=[Optional()])
    start2 = TimeField("Réouverture", validators=[Optional()])
    end2 = TimeField("Fermeture", validators=[Optional()])

    def spans(self) -> tuple[Span, ...]:
        """Return the day's ranges as « HH:MM » pairs, in order."""
        found = []
        for index in range(1, SPANS_PER_DAY + 1):
            start, end = self[f"start{index}"].data, self[f"end{index}"].data
            if start and end:
                found.append((f"{start:%H:%M}", f"{end:%H:%M}"))
        return tuple(found)

    def validate(self, extra_validators: Any = None) -> bool:
        """Check each range has both ends and closes after it opens."""
        valid = super().validate(extra_validators)
        for index in range(1, SPANS_PER_DAY + 1):
            start, end = self[f"start{index}"], self[f"end{index}"]
            if bool(start.data) != bool(end.data):
                (end if start.data else start).errors.append("Indiquez les deux heures.")
                valid = False
            elif start.data and end.data and end.data <= start.data:
                end.errors.append("L'heure de fermeture doit suivre l'heure d'ouverture.")
                valid = False
        return valid


def _week_form(legend: str) -> type[_Subform]:
    fields = {code: FormField(DayForm, label=DAY_NAMES[code]) for code in WEEKDAYS}
    return type(f"WeekForm{legend}", (_Subform,), fields)


WeekForm = _week_form("Regular")
HolidayWeekForm = _week_form("SchoolHolidays")


class HoursForm(_Subform):
    """The whole editor; `text` keeps hours the editor cannot show (advanced syntax)."""

    week = FormField(WeekForm)
    school_holiday_week = FormField(HolidayWeekForm)
    closed_public_holidays = BooleanField("Fermé les jours fériés")
    closed_school_holidays = BooleanField("Fermé pendant les vacances scolaires")
    season_from = SelectField("Ouvert de", choices=MONTH_CHOICES, validators=[Optional()])
    season_from_day = IntegerField("jour", validators=[Optional(), NumberRange(1, 31)])
    season_to = SelectField("à", choices=MONTH_CHOICES, validators=[Optional()])
    season_to_day = IntegerField("jour", validators=[Optional(), NumberRange(1, 31)])
    text = TextAreaField("Horaires écrits dans la syntaxe OpenStreetMap (avancé)")

    def validate_season_to(self, field: SelectField) -> None:
        """A season names both months, and days on both ends or on neither."""
        if bool(self.season_from.data) != bool(field.data):
            raise ValidationError("Indiquez le premier et le dernier mois, ou aucun.")
        if bool(self.season_from_day.data) != bool(self.season_to_day.data):
            raise ValidationError("Indiquez le jour de début et le jour de fin, ou aucun.")

    def weekly(self) -> WeeklyHours:
        """Return what the editor says."""
        season = None
        if self.season_from.data and self.season_to.data:
            season = (
                (int(self.season_from.data), self.season_from_day.data or None),
                (int(self.season_to.data), self.season_to_day.data or None),
            )
        holidays = _days(self.school_holiday_week)
        return WeeklyHours(
            days=_days(self.week),
            school_holiday_days=holidays,
            closed_public_holidays=bool(self.closed_public_holidays.data),
            closed_school_holidays=bool(self.closed_school_holidays.data) and not holidays,
            season=season,
        )

    def osm_value(self) -> str:
        """Return the OSM value to store: the editor's, or the advanced text when it holds one."""
        written = (self.text.data or "").strip()
        return written if written else self.weekly().to_osm()


def _days(week: FormField) -> dict[str, tuple[Span, ...]]:
    return {code: spans for code in WEEKDAYS if (spans := week[code].form.spans())}


def hours_formdata(value: str, prefix: str = "hours") -> dict[str, Any]:
    """Return the editor's fields for a stored OSM value (advanced text when it cannot show it)."""
    hours = parse_weekly(value) if value.strip() else WeeklyHours()
    if hours is None or not _fits(hours):
        return {f"{prefix}-text": value}
    data: dict[str, Any] = {}
    for week, days in (("week", hours.days), ("school_holiday_week", hours.school_holiday_days)):
        for code, spans in days.items():
            for index, (start, end) in enumerate(spans[:SPANS_PER_DAY], start=1):
                data[f"{prefix}-{week}-{code}-start{index}"] = start
                data[f"{prefix}-{week}-{code}-end{index}"] = end
    if hours.closed_public_holidays:
        data[f"{prefix}-closed_public_holidays"] = "y"
    if hours.closed_school_holidays:
        data[f"{prefix}-closed_school_holidays"] = "y"
    if hours.season:
        (first, first_day), (last, last_day) = hours.season
        data |= {f"{prefix}-season_from": str(first), f"{prefix}-season_to": str(last)}
        data[f"{prefix}-season_from_day"] = first_day or ""
        data[f"{prefix}-season_to_day"] = last_day or ""
    return data


def _fits(hours: WeeklyHours) -> bool:
    days = [*hours.days.values(), *hours.school_holiday_days.values()]
    return all(len(spans) <= SPANS_PER_DAY for spans in days)
