"""The page forms of the search area (Flask-WTF: CSRF, choices and lengths checked here)."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from referral.search.vocabulary import KIND_LABELS

ENTRY_MESSAGE = "Indiquez le mot ou l'expression (200 caractères au plus)."


def _stripped(value: str | None) -> str:
    return value.strip() if isinstance(value, str) else ""


class VocabularyForm(FlaskForm):
    """One entry of the programme's vocabulary: the word, what it stands for, and why."""

    entry = StringField(
        "Mot ou expression",
        filters=[_stripped],
        validators=[DataRequired(ENTRY_MESSAGE), Length(max=200, message=ENTRY_MESSAGE)],
    )
    kind = SelectField(
        "Ce qu'il désigne",
        choices=[SelectChoice(code, text) for code, text in KIND_LABELS.items()],
        validate_choice=False,  # the message below says what to do, not « choix non valide »
        validators=[AnyOf(list(KIND_LABELS), message="Choisissez le type d'entrée.")],
    )
    target = StringField(
        filters=[_stripped],
        validators=[Optional(), Length(max=200, message="200 caractères au plus.")],
    )
    source = StringField(
        filters=[_stripped],
        validators=[Optional(), Length(max=300, message="300 caractères au plus.")],
    )


#: What the shareable search URL keeps of the form (pathway: « Orienter » for that child).
KEPT = ("q", "age", "school_level", "radius_km", "sort", "pathway")


class SearchForm(FlaskForm):
    """The search form, read once to build the shareable URL (whose schema checks the values)."""

    class Meta:
        csrf = False  # CSRFProtect checks the POST; this form only reads it

    q = StringField(filters=[_stripped])
    age = StringField(filters=[_stripped])
    school_level = StringField(filters=[_stripped])
    radius_km = StringField(filters=[_stripped])
    sort = StringField(filters=[_stripped])
    pathway = StringField(filters=[_stripped])
    need = SelectMultipleField(validate_choice=False)
    free = BooleanField()
    accepting = BooleanField()
    where = StringField(filters=[_stripped])

    def params(self) -> dict[str, Any]:
        """Return the URL parameters the form asks for, the place apart."""
        params: dict[str, Any] = {name: self[name].data for name in KEPT if self[name].data}
        params.update({name: "1" for name in ("free", "accepting") if self[name].data})
        if needs := [code for code in self.need.data or [] if code]:
            params["need"] = needs
        return params
