"""Moderation forms (Flask-WTF): the programme's setting, an error report and its closing."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import Length


class ModerationSettingForm(FlaskForm):
    """Whether partners' new services wait for a coordinator."""

    required = BooleanField(
        "Valider les nouveaux services des partenaires", false_values=("", "off")
    )


class ReportForm(FlaskForm):
    """« Signaler une erreur »: what is wrong on the entry."""

    message = TextAreaField("Quelle information est erronée ?", validators=[Length(max=4000)])


class CloseReportForm(FlaskForm):
    """What was done about a report."""

    resolution = TextAreaField("Ce qui a été fait", validators=[Length(max=4000)])
