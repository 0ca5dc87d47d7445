"""Account forms (Flask-WTF: each carries its CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class SignInForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(
        "Adresse e-mail", validators=[DataRequired("Indiquez votre adresse e-mail.")]
    )
    password = PasswordField(
        "Mot de passe", validators=[DataRequired("Indiquez votre mot de passe.")]
    )
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    """Ask for a reset link."""

    email = EmailField(
        "Adresse e-mail",
        validators=[
            DataRequired("Indiquez votre adresse e-mail."),
            Regexp(EMAIL, message="Adresse e-mail invalide."),
        ],
    )


class NewPasswordForm(FlaskForm):
    """Choose a password (reset, or accepting an invitation)."""

    full_name = StringField("Nom et prénom", validators=[Optional(), Length(max=200)])
    password = PasswordField(
        "Nouveau mot de passe (12 caractères au moins)",
        validators=[
            DataRequired("Choisissez un mot de passe."),
            Length(min=12, message="12 caractères au moins."),
        ],
    )
    confirm = PasswordField(
        "Confirmez le mot de passe",
        validators=[EqualTo("password", "Les deux mots de passe diffèrent.")],
    )


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class InviteForm(FlaskForm):
    """Invite a colleague: an account is created and a link is e-mailed."""

    email = EmailField(
        "Adresse e-mail",
        validators=[
            DataRequired("Indiquez l'adresse e-mail."),
            Regexp(EMAIL, message="Adresse e-mail invalide."),
        ],
    )
    full_name = StringField("Nom et prénom", validators=[Optional(), Length(max=200)])
    organisation = SelectField("Structure", coerce=int)
    roles = MultiCheckboxField("Rôles", validators=[DataRequired("Choisissez au moins un rôle.")])


class TokenForm(FlaskForm):
    """Name a new personal API token."""

    name = StringField(
        "Nom du jeton (pour vous en souvenir)", validators=[Optional(), Length(max=100)]
    )
