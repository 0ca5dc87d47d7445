"""The page forms of the referrals area (Flask-WTF: CSRF, types and lengths checked here)."""

from __future__ import annotations

import datetime as dt
import uuid

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import UUID, DataRequired, InputRequired, Length, Optional

from referral.referrals.models import ReferralContext

MESSAGE_HINT = "Écrit pour le partenaire et relu avec la famille (2 000 caractères au plus)."


class OrientForm(FlaskForm):
    """Orient one of my children's needs to one service: who, which need, the message."""

    service = HiddenField(validators=[InputRequired("Choisissez un service."), UUID()])
    previous = HiddenField(validators=[Optional(), UUID()])
    pathway = SelectField("Enfant", validators=[InputRequired("Choisissez un enfant.")])
    need = SelectField("Besoin", validators=[InputRequired("Choisissez un besoin.")])
    message = TextAreaField(
        "Message pour le partenaire (validé avec la famille)",
        validators=[Optional(), Length(max=2000, message="2 000 caractères au plus.")],
        description=MESSAGE_HINT,
    )
    send = SubmitField("Envoyer au partenaire")
    draft = SubmitField("Créer l'orientation sans l'envoyer")

    def uid(self, name: str) -> uuid.UUID | None:
        """Return a field's value as a UUID (None when it is not one)."""
        try:
            return uuid.UUID(str(getattr(self, name).data))
        except ValueError:
            return None


class ServiceLookupForm(FlaskForm):
    """Find the service by its name (catalogue search underneath)."""

    class Meta:
        csrf = False  # a GET that changes nothing

    service_name = StringField(
        "Service",
        validators=[DataRequired("Tapez le nom du service."), Length(max=200)],
        render_kw={"list": "services-trouves"},
    )


class CreateForm(FlaskForm):
    """Create a draft referral of one need to one service (the pathway is in the URL)."""

    need = HiddenField(validators=[InputRequired("Choisissez un besoin."), UUID()])
    service = HiddenField(validators=[InputRequired("Choisissez un service."), UUID()])
    previous = HiddenField(validators=[Optional(), UUID()])
    context = SelectField(
        choices=[SelectChoice(str(c), str(c)) for c in ReferralContext],
        default=str(ReferralContext.CONSTRUCTION),
    )
    family_message = TextAreaField(validators=[Optional(), Length(max=2000)])

    def uid(self, name: str) -> uuid.UUID | None:
        """Return a field's value as a UUID (None when it is not one)."""
        try:
            return uuid.UUID(str(getattr(self, name).data))
        except ValueError:
            return None


class TransitionForm(FlaskForm):
    """One move of the referral from its page, the partner's page or the signed link."""

    from_state = HiddenField(validators=[InputRequired()], name="from")
    to_state = HiddenField(validators=[InputRequired()], name="to")
    reason = StringField(validators=[Optional(), Length(max=30)])
    note = TextAreaField(
        validators=[Optional(), Length(max=2000, message="2 000 caractères au plus.")]
    )
    expected_on = DateField(validators=[Optional()], format="%Y-%m-%d")
    appointment_on = DateField(validators=[Optional()], format="%Y-%m-%d")
    channel = StringField(validators=[Optional(), Length(max=20)])

    def dates(self) -> dict[str, dt.date]:
        """Return the dates the move carries."""
        return {
            key: getattr(self, key).data
            for key in ("expected_on", "appointment_on")
            if getattr(self, key).data is not None
        }


class SendForm(FlaskForm):
    """Send a draft in one action, the family's consent on file standing for its agreement."""

    message = TextAreaField(
        "Message pour le partenaire (validé avec la famille)",
        validators=[Optional(), Length(max=2000, message="2 000 caractères au plus.")],
        description=MESSAGE_HINT,
    )


class ExportForm(FlaskForm):
    """The period of the referrals received that the partner exports."""

    class Meta:
        csrf = False  # a GET that changes nothing

    start = DateField("Du", validators=[Optional()])
    end = DateField("Au", validators=[Optional()])
