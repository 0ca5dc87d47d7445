"""Parse the data-protection forms: French messages tied to each field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, DateField, Field, IntegerField, StringField
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    StopValidation,
)

from referral.pathways.family_forms import DayField
from referral.privacy.audit_review import AuditFilters

CHILD_ID = "L'identifiant interne de l'enfant est un nombre."
DATE = "Date attendue au format AAAA-MM-JJ."
REQUIRED = "Ce champ est obligatoire."
BIRTH_DATE = "Date de naissance au format AAAA-MM-JJ, pas dans le futur."

SEXES = ("F", "M")
SCHOOL_LEVELS = ("", "maternelle", "elementaire", "college", "lycee")


def _strip(value: str | None) -> str:
    return (value or "").strip()


class AuditFilterForm(FlaskForm):
    """The audit review's filters (a GET form: no CSRF token); every filter is optional."""

    class Meta:
        csrf = False

    user = StringField("Personne", filters=[_strip])
    actor = StringField("Personne", filters=[_strip])
    child = IntegerField(
        "Enfant (identifiant interne)",
        validators=[Optional(), NumberRange(min=1, message=CHILD_ID)],
    )
    action = StringField("Action", filters=[_strip])
    start = DateField("Du", validators=[Optional()])
    end = DateField("Au", validators=[Optional()])
    category = StringField("Catégorie", filters=[_strip])

    def filters(self) -> AuditFilters:
        """Return what the reviewer asked for."""
        return AuditFilters(
            user=self.user.data or self.actor.data or "",
            child_id=self.child.data,
            action=self.action.data or "",
            start=self.start.data,
            end=self.end.data,
            category=self.category.data or "",
        )


def audit_filters(args: Mapping[str, str]) -> tuple[AuditFilters, dict[str, str]]:
    """Return the audit filters from the query string, and the messages of wrong ones."""
    form = AuditFilterForm(formdata=MultiDict(args))
    form.validate()
    messages = {"child": CHILD_ID, "start": DATE, "end": DATE}
    errors = {name: messages[name] for name in form.errors if name in messages}
    for name in errors:
        getattr(form, name).data = None
    return form.filters(), errors


class RectificationForm(FlaskForm):
    """Correct the child's and the family's record (the guardians have their own form)."""

    first_name = StringField("Prénom", filters=[_strip], validators=[DataRequired(REQUIRED)])
    last_name = StringField("Nom", filters=[_strip], validators=[DataRequired(REQUIRED)])
    sex = StringField(
        "Sexe (F ou M)", filters=[_strip], validators=[AnyOf(SEXES, "Choisissez F ou M.")]
    )
    birth_date = DayField("Date de naissance", validators=[InputRequired(BIRTH_DATE)])
    school_level = StringField(
        "Niveau scolaire (maternelle, elementaire, college, lycee)",
        filters=[_strip],
        validators=[AnyOf(SCHOOL_LEVELS, "Niveau scolaire inconnu.")],
    )
    school_name = StringField("École", filters=[_strip])
    address = StringField("Adresse", filters=[_strip])
    qpv = BooleanField("Réside en quartier prioritaire (QPV)", false_values=("", "0", "false"))

    def validate_birth_date(self, field: Field) -> None:
        """Refuse a birth date in the future."""
        if field.data and field.data > dt.date.today():
            raise StopValidation(BIRTH_DATE)

    def values(self) -> dict[str, Any]:
        """Return the corrected values, as `rights.rectify` takes them."""
        values = {
            name: self[name].data for name in ("first_name", "last_name", "sex", "birth_date")
        }
        values |= {
            name: self[name].data or None for name in ("school_level", "school_name", "address")
        }
        return values | {"qpv": self.qpv.data}


def rectification_form(child: Any) -> RectificationForm:
    """Return the rectification form filled from the record (not from what was posted)."""
    family = child.family
    record = {name: getattr(child, name) for name in ("first_name", "last_name", "sex")}
    record |= {"birth_date": child.birth_date, "school_level": child.school_level or ""}
    record |= {"school_name": child.school_name, "address": family.address, "qpv": family.qpv}
    return RectificationForm(formdata=None, data=record)
