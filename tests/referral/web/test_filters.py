"""The French presentation layer: numbers, dates, plurals, languages, phones, places, changes."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from referral.web import filters, places

NNBSP = "\u202f"


def test_numbers_take_a_decimal_comma_and_a_thin_space():
    assert filters.french_number(1234.56) == f"1{NNBSP}234,6"
    assert filters.french_number(5.7) == "5,7"
    assert filters.french_number(40, 0) == "40"


def test_dates_read_short_or_long_in_french():
    assert filters.french_date(dt.date(2026, 12, 7)) == "07/12/2026"
    assert filters.french_date(dt.date(2026, 12, 7), "long") == "7 décembre 2026"
    assert filters.french_date(None) == ""


def test_the_first_of_the_month_reads_premier():
    assert filters.french_date(dt.date(2026, 3, 1), "long") == "1er mars 2026"
    assert filters.french_date(dt.date(2026, 3, 1)) == "01/03/2026"


def test_an_iso_date_from_json_reads_in_french_and_a_bad_one_as_written():
    assert filters.french_date("2026-12-07", "long") == "7 décembre 2026"
    assert filters.french_date("bientôt") == "bientôt"


def test_a_moment_reads_with_its_time_in_france():
    moment = dt.datetime(2026, 3, 1, 13, 5, tzinfo=dt.UTC)
    assert filters.french_datetime(moment) == "1er mars 2026 à 14:05"


def test_a_naive_moment_is_utc_as_sqlite_gives_it_back():
    assert filters.french_datetime(dt.datetime(2026, 7, 1, 12, 0)) == "1er juillet 2026 à 14:00"


def test_a_moment_late_in_a_winter_evening_is_already_the_next_day_in_paris():
    moment = dt.datetime(2026, 1, 14, 23, 30, tzinfo=dt.UTC)
    assert filters.french_date(moment, "long") == "15 janvier 2026"
    assert filters.french_datetime(moment) == "15 janvier 2026 à 00:30"


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 commune"), (1, "1 commune"), (2, "2 communes")]
)
def test_plurals_follow_the_french_rule(count, expected):
    assert filters.plural(count, "commune") == expected


def test_languages_are_named_in_french_even_beyond_our_table():
    assert filters.languages(["fr", "pt"]) == "français et portugais"
    assert filters.language_name("de") == "allemand"


def test_a_french_phone_number_is_spaced_and_linked():
    assert filters.phone("0549123456") == "05 49 12 34 56"
    assert str(filters.phone_link("05.49.12.34.56")) == (
        '<a href="tel:+33549123456">05 49 12 34 56</a>'
    )


def test_text_that_is_no_phone_number_stays_as_written_and_escaped():
    assert str(filters.phone_link("<accueil>")) == "&lt;accueil&gt;"


def test_an_address_carries_its_commune_name(app):
    place = SimpleNamespace(address="59 rue des Tilleuls", postcode="86000", commune_insee="86194")
    with app.app_context():
        assert places.address(place) == "59 rue des Tilleuls, 86000 Poitiers"


def _service(**area):
    defaults = {"area_radius_km": None, "area_communes": [], "area_epcis": [],
                "area_departments": []}  # fmt: skip
    return SimpleNamespace(**(defaults | area))


def test_an_intercommunality_is_named_with_its_commune_count(app):
    with app.app_context():
        assert places.service_area(_service(area_epcis=["200069854"])) == (
            "Communauté urbaine du Grand Poitiers (40 communes)"
        )


def test_communes_and_departments_are_named(app):
    service = _service(area_communes=["86194", "86041"], area_departments=["86"])
    with app.app_context():
        assert places.service_area(service) == "Poitiers, Buxerolles et Vienne (86)"


def test_a_radius_and_no_area_read_in_words(app):
    with app.app_context():
        assert places.service_area(_service(area_radius_km=7.5)) == (
            "à moins de 7,5 km du lieu d'accueil"
        )
        assert places.service_area(_service()) == "sans restriction de secteur"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("capacity", "waitlist", "liste d'attente"),
        ("cost", "income_based", "selon le quotient familial"),
        ("qpv_only", False, "non"),
        ("area_departments", ["86"], "Vienne (86)"),
        ("languages", ["fr", "pt"], "français et portugais"),
        ("opening_hours", "We 09:00-12:00", "Le mercredi de 9 h à 12 h."),
        ("suspended_until", "2026-12-07", "07/12/2026"),
        ("description", None, "—"),
        ("source", "demo", "données de démonstration"),
    ],
)
def test_a_change_reads_in_words(app, field, value, expected):
    with app.app_context():
        assert places.change_value(value, field) == expected


def test_an_audit_event_reads_in_words():
    from referral.web import audit_words

    assert audit_words.audit_action("permission.denied") == "accès refusé"
    assert audit_words.audit_action("read_pathway") == "consultation d'un parcours"
    assert audit_words.audit_target("referral", 12) == "orientation n° 12"
    assert audit_words.audit_target("service", "None") == "service"
    assert audit_words.audit_details(
        {"endpoint": "pathways.show", "method": "GET", "from": "open", "to": "waitlist"}
    ) == [("page", "parcours"), ("requête", "lecture"), ("avant", "accepte les orientations"),
          ("après", "liste d'attente")]  # fmt: skip
