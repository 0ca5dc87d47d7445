"""The opening-hours editor: editor → OSM → editor keeps every demo and importer value."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from catalogue.hours import parse_weekly
from referral.demo.catalogue_templates import HOURS
from referral.partners.hours_form import HoursForm, hours_formdata
from tests.catalogue.test_plain_hours import _importer_hours

IMPORTER_HOURS = _importer_hours()  # read from the importers' test files


def _editor(app, data):
    with app.test_request_context(method="POST", data=MultiDict(data)):
        form = HoursForm(prefix="hours")
        valid = form.validate()
        return form, valid


@pytest.mark.parametrize(
    "value", sorted({v for pool in HOURS.values() for v in pool} | set(IMPORTER_HOURS))
)
def test_editor_round_trip_keeps_the_hours(app, value):
    form, valid = _editor(app, hours_formdata(value))
    assert valid, form.errors
    written = form.osm_value()
    assert parse_weekly(written) == parse_weekly(value)
    again, _ = _editor(app, hours_formdata(written))
    assert again.osm_value() == written


def test_days_and_ranges_typed_in_the_editor_become_osm(app):
    data = {
        "hours-week-mo-start1": "09:00", "hours-week-mo-end1": "12:00",
        "hours-week-tu-start1": "09:00", "hours-week-tu-end1": "12:00",
        "hours-week-tu-start2": "14:00", "hours-week-tu-end2": "17:30",
        "hours-closed_public_holidays": "y",
        "hours-season_from": "9", "hours-season_to": "6",
    }  # fmt: skip
    form, valid = _editor(app, data)
    assert valid
    assert form.osm_value() == "Sep-Jun Mo 09:00-12:00; Sep-Jun Tu 09:00-12:00,14:00-17:30; PH off"


def test_a_range_that_closes_before_it_opens_is_refused_in_french(app):
    form, valid = _editor(app, {"hours-week-we-start1": "14:00", "hours-week-we-end1": "09:00"})
    assert not valid
    assert form.week["we"].form.end1.errors == [
        "L'heure de fermeture doit suivre l'heure d'ouverture."
    ]


def test_hours_the_editor_cannot_show_stay_as_advanced_text(app):
    value = 'Mo-Fr 09:00-12:00 "sur rendez-vous"'
    assert hours_formdata(value) == {"hours-text": value}
    form, _ = _editor(app, hours_formdata(value))
    assert form.osm_value() == value
