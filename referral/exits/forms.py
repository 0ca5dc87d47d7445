"""The page forms of the exit review (Flask-WTF: choices and lengths checked here)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired

from referral.labels import LABELS


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class PrepareExitForm(FlaskForm):
    """Prepare a pathway's exit from the state the page showed (a stale one is refused)."""

    from_state = HiddenField(name="from", filters=[_stripped])


class JustificationForm(FlaskForm):
    """Why an open need leaves without a relay."""

    justification = StringField(
        "Justification écrite (sortie sans relais)",
        filters=[_stripped],
        validators=[DataRequired("Écrivez la justification.")],
    )


class ExitForm(FlaskForm):
    """End a prepared pathway with a reason."""

    from_state = HiddenField(name="from", filters=[_stripped])
    reason = SelectField(
        "Motif de sortie",
        choices=[SelectChoice("", "— choisir —")]
        + [SelectChoice(code, text) for code, text in LABELS["exit_reason"].items()],
        validate_choice=False,  # the message below says what to do
        validators=[AnyOf(list(LABELS["exit_reason"]), message="Choisissez le motif de sortie.")],
    )


class PostExitCheckForm(FlaskForm):
    """Whether the relay was effective three months after the exit."""

    effective = RadioField(
        "Le relais a-t-il été effectif ?",
        choices=[SelectChoice("yes", "oui"), SelectChoice("no", "non")],
        validate_choice=False,  # no answer counts as « non », as it always has
    )
