"""Partner forms (Flask-WTF): a service without codes, its capacity, a suspension, a place."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    FloatField,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from referral.labels import LABELS
from referral.partners.area_field import AreaField, area_lines, commune_by_name
from referral.partners.hours_form import HoursForm, hours_formdata
from referral.partners.schemas import LAST_VERSION
from referral.web.filters import language_name
from referral.web.places import commune_name

FLAG_FIELDS = ("qpv_only", "rep_only", "mdph_required", "confidential_address")
PLAIN_FIELDS = (
    "name", "description", "eligibility", "cost", "cost_details", "capacity", "accessibility",
    "age_min", "age_max", "waitlist_weeks", "update_frequency_days", "area_radius_km",
    "needs", "publics", "school_levels", "mobilisation", "languages",
)  # fmt: skip


def _choices(kind: str) -> list[SelectChoice]:
    return [SelectChoice(code, text) for code, text in LABELS[kind].items()]


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes, each label beside its box."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _number(**bounds: Any) -> list[Any]:
    return [Optional(), NumberRange(**bounds)]


class ServiceForm(FlaskForm):
    """Everything a partner says about a service, in words (no codes to type)."""

    version = HiddenField()
    name = StringField("Nom du service", validators=[DataRequired(), Length(min=2, max=300)])
    description = TextAreaField("Description")
    needs = CheckboxesField("Besoins couverts", choices=[])
    publics = CheckboxesField("Public", choices=_choices("public"))
    age_min = IntegerField("Âge minimum (ans)", validators=_number(min=0, max=99))
    age_max = IntegerField("Âge maximum (ans)", validators=_number(min=0, max=99))
    school_levels = CheckboxesField("Niveaux scolaires", choices=_choices("school_level"))
    eligibility = TextAreaField("Autres conditions d'accès")
    qpv_only = BooleanField("Réservé aux habitants des quartiers prioritaires (QPV)")
    rep_only = BooleanField("Réservé aux élèves REP / REP+")
    mdph_required = BooleanField("Notification MDPH nécessaire")
    area = AreaField("Secteur : communes, intercommunalités ou départements (un par ligne)")
    area_radius_km = FloatField(
        "Ou rayon autour des lieux d'accueil (km)", validators=_number(min=0.1, max=200)
    )
    mobilisation = CheckboxesField("Comment le mobiliser ?", choices=_choices("mobilisation"))
    cost = SelectField("Coût", choices=_choices("cost"))
    cost_details = StringField("Précisions sur le coût")
    referral_email = StringField("E-mail qui reçoit les orientations")
    referral_phone = StringField("Téléphone pour les orientations")
    capacity = SelectField("Disponibilité", choices=_choices("capacity"))
    waitlist_weeks = IntegerField(
        "Délai d'attente habituel (semaines)", validators=_number(min=0, max=260)
    )
    languages = CheckboxesField("Langues parlées à l'accueil", choices=_choices("language"))
    hours = FormField(HoursForm, label="Horaires d'ouverture")
    accessibility = TextAreaField("Accessibilité")
    confidential_address = BooleanField("Adresse confidentielle (jamais affichée)")
    update_frequency_days = IntegerField(
        "Fréquence de vérification (jours)", validators=_number(min=7, max=3650)
    )
    keywords = StringField("Mots-clés (séparés par des virgules)")
    places = CheckboxesField("Lieux d'accueil", choices=[])

    def set_choices(self, domains: list[Any], places: list[Any]) -> None:
        """Offer the taxonomy's needs (grouped by domain) and the organisation's places."""
        self.needs.choices = [
            SelectChoice(term.code, term.label, optgroup=domain.label)
            for domain in domains
            for term in domain.terms
        ]
        self.places.choices = [
            SelectChoice(str(place.uid), f"{place.name or 'Lieu'} — {place.address}")
            for place in places
        ]
        known = {choice.value for choice in self.languages.choices}
        self.languages.choices += [
            SelectChoice(code, language_name(code))
            for code in (self.languages.data or [])
            if code not in known
        ]

    def values(self) -> dict[str, Any]:
        """Return the service fields, ready for the catalogue's `ServiceInput` schema."""
        values: dict[str, Any] = {name: self[name].data for name in PLAIN_FIELDS}
        values |= {name: bool(self[name].data) for name in FLAG_FIELDS}
        values |= {name: (self[name].data or "").strip() or None for name in _OPTIONAL_TEXT}
        values |= {
            "name": (self.name.data or "").strip(),
            "area_communes": self.area.area.communes,
            "area_epcis": self.area.area.epcis,
            "area_departments": self.area.area.departments,
            "opening_hours": self.hours.form.osm_value(),
            "keywords": split_words(self.keywords.data or ""),
        }
        for name in ("description", "eligibility", "cost_details", "accessibility"):
            values[name] = (values[name] or "").strip()
        if values["update_frequency_days"] is None:
            values.pop("update_frequency_days")
        return values

    def expected_version(self) -> int | None:
        """Return the version the editor started from."""
        value = self.version.data or ""
        return int(value) if value.isdigit() and int(value) <= LAST_VERSION else None


