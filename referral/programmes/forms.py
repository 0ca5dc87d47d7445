"""Programme forms (Flask-WTF: each carries its CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import Session
from wtforms import BooleanField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from catalogue.models import Organisation, OrganisationKind
from referral.accounts.models import User

EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ProgrammeForm(FlaskForm):
    """A new programme: its organisation, territory by names, charter and settings."""

    name = StringField(
        "Nom du programme",
        validators=[DataRequired("Indiquez le nom du programme."), Length(max=300)],
    )
    organisation = SelectField("Structure porteuse", coerce=int)
    epci_name = StringField("Intercommunalité (nom)", validators=[Optional(), Length(max=200)])
    commune_names = StringField(
        "Ou communes (noms ou codes INSEE, séparés par des virgules)",
        validators=[Optional(), Length(max=4000)],
    )
    charter_text = TextAreaField("Charte de confidentialité de l'EPS", validators=[Optional()])
    moderation_required = BooleanField(
        "Modérer les nouveaux services des partenaires", default=True
    )
    retention_days = IntegerField(
        "Durée de conservation après le dernier contact (jours)",
        validators=[Optional(), NumberRange(min=1, message="Un nombre de jours positif.")],
    )


class CoordinatorForm(FlaskForm):
    """Invite the programme's first coordinator."""

    email = EmailField(
        "Adresse e-mail",
        validators=[
            DataRequired("Indiquez l'adresse e-mail."),
            Regexp(EMAIL, message="Adresse e-mail invalide."),
        ],
    )
    full_name = StringField("Nom et prénom", validators=[Optional(), Length(max=200)])


def organisation_choices(session: Session) -> list[tuple[int, str]]:
    """Return the organisations that may carry a programme: PRE bodies and those with accounts."""
    with_accounts = select(User.organisation_id)
    query = select(Organisation).where(
        (Organisation.kind == OrganisationKind.PRE) | Organisation.id.in_(with_accounts)
    )
    return [(each.id, each.name) for each in session.scalars(query.order_by(Organisation.name))]
