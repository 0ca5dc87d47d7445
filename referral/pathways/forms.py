"""Parse the page forms of the pathway space (the API's schemas do the checking)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from marshmallow import ValidationError, validate
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from wtforms import BooleanField, Field, FieldList, Form, FormField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, StopValidation

from catalogue.geography import resolve_commune
from catalogue.models import Commune, NeedTerm
from referral.labels import LABELS, label
from referral.pathways.guardians import RELATIONSHIPS, minimised, normalise_phone
from referral.pathways.schemas import PathwayIn
from referral.programmes.models import Programme


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


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


CHILD_FIELDS = ("first_name", "last_name", "sex", "birth_date", "school_level", "school_name")


def _pathway_payload(
    form: MultiDict[str, str], commune: str | None, guardians: list[dict[str, Any]]
) -> dict[str, Any]:
    """Shape the posted form as `PathwayIn` reads it (blank fields left out)."""
    child = {key: _blank_to_none(form.get(key)) for key in CHILD_FIELDS}
    child["school_priority"] = form.get("school_priority") or "none"
    family: dict[str, Any] = {
        "commune": commune,
        "qpv": form.get("qpv") == "on",
        "free_only": form.get("free_only") == "on",
        "days_available": form.getlist("days_available"),
        "languages": [c.strip() for c in form.get("languages", "fr").split(",") if c.strip()],
        "guardians": guardians,
    }
    if _blank_to_none(form.get("max_distance_km")):
        family["max_distance_km"] = form.get("max_distance_km", "").replace(",", ".")
    payload = {
        "child": {k: v for k, v in child.items() if v is not None},
        "family": {k: v for k, v in family.items() if v is not None},
        "contract_start": _blank_to_none(form.get("contract_start")),
        "contract_end": _blank_to_none(form.get("contract_end")),
    }
    return {k: v for k, v in payload.items() if v is not None}


def parse_new_pathway(
    session: Session, form: MultiDict[str, str], programme: Programme | None
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Return (data ready for `create_pathway`, errors per form field)."""
    commune, commune_errors = commune_code(session, form.get("commune"), programme)
    guardians = guardians_form(form)
    guardian_errors = {} if guardians.validate() else guardians.messages()
    other_errors = {**({"commune": commune_errors} if commune_errors else {}), **guardian_errors}
    entered = [] if guardian_errors else guardians.entered()
    try:
        data = PathwayIn().load(_pathway_payload(form, commune, entered))
    except ValidationError as error:
        return {}, {**_flatten(error.messages), **other_errors}
    if other_errors:
        return {}, other_errors
    data["family"]["commune_insee"] = data["family"].pop("commune")
    return data, {}


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
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


class GuardiansForm(Form):
    """Up to two parents or guardians on the pathway form and its rectification."""

    guardians = FieldList(FormField(GuardianForm), min_entries=2, max_entries=2)

    def entered(self) -> list[dict[str, Any]]:
        """Return the guardians with a name, as the schema takes them."""
        return [
            minimised(entry.data) for entry in self.guardians if (entry.data["name"] or "").strip()
        ]

    def messages(self) -> dict[str, list[str]]:
        """Return the errors per form field name (guardians-0-phone…)."""
        return {
            field.id: list(field.errors)
            for entry in self.guardians
            for field in entry.form
            if field.errors
        }


def guardians_form(formdata: Any = None, family: Any = None) -> GuardiansForm:
    """Return the guardians form, from posted data or from the family's record."""
    if formdata is not None:
        return GuardiansForm(formdata)
    rows = list(getattr(family, "guardians", None) or [])[:2]
    return GuardiansForm(data={"guardians": rows + [{}] * (2 - len(rows))})


UNKNOWN_NEED = "Besoin inconnu : tapez quelques lettres et choisissez-le dans la liste proposée."


def _choices(kind: str, codes: Iterable[str]) -> list[SelectChoice]:
    return [SelectChoice(code, label(kind, code)) for code in codes]


class NeedForm(FlaskForm):
    """Add a need from the taxonomy to a pathway: which, for whom, spotted by whom, how urgent."""

    need = StringField(
        "Ajouter un besoin",
        validators=[DataRequired("Indiquez le besoin à ajouter."), Length(max=200)],
        render_kw={"list": "taxonomie", "autocomplete": "off", "size": 60},
    )
    concerns = SelectField(
        "Concerne", choices=_choices("concerns", LABELS["concerns"]), default="child"
    )
    origin = SelectField(
        "Repéré par",
        choices=_choices(
            "origin", ["referent", "school", "family", "eps_member", "partner", "other"]
        ),
        default="referent",
    )
    priority = SelectField("Priorité", choices=_choices("priority", ["1", "2", "3"]), default="2")
    known: dict[str, str]

    def validate_need(self, field: Field) -> None:
        """Accept a taxonomy code or its exact label (what the datalist fills in)."""
        if (field.data or "").strip() not in self.known:
            raise StopValidation(UNKNOWN_NEED)

    def need_code(self) -> str:
        """Return the taxonomy code of the need typed (once the form is valid)."""
        return self.known[(self.need.data or "").strip()]


def need_form(terms: Iterable[NeedTerm]) -> NeedForm:
    """Return the add-a-need form, knowing the taxonomy's codes and labels."""
    form = NeedForm()
    form.known = {key: term.code for term in terms for key in (term.code, term.label)}
    return form