_OPTIONAL_TEXT = ("referral_email", "referral_phone")


def split_words(text: str) -> list[str]:
    """Split a comma-separated list of words."""
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def stored_formdata(values: dict[str, Any], place_uids: list[str]) -> MultiDict[str, Any]:
    """Return the form's fields for a stored service (what the editor shows first)."""
    data: MultiDict[str, Any] = MultiDict()
    for name in PLAIN_FIELDS + _OPTIONAL_TEXT + FLAG_FIELDS:
        value = values.get(name)
        if isinstance(value, list):
            for item in value:
                data.add(name, item)
        elif value is True:
            data.add(name, "y")
        elif value not in (None, False):
            data.add(name, str(value))
    lines = area_lines(
        values.get("area_communes") or [],
        values.get("area_epcis") or [],
        values.get("area_departments") or [],
    )
    data.add("area", "\n".join(lines))
    data.add("keywords", ", ".join(values.get("keywords") or []))
    data.update(hours_formdata(values.get("opening_hours") or ""))
    for uid in place_uids:
        data.add("places", uid)
    return data


class CapacityForm(FlaskForm):
    """The one-click capacity change of the dashboard."""

    capacity = SelectField("Disponibilité", choices=_choices("capacity"))
    waitlist_weeks = IntegerField("Délai (semaines)", validators=_number(min=0, max=260))


class AreaQueryForm(FlaskForm):
    """What was typed in the area picker."""

    q = StringField(validators=[Optional(), Length(max=100)])


class SuspendForm(FlaskForm):
    """Suspend a service until a date."""

    until = DateField("Suspendre jusqu'au", validators=[InputRequired()])

    def validate_until(self, field: DateField) -> None:
        """The end of a suspension is in the future."""
        if field.data and field.data <= dt.date.today():
            raise ValidationError("Choisissez une date à venir.")


class PlaceForm(FlaskForm):
    """A place of the organisation: its address and commune by name, the point if known."""

    name = StringField("Nom du lieu", validators=[Optional(), Length(max=300)])
    address = StringField("Adresse (numéro et rue)", validators=[Optional(), Length(max=300)])
    postcode = StringField(
        "Code postal", validators=[Optional(), Regexp(r"^\d{5}$", message="5 chiffres.")]
    )
    commune = StringField("Commune", validators=[Optional(), Length(max=200)])
    latitude = FloatField("Latitude", validators=_number(min=-90, max=90))
    longitude = FloatField("Longitude", validators=_number(min=-180, max=180))
    accessibility = TextAreaField("Accessibilité")
    transport = TextAreaField("Accès en transports")

    def validate_commune(self, field: StringField) -> None:
        """Find the commune by its name (and the postcode when several share it)."""
        self.commune_insee = None
        if not (field.data or "").strip():
            return
        found = commune_by_name(field.data, self.postcode.data or "")
        if isinstance(found, str):
            raise ValidationError(found)
        self.commune_insee = found.insee_code

    def values(self) -> dict[str, Any]:
        """Return the place fields, ready for `PlaceInput`."""
        return {
            "name": (self.name.data or "").strip(),
            "address": (self.address.data or "").strip(),
            "postcode": (self.postcode.data or "").strip(),
            "commune_insee": getattr(self, "commune_insee", None),
            "latitude": self.latitude.data,
            "longitude": self.longitude.data,
            "accessibility": (self.accessibility.data or "").strip(),
            "transport": (self.transport.data or "").strip(),
        }


def place_formdata(place: Any) -> MultiDict[str, Any]:
    """Return the place form's fields for a stored place (the commune by its name)."""
    data: MultiDict[str, Any] = MultiDict()
    for name in ("name", "address", "postcode", "accessibility", "transport"):
        data.add(name, getattr(place, name) or "")
    for name in ("latitude", "longitude"):
        if getattr(place, name) is not None:
            data.add(name, str(getattr(place, name)))
    data.add("commune", commune_name(place.commune_insee))
    return data
