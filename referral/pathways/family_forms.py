"""The child's and the family's record as page forms: opening a pathway, the guardians.

`PathwayForm` reads the page; `PathwayIn` (the API's schema) checks the values, and its
messages are set beside each field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from flask_wtf import FlaskForm
from marshmallow import ValidationError, validate
from sqlalchemy.orm import Session
from wtforms import (
    BooleanField,
    DateField,
    Field,
    FieldList,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional, StopValidation

from catalogue.geography import resolve_commune
from catalogue.models import Commune
from referral.labels import LABELS, label
from referral.pathways.guardians import RELATIONSHIPS, minimised, normalise_phone
from referral.pathways.schemas import LEVELS, PathwayIn
from referral.programmes.models import Programme

DATE_MESSAGE = "Date attendue au format AAAA-MM-JJ."


class DayField(DateField):
    """A day (AAAA-MM-JJ): blank leaves no value; a malformed one says so in French."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        """Read the day typed; let `InputRequired` or `Optional` judge a blank one."""
        if not valuelist:
            return  # not sent: the default stays
        self.data = None
        if str(valuelist[0]).strip():
            try:
                self.data = dt.date.fromisoformat(str(valuelist[0]).strip())
            except ValueError:
                raise ValueError(DATE_MESSAGE) from None

    @property
    def day(self) -> dt.date:
        """Return the day read, once the form is valid (`InputRequired` made sure of it)."""
        if self.data is None:
            raise ValueError(DATE_MESSAGE)
        return self.data


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _in_territory(programme: Programme | None, commune: Commune) -> bool:
    if programme is None:
        return False
    return (
        commune.insee_code in (programme.territory_communes or [])
        or commune.epci_siren == programme.territory_epci
        or commune.department_code == programme.department_code
    )


def commune_code(
    session: Session, text: str | None, programme: Programme | None = None
) -> tuple[str | None, list[str]]:
    """Turn what a référent typed (name, postcode or INSEE code) into one INSEE code.

    Among several communes, those of the programme's territory win.
    """
    if not text or not text.strip():
        return None, []
    found = resolve_commune(session, text)
    local = [commune for commune in found if _in_territory(programme, commune)]
    found = local if len(found) > 1 and local else found
    if len(found) == 1:
        return found[0].insee_code, []
    if not found:
        return None, [f"Commune introuvable : « {text.strip()} »."]
    choices = ", ".join(f"{c.name} ({c.postcodes.split()[0]}, code {c.insee_code})" for c in found)
    return None, [f"Plusieurs communes correspondent : {choices}. Précisez le code INSEE."]


def _pairs(pairs: Sequence[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(code, text) for code, text in pairs]


SEXES = (("F", "fille"), ("M", "garçon"), ("X", "non précisé"))
SCHOOL_LEVELS = [("", "—")] + [(code, code) for code in LEVELS[4:]]
SCHOOL_PRIORITIES = (("none", "non"), ("rep", "REP"), ("rep+", "REP+"))
DAYS = (("mo", "lundi"), ("tu", "mardi"), ("we", "mercredi"), ("th", "jeudi"),
        ("fr", "vendredi"), ("sa", "samedi"), ("su", "dimanche"))  # fmt: skip
CHILD_FIELDS = ("first_name", "last_name", "sex", "birth_date", "school_level", "school_name")


class PathwayForm(FlaskForm):
    """Open a pathway: the child, the family, the contract (`PathwayIn` checks the values)."""

    first_name = StringField("Prénom", filters=[_stripped])
    last_name = StringField("Nom", filters=[_stripped])
    sex = SelectField("Sexe", choices=_pairs(SEXES), validate_choice=False)
    birth_date = StringField("Date de naissance", filters=[_stripped])
    school_level = SelectField(
        "Niveau scolaire", choices=_pairs(SCHOOL_LEVELS), validate_choice=False
    )
    school_name = StringField("École ou collège", filters=[_stripped])
    school_priority = SelectField(
        "Éducation prioritaire", choices=_pairs(SCHOOL_PRIORITIES), validate_choice=False
    )
    commune = StringField("Commune de résidence", filters=[_stripped])
    qpv = BooleanField("Habite un quartier prioritaire (QPV)")
    max_distance_km = StringField("Distance maximale acceptée (km)", filters=[_stripped])
    free_only = BooleanField("Services gratuits uniquement")
    languages = StringField(
        "Langues parlées à la maison (codes, séparés par des virgules)", default="fr"
    )
    days_available = SelectMultipleField(
        "Jours où la famille est disponible", choices=_pairs(DAYS), validate_choice=False
    )
    contract_start = StringField("Début du contrat", filters=[_stripped])
    contract_end = StringField("Fin du contrat", filters=[_stripped])

    def payload(self, commune: str | None, guardians: list[dict[str, Any]]) -> dict[str, Any]:
        """Shape the posted form as `PathwayIn` reads it (blank fields left out)."""
        child = {key: self[key].data or None for key in CHILD_FIELDS}
        child["school_priority"] = self.school_priority.data or "none"
        family: dict[str, Any] = {
            "commune": commune,
            "qpv": self.qpv.data,
            "free_only": self.free_only.data,
            "days_available": self.days_available.data or [],
            "languages": [c.strip() for c in (self.languages.data or "").split(",") if c.strip()],
            "guardians": guardians,
        }
        if self.max_distance_km.data:
            family["max_distance_km"] = self.max_distance_km.data.replace(",", ".")
        payload = {
            "child": {k: v for k, v in child.items() if v is not None},
            "family": {k: v for k, v in family.items() if v is not None},
            "contract_start": self.contract_start.data or None,
            "contract_end": self.contract_end.data or None,
        }
        return {k: v for k, v in payload.items() if v is not None}

    def tell(self, messages: dict[str, list[str]]) -> None:
        """Set each message beside its field (those of no field go above the form)."""
        for name, texts in messages.items():
            target = self[name].errors if name in self else self.form_errors
            target.extend(texts)


def read_pathway(
    session: Session, form: PathwayForm, guardians: GuardiansForm, programme: Programme | None
) -> dict[str, Any] | None:
    """Return the data ready for `create_pathway`, or None with the messages on the forms."""
    form.validate()
    commune, commune_errors = commune_code(session, form.commune.data, programme)
    guardians_ok = guardians.validate()
    try:
        data = PathwayIn().load(form.payload(commune, guardians.entered() if guardians_ok else []))
    except ValidationError as error:
        form.tell(_flatten(error.messages))
        data = None
    form.tell({"commune": commune_errors} if commune_errors else {})
    if programme is None:
        form.form_errors.append("Votre compte n'est rattaché à aucun programme.")
    if data is None or form.errors or not guardians_ok:
        return None
    data["family"]["commune_insee"] = data["family"].pop("commune")
    return data


def _flatten(messages: Any) -> dict[str, list[str]]:
    """Turn nested marshmallow messages into {form field: [messages]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(value, dict):
                flat.update(_flatten(value))
            else:
                flat[str(key)] = [str(each) for each in value]
    return flat


def _phone_check(_form: Form, field: Field) -> None:
    if field.data and field.data.strip():
        try:
            field.data = normalise_phone(field.data)
        except ValueError as error:
            raise StopValidation(str(error)) from None


def _email_check(_form: Form, field: Field) -> None:
    if field.data and field.data.strip():
        try:
            validate.Email()(field.data.strip())
        except ValidationError:
            raise StopValidation("Adresse e-mail invalide.") from None


class GuardianForm(Form):
    """One parent or guardian: how to reach them, and whether the partner may."""

    name = StringField("Nom et prénom", [Optional(), Length(max=200)])
    relationship = SelectField(
        "Lien avec l'enfant",
        choices=[SelectChoice("", "—")]
        + [SelectChoice(code, label("relationship", code)) for code in RELATIONSHIPS],
        validators=[Optional()],
    )
    phone = StringField("Téléphone", [_phone_check], render_kw={"autocomplete": "off"})
    email = StringField("Courriel", [_email_check], render_kw={"autocomplete": "off"})
    language = SelectField(
        "Langue préférée",
        choices=[SelectChoice(code, text) for code, text in LABELS["language"].items()],
        default="fr",
    )
    may_contact = BooleanField("Le partenaire peut le ou la contacter", default=True)


class GuardiansForm(FlaskForm):
    """Up to two parents or guardians on the pathway form and its rectification."""

    class Meta:
        csrf = False  # the page's own form carries the token

    guardians = FieldList(FormField(GuardianForm), min_entries=2, max_entries=2)

    def entered(self) -> list[dict[str, Any]]:
        """Return the guardians with a name, as the schema takes them."""
        return [
            minimised(entry.data) for entry in self.guardians if (entry.data["name"] or "").strip()
        ]

    def sent(self) -> bool:
        """Tell whether the page sent the guardians (it always does; other clients may not)."""
        return bool(self.guardians[0].form["name"].raw_data)

    def messages(self) -> dict[str, list[str]]:
        """Return the errors per form field name (guardians-0-phone…)."""
        return {
            field.id: list(field.errors)
            for entry in self.guardians
            for field in entry.form
            if field.errors
        }


def guardians_form(family: Any = None) -> GuardiansForm:
    """Return the guardians form: as posted, else from the family's record."""
    rows = list(getattr(family, "guardians", None) or [])[:2]
    return GuardiansForm(data={"guardians": rows + [{}] * (2 - len(rows))})
