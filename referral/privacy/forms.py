"""Parse the data-protection forms: French messages tied to each field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DateField, IntegerField, StringField
from wtforms.validators import NumberRange, Optional

from referral.privacy.audit_review import AuditFilters

CHILD_ID = "L'identifiant interne de l'enfant est un nombre."
DATE = "Date attendue au format AAAA-MM-JJ."

SEXES = ("F", "M")
SCHOOL_LEVELS = ("", "maternelle", "elementaire", "college", "lycee")


def _strip(value: str | None) -> str:
    return (value or "").strip()


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


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


def parse_rectification(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the corrected values and the messages of the fields to fix."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in ("first_name", "last_name"):
        value = form.get(name, "").strip()
        if not value:
            errors[name] = "Ce champ est obligatoire."
        values[name] = value
    values["sex"] = form.get("sex", "")
    if values["sex"] not in SEXES:
        errors["sex"] = "Choisissez F ou M."
    birth = _date(form.get("birth_date", "").strip())
    if birth is None or birth > dt.date.today():
        errors["birth_date"] = "Date de naissance au format AAAA-MM-JJ, pas dans le futur."
    values["birth_date"] = birth
    values["school_level"] = form.get("school_level", "") or None
    if (values["school_level"] or "") not in SCHOOL_LEVELS:
        errors["school_level"] = "Niveau scolaire inconnu."
    values["school_name"] = form.get("school_name", "").strip() or None
    values["address"] = form.get("address", "").strip() or None
    values["qpv"] = form.get("qpv") == "1"
    return values, errors
