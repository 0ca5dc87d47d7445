"""The page forms of the search area (Flask-WTF: CSRF, choices and lengths checked here)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
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
