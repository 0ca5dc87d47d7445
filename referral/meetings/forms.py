"""The page forms of the meetings area (Flask-WTF: CSRF, dates, choices, lengths checked here)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from referral.accounts.forms import MultiCheckboxField
from referral.accounts.models import User
from referral.labels import label
from referral.pathways.models import Pathway


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _uuid_or_none(value: object) -> uuid.UUID | None:
    """Read a UUID; anything else (tampered or empty) counts as no value."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


class MeetingForm(FlaskForm):
    """Create an EPS meeting: its day, its title, its members and its agenda."""

    title = StringField(
        "Titre",
        default="Réunion d'EPS",
        filters=[_stripped],
        validators=[Optional(), Length(max=200, message="200 caractères au plus.")],
    )
    held_on = DateField("Date", validators=[InputRequired("Indiquez la date de la réunion.")])
    member = MultiCheckboxField("Membres", choices=[])
    pathway = MultiCheckboxField("Ordre du jour", choices=[])

    def offer(self, members: Iterable[User], pathways: Iterable[Pathway]) -> MeetingForm:
        """Offer the EPS members and the pathways of my caseload still under way."""
        self.member.choices = [
            SelectChoice(str(u.uid), f"{u.full_name or u.email} — {u.organisation.name}")
            for u in members
        ]
        self.pathway.choices = [
            SelectChoice(str(p.uid), f"{p.child.first_name} {p.child.last_name[:1]}. — "
                         f"{label('pathway_state', p.state)}")
            for p in pathways
            if p.state != "exited"
        ]  # fmt: skip
        return self


class DecisionForm(FlaskForm):
    """The EPS decision for one child: orientations to propose, notes, next review."""

    orientation = SelectMultipleField(validate_choice=False)
    notes = TextAreaField(
        "Notes de l'EPS",
        filters=[_stripped],
        validators=[Optional(), Length(max=4000, message="4 000 caractères au plus.")],
    )
    next_review_on = DateField("Prochain point", validators=[Optional()])

    def orientations(self) -> list[dict[str, str]]:
        """Return the ticked orientations ("need code|service uid|service name")."""
        found = []
        for value in self.orientation.data or []:
            parts = value.split("|", 2)
            if len(parts) == 3:
                found.append({"need": parts[0], "service": parts[1], "service_name": parts[2]})
        return found


class CharterForm(FlaskForm):
    """Accept a programme's confidentiality charter, then go on to the meeting."""

    accept = BooleanField(
        "J'ai lu la charte et je m'engage à la respecter.",
        validators=[DataRequired("Cochez la case pour accepter la charte.")],
    )
    next = HiddenField(filters=[_uuid_or_none])  # the meeting to go back to, if any
