"""Partner pages for places: add and edit one's organisation's places."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from catalogue.models import Place
from referral import database, permissions
from referral.accounts.decorators import not_found_unless
from referral.geocoding import get_geocoder
from referral.partners import services
from referral.partners.forms import PlaceForm, place_formdata
from referral.partners.views import editor_only, partner_only

LOCATED = {
    "address": " Position trouvée d'après l'adresse.",
    "street": " Position trouvée d'après la rue.",
    "commune": " Position approximative (centre de la commune) : précisez l'adresse si possible.",
}


def _own_place(uid: uuid.UUID) -> Place:
    found = services.place_by_uid(database.session(), uid)
    not_found_unless(found is not None and permissions.can_manage_place(current_user, found))
    assert found is not None
    return found


@partner_only
def new_place() -> ResponseReturnValue:
    """Add a place of one's organisation."""
    return _place_form(None)


@editor_only
def edit_place(uid: uuid.UUID) -> ResponseReturnValue:
    """Edit one of the organisation's places."""
    return _place_form(_own_place(uid))


def _place_form(place: Place | None) -> ResponseReturnValue:
    form = PlaceForm() if request.method == "POST" else PlaceForm(formdata=_stored(place))
    if request.method == "GET":
        return render_template("partners/place_form.html", place=place, form=form)
    if not form.validate():
        return render_template("partners/place_form.html", place=place, form=form), 400
    organisation = place.organisation if place else current_user.organisation
    values = form.values()
    precision = services.locate_place(
        database.session(), values, get_geocoder(), dt.datetime.now(dt.UTC)
    )
    try:
        services.save_place(database.session(), current_user, organisation, values, place)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {}
        for name, texts in messages.items():
            field = form._fields.get("commune" if name == "commune_insee" else name)
            if field is not None:
                field.errors = [*field.errors, *map(str, texts)]
        return render_template("partners/place_form.html", place=place, form=form), 400
    flash(f"Lieu enregistré.{LOCATED.get(precision or '', '')}", "success")
    return redirect(url_for("partners.dashboard"))


def _stored(place: Place | None) -> MultiDict[str, Any] | None:
    return place_formdata(place) if place else MultiDict()
