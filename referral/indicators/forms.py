"""The indicator pages' period: a GET form read by Flask-WTF."""

from __future__ import annotations

import datetime as dt

from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Optional

INVALID = "Date invalide pour « {name} » : utilisez le format AAAA-MM-JJ."


class PeriodForm(FlaskForm):
    """From and to (`?from=…&to=…`); the current calendar year when left out."""

    class Meta:
        csrf = False

    start = DateField("Du", name="from", validators=[Optional()])
    end = DateField("Au", name="to", validators=[Optional()])

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """Return the period asked for, defaulting to the year of `today`."""
        return (
            self.start.data or dt.date(today.year, 1, 1),
            self.end.data or dt.date(today.year, 12, 31),
        )

    def first_error(self) -> str | None:
        """Return the French message of the first wrong date, if any."""
        for field in (self.start, self.end):
            if field.errors:
                return INVALID.format(name=field.name)
        return None
