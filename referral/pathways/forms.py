"""The page forms of the pathway space (Flask-WTF: dates, choices and lengths checked here)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    AnyOf,
    DataRequired,
    InputRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)

from catalogue.models import NeedTerm
from referral.accounts.models import User
from referral.consents.models import SharedInformation
from referral.labels import LABELS, label
from referral.pathways.family_forms import DayField
from referral.pathways.models import NeedStatus
from referral.pathways.services import CONTACT_KINDS, DANGER_RECIPIENTS

AT_MOST_2000 = "2 000 caractères au plus."
INFORMATION = [str(item) for item in SharedInformation]


def _stripped(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _people(users: Iterable[User]) -> dict[str, User]:
    return {str(user.uid): user for user in users}


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
    priority = SelectField(
        "Priorité", choices=_choices("priority", ["1", "2", "3"]), default="2", coerce=int
    )
    known: dict[str, str]

    def validate_need(self, field: Field) -> None:
        """Accept a taxonomy code or its exact label (what the datalist fills in)."""
        if (field.data or "").strip() not in self.known:
            raise StopValidation(UNKNOWN_NEED)

    def need_code(self) -> str:
        """Return the taxonomy code of the need typed (once the form is valid)."""
        return self.known[(self.need.data or "").strip()]


def need_form(terms: Iterable[NeedTerm], *, blank: bool = False) -> NeedForm:
    """Return the add-a-need form, knowing the taxonomy's codes and labels (blank: not posted)."""
    form = NeedForm(formdata=None) if blank else NeedForm()
    form.known = {key: term.code for term in terms for key in (term.code, term.label)}
    return form


class DelegationForm(FlaskForm):
    """Lend my caseload to a colleague for a period (both days included)."""

    to = SelectField("Confier mes parcours à", id="delegate-to", validate_choice=False)
    starts_on = DayField("Du", validators=[InputRequired("Indiquez le premier jour.")])
    ends_on = DayField("Au", validators=[InputRequired("Indiquez le dernier jour.")])
    colleagues: dict[str, User]

    def offer(self, colleagues: Iterable[User]) -> DelegationForm:
        """Offer the référents of my organisation (me excepted)."""
        self.colleagues = _people(colleagues)
        self.to.choices = [
            SelectChoice(k, u.full_name or u.email) for k, u in self.colleagues.items()
        ]
        return self

    def validate_to(self, field: Field) -> None:
        """Accept only a colleague offered."""
        if field.data not in self.colleagues:
            raise StopValidation("Choisissez un collègue référent.")

    def validate_ends_on(self, field: Field) -> None:
        """Refuse a period that ends before it starts."""
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError("Le dernier jour ne peut pas précéder le premier.")

    def colleague(self) -> User:
        """Return the colleague chosen (once the form is valid)."""
        return self.colleagues[self.to.data]


class TransferForm(FlaskForm):
    """Hand the pathway to another référent of the programme."""

    referent = SelectField("Référent", validate_choice=False)
    referents: dict[str, User]

    def offer(self, referents: Iterable[User]) -> TransferForm:
        """Offer the référents of the programme's organisation."""
        self.referents = _people(referents)
        return self

    def chosen(self) -> User | None:
        """Return the référent chosen, or None when the value is not one offered."""
        return self.referents.get(self.referent.data or "")


class NeedStatusForm(FlaskForm):
    """Where one need stands, with an optional written justification."""

    status = SelectField(choices=[str(s) for s in NeedStatus])
    justification = StringField(filters=[_stripped], validators=[Optional()])


class PathwayTransitionForm(FlaskForm):
    """One move of the pathway along its lifecycle (the service says which moves are allowed)."""

    from_state = HiddenField(name="from", filters=[_stripped])
    to_state = SelectField("Étape suivante", name="to", id="to", validate_choice=False)
    note = StringField(
        "Note",
        id="transition-note",
        filters=[_stripped],
        validators=[Optional(), Length(max=2000, message=AT_MOST_2000)],
    )
    exit_reason = StringField(filters=[_stripped])


class ContactForm(FlaskForm):
    """One entry of the contact journal: the day, the kind, a short note."""

    on = DayField(
        "Date", id="contact-on", validators=[InputRequired("Indiquez la date du contact.")]
    )
    kind = SelectField(
        "Type",
        id="contact-kind",
        choices=_choices("contact", CONTACT_KINDS),
        validate_choice=False,  # the message below says what to do
        validators=[AnyOf(CONTACT_KINDS, message="Choisissez le type de contact.")],
    )
    note = StringField(
        "Note courte",
        id="contact-note",
        filters=[_stripped],
        validators=[Optional(), Length(max=2000, message=AT_MOST_2000)],
    )


class DangerReportForm(FlaskForm):
    """That an information préoccupante was transmitted: when, to whom (never its content)."""

    transmitted_on = DayField(
        "Date de la transmission",
        validators=[InputRequired("Indiquez la date de la transmission.")],
    )
    recipient = SelectField(
        "Destinataire",
        choices=_choices("recipient", DANGER_RECIPIENTS),
        validate_choice=False,
        validators=[AnyOf(DANGER_RECIPIENTS, message="Choisissez le destinataire.")],
    )


class ConsentForm(FlaskForm):
    """The family's signed consent: who signed, when, for which services and information."""

    service = SelectMultipleField("Services", validate_choice=False)
    information = SelectMultipleField("Informations à transmettre", validate_choice=False)
    given_by = StringField(
        "Signé par",
        filters=[_stripped],
        validators=[
            DataRequired("Indiquez qui a signé."),
            Length(max=200, message="200 caractères au plus."),
        ],
    )
    given_on = DayField("Le", validators=[InputRequired("Indiquez la date de la signature.")])
    found: list[Any] = []  # the services the view found for `service_uids()`

    def service_uids(self) -> list[uuid.UUID]:
        """Return the services asked for (a value that is not a UUID is left out)."""
        uids = []
        for value in self.service.data or []:
            try:
                uids.append(uuid.UUID(value))
            except ValueError:
                continue
        return uids

    def items(self) -> list[str]:
        """Return the information items asked for, those Relais knows only."""
        return [item for item in self.information.data or [] if item in INFORMATION]

    def validate_service(self, _field: Field) -> None:
        """Require at least one service found in the catalogue."""
        if not self.found:
            raise StopValidation("Choisissez au moins un service, puis affichez le formulaire.")

    def validate_information(self, _field: Field) -> None:
        """Require at least one information item to share."""
        if not self.items():
            raise StopValidation("Cochez au moins une information à transmettre.")


def blank_forms(today: dt.date) -> dict[str, FlaskForm]:
    """Return the child page's forms, blank, dated today (never reading what was posted)."""
    return {
        "contact_form": ContactForm(formdata=None, on=today),
        "danger_form": DangerReportForm(formdata=None, transmitted_on=today),
        "step_form": PathwayTransitionForm(formdata=None),
    }
