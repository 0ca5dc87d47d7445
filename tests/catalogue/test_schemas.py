"""Catalogue validation: a bad value is refused with a field-level message."""

import pytest
from marshmallow import ValidationError

from catalogue.schemas import OrganisationInput, PlaceInput, ServiceInput


def _errors(schema, data):
    with pytest.raises(ValidationError) as caught:
        schema.load(data)
    return caught.value.messages


def test_valid_service_loads_with_defaults():
    loaded = ServiceInput(known_needs={"sport--pratique-en-club"}).load(
        {
            "name": "Club de foot",
            "needs": ["sport--pratique-en-club"],
            "opening_hours": "Mo-Fr 09:00-17:00",
        }
    )
    assert loaded["status"] == "pending"
    assert loaded["cost"] == "free"
    assert loaded["area_communes"] == []


def test_bad_opening_hours_are_refused():
    assert "opening_hours" in _errors(
        ServiceInput(), {"name": "X y", "opening_hours": "lundi matin"}
    )


def test_age_min_above_age_max_is_refused_on_age_max():
    messages = _errors(ServiceInput(), {"name": "Atelier", "age_min": 12, "age_max": 10})
    assert messages["age_max"] == ["L'âge minimum (12 ans) dépasse l'âge maximum (10 ans)."]


def test_equal_ages_are_accepted():
    assert ServiceInput().load({"name": "Atelier", "age_min": 10, "age_max": 10})["age_max"] == 10


def test_unknown_need_code_is_refused():
    messages = _errors(ServiceInput(known_needs={"a--b"}), {"name": "Atelier", "needs": ["x--y"]})
    assert messages["needs"] == ["Besoin inconnu : x--y."]


def test_suspension_needs_an_end_date():
    assert "suspended_until" in _errors(ServiceInput(), {"name": "Atelier", "status": "suspended"})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "open"),
        ("cost", "cheap"),
        ("capacity", "maybe"),
        ("publics", ["adults"]),
        ("area_communes", ["8619"]),
        ("area_epcis", ["20006985"]),
        ("area_radius_km", 0),
        ("referral_email", "pas-une-adresse"),
        ("age_min", -1),
    ],
)
def test_each_enumerated_or_coded_field_refuses_a_bad_value(field, value):
    assert field in _errors(ServiceInput(), {"name": "Atelier", field: value})


def test_name_is_required():
    assert _errors(ServiceInput(), {})["name"] == ["Ce champ est obligatoire."]


def test_siret_with_a_bad_check_digit_is_refused():
    assert "siret" in _errors(OrganisationInput(), {"name": "CAF", "siret": "73282932000075"})


def test_valid_siret_is_accepted():
    assert OrganisationInput().load({"name": "CAF", "siret": "73282932000074"})["siret"]


def test_latitude_without_longitude_is_refused():
    assert "longitude" in _errors(PlaceInput(), {"latitude": 46.5})


def test_out_of_range_latitude_is_refused():
    assert "latitude" in _errors(PlaceInput(), {"latitude": 146.5, "longitude": 0.3})
